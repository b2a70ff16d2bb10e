package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"

	"naskah/letters"
	"naskah/letters/scan"
	"naskah/store"
)

func init() {
	commands["ocr"] = command{"Membaca teks berkas pindaian (PDF/JPEG/PNG) dan menyarankan rincian surat", runOCR}
}

// ocrOutput is what `naskah ocr --json` prints for one file.
type ocrOutput struct {
	File       string              `json:"file"`
	Method     string              `json:"method"`
	Pages      []scan.Page         `json:"pages"`
	Seconds    float64             `json:"seconds"`
	Suggestion *letters.Suggestion `json:"suggestion"`
	Text       string              `json:"text"`
}

func runOCR(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	var letterID int64
	var ex scan.Extractor
	fs := newFlagSet("ocr", "ocr BERKAS [--json]  |  ocr --letter ID [--data DIR]",
		"Membaca teks sebuah berkas pindaian (lapisan teks PDF, atau OCR Tesseract bahasa Indonesia) dan\nmencetak teksnya serta rincian surat yang disarankan: asal, nomor, tanggal, sifat, lampiran, hal,\ntujuan. Berkas asli tidak diubah. Dengan --letter, mencetak hasil pembacaan lampiran surat\nyang tersimpan di direktori data.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak sebagai JSON")
	fs.Int64Var(&letterID, "letter", 0, "tampilkan hasil pembacaan lampiran surat dengan ID ini")
	fs.IntVar(&ex.Limits.MaxPages, "max-pages", scan.DefaultLimits.MaxPages, "batas halaman per dokumen")
	fs.DurationVar(&ex.Limits.PageTimeout, "page-timeout", scan.DefaultLimits.PageTimeout, "batas waktu per halaman")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if letterID > 0 {
		return ocrLetter(ctx, d, letterID, asJSON)
	}
	if fs.NArg() != 1 {
		return letters.Errorf(letters.EINVALID, "Sebutkan satu berkas: naskah ocr BERKAS [--json].")
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return letters.Errorf(letters.EINVALID, "Berkas %q tidak dapat dibuka: %v", path, err)
	}
	if len(data) > letters.MaxUploadSize {
		return letters.Errorf(letters.ETOOLARGE, "Berkas %q melebihi batas %d MB.", path, letters.MaxUploadSize>>20)
	}
	res, err := ex.Extract(ctx, filepath.Base(path), data)
	if err != nil {
		return err
	}
	sug := scan.Suggest(res.Text)
	out := ocrOutput{File: path, Method: res.Method, Pages: res.Pages, Seconds: res.Duration.Seconds(), Suggestion: &sug, Text: res.Text}
	if asJSON {
		return printJSON(os.Stdout, out)
	}
	printSuggestion(os.Stdout, &sug)
	fmt.Printf("\nCara baca: %s, %d halaman, %.1f detik\n", methodLabel(res.Method), len(res.Pages), res.Duration.Seconds())
	fmt.Printf("\n--- Teks ---\n%s\n", res.Text)
	return nil
}

// ocrLetter prints the stored scans of a letter.
func ocrLetter(ctx context.Context, d dataFlags, id int64, asJSON bool) error {
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	scans, err := store.NewScanService(a.db).FindLetterScans(ctx, id)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, scans)
	}
	if len(scans) == 0 {
		fmt.Println("Surat ini tidak memiliki lampiran PDF/JPEG/PNG.")
	}
	for _, s := range scans {
		fmt.Printf("== %s (lampiran %d): %s\n", s.Name, s.AttachmentID, s.Status.Label())
		switch s.Status {
		case letters.ScanFailed:
			fmt.Printf("Alasan: %s\n", s.Reason)
		case letters.ScanDone:
			printSuggestion(os.Stdout, s.Suggestion)
			fmt.Printf("Cara baca: %s, %d halaman, %.1f detik\n--- Teks ---\n%s\n", methodLabel(s.Method), s.Pages, s.Duration.Seconds(), s.Text)
		}
		fmt.Println()
	}
	return nil
}

func methodLabel(m string) string {
	switch m {
	case letters.ScanMethodText:
		return "lapisan teks PDF"
	case letters.ScanMethodOCR:
		return "OCR"
	case letters.ScanMethodMix:
		return "lapisan teks PDF dan OCR"
	}
	return m
}

// printSuggestion prints the suggested details, one per line.
func printSuggestion(w io.Writer, s *letters.Suggestion) {
	if s == nil || s.Empty() {
		fmt.Fprintln(w, "Rincian surat tidak ditemukan dalam teks.")
		return
	}
	date := ""
	if s.Date != nil {
		date = letters.FormatDate(*s.Date)
	}
	fmt.Fprintln(w, "Rincian surat yang disarankan (periksa sebelum dipakai):")
	for _, f := range [][2]string{{"Asal surat", s.Origin}, {"Nomor", s.Number}, {"Tempat", s.Place}, {"Tanggal", date},
		{"Sifat", s.Nature}, {"Lampiran", s.Enclosure}, {"Hal", s.Subject}, {"Yth.", s.Addressee}} {
		v := f[1]
		if v == "" {
			v = "(tidak ditemukan)"
		}
		fmt.Fprintf(w, "  %-11s %s\n", f[0]+":", v)
	}
}

// startScanWorker reads the text of stored attachments in the background
// until ctx ends or the returned stop is called (it waits for the worker,
// so the store is not closed under it). Intake never waits for it.
func (a *app) startScanWorker(ctx context.Context, logger *slog.Logger) (stop func()) {
	w := &scan.Worker{
		Queue:     store.NewScanService(a.db),
		Files:     a.files,
		Extractor: &scan.Extractor{},
		Logger:    logger,
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		logger.Warn("tesseract tidak terpasang: pindaian tanpa lapisan teks akan ditandai gagal dibaca (apt-get install tesseract-ocr tesseract-ocr-ind)")
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(ctx)
	}()
	return func() {
		cancel()
		<-done
	}
}
