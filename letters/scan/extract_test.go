package scan

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
)

// A PDF with a text layer is read from it: no page goes to OCR (the OCR
// language is one that does not exist, so any OCR would fail).
func TestExtract_TextLayerNeedsNoOCR(t *testing.T) {
	needTools(t, "pdfinfo", "pdftotext")
	l := genLetter(1)
	e := Extractor{Languages: "tidak_ada"}
	res, err := e.Extract(context.Background(), "surat.pdf", l.PDF(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Method != letters.ScanMethodText || len(res.Pages) != 1 {
		t.Fatalf("method %q, %d pages; want the text layer of 1 page", res.Method, len(res.Pages))
	}
	s := Suggest(res.Text)
	if s.Number != l.Number || s.Subject != l.Subject || s.Date == nil || !s.Date.Equal(l.Date) || s.Origin == "" {
		t.Fatalf("suggestion from the text layer = %+v\nwant number %q, subject %q, date %v", s, l.Number, l.Subject, l.Date)
	}
}

// Each bad file is refused with a reason a clerk understands.
func TestExtract_BadFilesFlaggedWithReason(t *testing.T) {
	needTools(t, "pdfinfo", "pdftotext", "pdftoppm", "tesseract")
	cases := []struct {
		name, file string
		data       func(t *testing.T) []byte
		code, want string
	}{
		{"pixel flood", "banjir.png", func(*testing.T) []byte { return floodPNG(100_000, 100_000) }, letters.ETOOLARGE, "100.000 × 100.000 piksel"},
		{"corrupt JPEG", "rusak.jpg", corruptJPEG, letters.EINVALID, "rusak atau terpotong"},
		{"500 pages", "tebal.pdf", func(t *testing.T) []byte { return manyPages(t, 500) }, letters.ETOOLARGE, "500 halaman, melebihi batas 50"},
		{"password", "terkunci.pdf", lockedPDF, letters.EINVALID, "dilindungi kata sandi"},
		{"not a PDF", "palsu.pdf", func(*testing.T) []byte { return []byte("%PDF-1.4\nbukan pdf\n%%EOF\n") }, letters.EINVALID, "rusak"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var e Extractor
			_, err := e.Extract(context.Background(), c.file, c.data(t))
			if letters.ErrorCode(err) != c.code || !strings.Contains(letters.ErrorMessage(err), c.want) ||
				!strings.Contains(letters.ErrorMessage(err), c.file) {
				t.Fatalf("err = %v; want %s naming %q and saying %q", err, c.code, c.file, c.want)
			}
			t.Log(letters.ErrorMessage(err))
		})
	}
}

// floodPNG is a valid PNG header claiming w × h pixels, with one tiny
// IDAT: a few dozen bytes that would need tens of gigabytes decoded.
func floodPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grey
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// corruptJPEG is a scan cut off halfway: the header is fine, the data not.
func corruptJPEG(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 400, 300))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	return data[:len(data)/2]
}

// manyPages is a PDF of n short pages.
func manyPages(t *testing.T, n int) []byte {
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetFont("Times", "", 12)
	for i := 1; i <= n; i++ {
		f.AddPage()
		f.Cell(0, 10, "Halaman lampiran")
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lockedPDF is a letter encrypted with a user password (qpdf).
func lockedPDF(t *testing.T) []byte {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf is not installed: the password case is not run")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, genLetter(2).PDF(t), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("qpdf", "--encrypt", "rahasia", "pemilik", "256", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v: %s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
