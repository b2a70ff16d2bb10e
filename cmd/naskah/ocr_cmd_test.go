package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// writeLetterPDF writes a one-page official letter with a text layer.
func writeLetterPDF(t *testing.T, path, word string) {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetMargins(25, 15, 20)
	f.AddPage()
	f.SetFont("Times", "B", 14)
	f.CellFormat(0, 7, "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", "", 1, "C", false, 0, "")
	f.SetFont("Times", "B", 16)
	f.CellFormat(0, 7, "BADAN KEUANGAN DAN ASET DAERAH", "", 1, "C", false, 0, "")
	f.SetFont("Times", "", 10)
	f.CellFormat(0, 5, "Jalan El Tari No. 52, Kupang, Telepon (0380) 821234", "", 1, "C", false, 0, "")
	f.Line(25, f.GetY()+1, 190, f.GetY()+1)
	f.Ln(6)
	f.SetFont("Times", "", 12)
	f.CellFormat(0, 6, "Kupang, 12 Oktober 2026", "", 1, "R", false, 0, "")
	for _, r := range [][2]string{{"Nomor", "800/123/BKAD/X/2026"}, {"Sifat", "Segera"}, {"Lampiran", "1 (satu) berkas"},
		{"Hal", "Permohonan Data Realisasi Anggaran"}} {
		f.CellFormat(25, 6, r[0], "", 0, "L", false, 0, "")
		f.CellFormat(0, 6, ": "+r[1], "", 1, "L", false, 0, "")
	}
	f.Ln(6)
	f.MultiCell(110, 6, "Yth. Kepala Biro Organisasi\ndi\n      Tempat", "", "L", false)
	f.Ln(4)
	f.MultiCell(0, 6, "Dengan hormat, bersama ini kami sampaikan bahwa gudang arsip di Kelurahan "+word+
		" memerlukan rak baru. Demikian disampaikan, atas perhatiannya diucapkan terima kasih.", "", "J", false)
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// toPNG renders page 1 of a PDF at 300 dpi: a scan without a text layer.
func toPNG(t *testing.T, pdf string) string {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, ".pdf")
	if b, err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	return prefix + ".png"
}

func needOCR(t *testing.T) {
	t.Helper()
	for _, n := range []string{"tesseract", "pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/test-deps.sh)", n)
			}
			t.Skipf("%s is not installed", n)
		}
	}
}

// `naskah ocr` prints the suggested details of a text PDF and of a scan.
func TestOCRCommand(t *testing.T) {
	needOCR(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "surat.pdf")
	writeLetterPDF(t, pdf, "Oebobo")
	out, err := runNaskah(t, "ocr", pdf, "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var got ocrOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s := got.Suggestion
	if got.Method != "text" || s.Number != "800/123/BKAD/X/2026" || s.Subject != "Permohonan Data Realisasi Anggaran" ||
		s.Date == nil || s.Date.Format("2006-01-02") != "2026-10-12" || s.Origin != "Badan Keuangan dan Aset Daerah" {
		t.Fatalf("ocr --json = %+v (%s)", s, got.Method)
	}

	png := toPNG(t, pdf)
	out, err = runNaskah(t, "ocr", png)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"Nomor:      800/123/BKAD/X/2026", "Tanggal:    12 Oktober 2026", "Sifat:      Segera",
		"Hal:        Permohonan Data Realisasi Anggaran", "Yth.:       Kepala Biro Organisasi", "Cara baca: OCR", "Oebobo"} {
		if !strings.Contains(out, want) {
			t.Errorf("ocr of the scan lacks %q:\n%s", want, out)
		}
	}

	out, err = runNaskah(t, "ocr", filepath.Join(dir, "tidak-ada.png"))
	if err == nil || !strings.Contains(out, "tidak dapat dibuka") {
		t.Errorf("a missing file: %v\n%s", err, out)
	}
}

// A scan registered from the command line is read by `naskah serve` in the
// background; afterwards a word only in the scan finds the letter.
func TestServeReadsScansInBackground(t *testing.T) {
	needOCR(t)
	dir, _ := demoDir(t, "bkad-kalbar")
	pdf := filepath.Join(t.TempDir(), "surat.pdf")
	writeLetterPDF(t, pdf, "Oepura")
	png := toPNG(t, pdf)
	out, err := runNaskah(t, "letters", "add", "--data", dir, "--channel", "surat", "--category", "surat",
		"--subject", "Surat masuk dipindai", "--name", "Biro Organisasi", "--organisation", "Pemprov NTT",
		"--address", "Jalan El Tari", "--phone", "0380821234", "--statement", "--attach", png, "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var l struct{ ID int64 }
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	_, _, kill := startServe(t, dir)
	defer kill()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		out, err = runNaskah(t, "ocr", "--letter", itoa(l.ID), "--data", dir, "--json")
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if strings.Contains(out, `"status": "done"`) {
			break
		}
		if strings.Contains(out, `"status": "failed"`) || time.Now().After(deadline) {
			t.Fatalf("scan not read:\n%s", out)
		}
		time.Sleep(500 * time.Millisecond)
	}
	if !strings.Contains(out, `"number": "800/123/BKAD/X/2026"`) {
		t.Errorf("stored suggestion lacks the number:\n%s", out)
	}
	out, err = runNaskah(t, "letters", "list", "--data", dir, "-q", "Oepura", "--json")
	if err != nil || !bytes.Contains([]byte(out), []byte("Surat masuk dipindai")) {
		t.Fatalf("search by a word in the scan: %v\n%s", err, out)
	}
}
