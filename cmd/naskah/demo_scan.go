package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
	"naskah/letters/scan"
	"naskah/store"
)

// demoScanLetter shows text extraction: an official letter from another
// office arrives as a PDF; its text is read at once (a text layer needs no
// OCR) and the suggested details are printed. Scans without a text layer
// are read by the worker of `naskah serve`.
func (a *app) demoScanLetter(ctx context.Context, w io.Writer) error {
	if a.profile.Channel("surat") == nil {
		return nil
	}
	data, err := demoOfficialLetter(a.profile.Office.Name)
	if err != nil {
		return err
	}
	actor, err := a.defaultActor(ctx, "surat")
	if err != nil {
		return err
	}
	if ctx, err = a.actAs(ctx, actor); err != nil {
		return err
	}
	l := &letters.Letter{Category: letters.CategorySurat, Channel: "surat", Subject: "Surat dinas masuk (dipindai)",
		Origin: "Dinas Pendidikan dan Kebudayaan", Statement: true,
		Complainant: letters.Party{Name: "Dinas Pendidikan dan Kebudayaan", Organisation: "Pemerintah Kabupaten Kubu Raya",
			Address: "Jalan Arteri Supadio Km. 17, Sungai Raya", Phone: "0561721234", Email: "dikbud@kuburayakab.go.id"}}
	if err := a.letters.CreateLetter(ctx, l, []letters.Upload{{Name: "surat-dikbud.pdf", Data: data}}); err != nil {
		return err
	}
	var ex scan.Extractor
	res, err := ex.Extract(ctx, "surat-dikbud.pdf", data)
	if err != nil {
		return nil // poppler missing: the worker of `naskah serve` flags it
	}
	sug := scan.Suggest(res.Text)
	if err := store.NewScanService(a.db).FinishScanJob(ctx, l.Attachments[0].ID, &letters.Scan{Status: letters.ScanDone,
		Method: res.Method, Pages: len(res.Pages), Text: res.Text, Suggestion: &sug, Duration: res.Duration}); err != nil {
		return err
	}
	fmt.Fprintf(w, "Surat dinas %s dibaca dari PDF-nya: nomor %s, hal %q (lihat `naskah ocr --letter %d`).\n",
		l.AgendaNumber, sug.Number, sug.Subject, l.ID)
	return nil
}

// demoOfficialLetter renders an official letter addressed to office.
func demoOfficialLetter(office string) ([]byte, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetMargins(25, 15, 20)
	f.AddPage()
	f.SetFont("Times", "B", 14)
	f.CellFormat(0, 7, "PEMERINTAH KABUPATEN KUBU RAYA", "", 1, "C", false, 0, "")
	f.SetFont("Times", "B", 16)
	f.CellFormat(0, 7, "DINAS PENDIDIKAN DAN KEBUDAYAAN", "", 1, "C", false, 0, "")
	f.SetFont("Times", "", 10)
	f.CellFormat(0, 5, "Jalan Arteri Supadio Km. 17, Sungai Raya, Telepon (0561) 721234", "", 1, "C", false, 0, "")
	f.Line(25, f.GetY()+1, 190, f.GetY()+1)
	f.Ln(6)
	f.SetFont("Times", "", 12)
	now := time.Now()
	f.CellFormat(0, 6, fmt.Sprintf("Sungai Raya, %s", letters.FormatDate(now)), "", 1, "R", false, 0, "")
	roman := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[now.Month()-1]
	for _, r := range [][2]string{{"Nomor", fmt.Sprintf("900/417/DIKBUD/%s/%d", roman, now.Year())}, {"Sifat", "Segera"},
		{"Lampiran", "1 (satu) berkas"}, {"Hal", "Permohonan Verifikasi Tagihan Rehabilitasi Gedung Sekolah"}} {
		f.CellFormat(25, 6, r[0], "", 0, "L", false, 0, "")
		f.CellFormat(0, 6, ": "+r[1], "", 1, "L", false, 0, "")
	}
	f.Ln(6)
	f.MultiCell(110, 6, "Yth. Kepala "+office+"\ndi\n      Tempat", "", "L", false)
	f.Ln(4)
	f.MultiCell(0, 6, "Dengan hormat, bersama ini kami sampaikan tagihan pekerjaan rehabilitasi gedung SD Negeri 14 "+
		"Sungai Raya untuk diverifikasi sebelum pembayaran. Demikian disampaikan, atas perhatiannya diucapkan terima kasih.", "", "J", false)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("demo letter: %w", err)
	}
	return buf.Bytes(), nil
}
