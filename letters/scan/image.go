package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig and image.Decode
	_ "image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"naskah/letters"
)

// CheckImage reads only the header of a JPEG or PNG and refuses an image
// whose size passes the limits, before a single pixel is decoded: a small
// file can claim 100,000 × 100,000 pixels (a "pixel flood") and exhaust
// memory in any decoder.
func (e *Extractor) CheckImage(name string, data []byte) (image.Config, error) {
	lim := e.limits()
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, letters.Errorf(letters.EINVALID, "Gambar %q rusak: kepalanya tidak dapat dibaca.", name)
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, letters.Errorf(letters.EINVALID, "Gambar %q rusak: ukurannya %d × %d piksel.", name, cfg.Width, cfg.Height)
	}
	if px > lim.MaxPixels || cfg.Width > lim.MaxDimension || cfg.Height > lim.MaxDimension {
		return cfg, letters.Errorf(letters.ETOOLARGE, "Gambar %q berukuran %s × %s piksel, melebihi batas pembacaan (sisi terpanjang %s piksel, luas %s juta piksel); gambar tidak dibuka agar server tidak kehabisan memori. Pindai ulang dengan resolusi 300 dpi.",
			name, thousands(int64(cfg.Width)), thousands(int64(cfg.Height)), thousands(int64(lim.MaxDimension)), thousands(lim.MaxPixels/1_000_000))
	}
	return cfg, nil
}

// extractImage checks the header, decodes the image fully (a truncated or
// damaged file is caught here with a clear reason, not deep in Tesseract) and
// OCRs a private copy.
func (e *Extractor) extractImage(ctx context.Context, dir, name string, data []byte) (*Result, error) {
	start := time.Now()
	cfg, err := e.CheckImage(name, data)
	if err != nil {
		return nil, err
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Gambar %q rusak atau terpotong, sehingga tidak dapat dibaca. Pindai ulang suratnya.", name)
	}
	ext := ".png"
	if bytes.HasPrefix(data, []byte{0xff, 0xd8}) {
		ext = ".jpg"
	}
	path := filepath.Join(dir, "in"+ext)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("scan: write temp: %w", err)
	}
	// A scan without resolution metadata is read as 300 dpi, what a desk
	// scanner produces for letters; Tesseract's guess is often far off.
	dpi := 300
	if cfg.Width < 1800 {
		dpi = 200
	}
	text, err := e.tesseract(ctx, path, 1, dpi)
	if err != nil {
		return nil, err
	}
	return &Result{Pages: []Page{{Number: 1, Method: letters.ScanMethodOCR, Text: text, Duration: time.Since(start)}}}, nil
}

// tesseract OCRs one image file and returns its text, laid out from the
// word boxes (see layoutText). Page segmentation mode 4 (one column of
// lines of varying size) keeps a letter's label, colon and value on one
// line, which the automatic mode splits into blocks.
func (e *Extractor) tesseract(ctx context.Context, path string, page, dpi int) (string, error) {
	out, err := e.run(ctx, fmt.Sprintf("Pembacaan OCR halaman %d", page), "tesseract", path, "stdout",
		"-l", e.languages(), "--psm", "4", "--dpi", strconv.Itoa(dpi), "tsv")
	if err != nil {
		var ce *commandError
		if errors.As(err, &ce) {
			return "", letters.Errorf(letters.EINVALID, "Halaman %d tidak dapat dibaca OCR (%s).", page, firstLine(ce.stderr))
		}
		return "", err
	}
	if e.onTSV != nil {
		e.onTSV(page, string(out))
	}
	words, width := parseTSV(string(out))
	return cleanText(layoutText(words, width)), nil
}

// thousands formats n with dots between thousands, as Indonesians write it.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}
