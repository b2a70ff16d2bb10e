// Package pdf renders the office's printed documents (Tanda Bukti Pengaduan,
// and later the disposition sheet and answer letters) with gofpdf. Text is
// in DejaVu Sans Condensed, embedded, so any Latin name prints as written.
package pdf

import (
	"bytes"
	"fmt"
	"io"
)

// Page geometry of every document, in millimetres (A4 portrait).
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 20.0
	marginTop    = 12.0
	marginBottom = 15.0
	contentW     = pageW - 2*marginX
)

// Renderer writes documents. Its fonts are read once per process, however
// many renderers are made; a Renderer is safe for concurrent use.
type Renderer struct {
	fonts *fontSet
}

// NewRenderer returns a renderer, reading the embedded fonts on the first
// call in the process.
func NewRenderer() (*Renderer, error) {
	fs, err := loadFonts()
	if err != nil {
		return nil, fmt.Errorf("pdf: fonts: %w", err)
	}
	return &Renderer{fonts: fs}, nil
}

// finish numbers the pages when there is more than one and writes d to w,
// returning gofpdf's first error, if any.
func (d *doc) finish(w io.Writer) error {
	if n := d.PageCount(); n > 1 {
		for i := 1; i <= n; i++ {
			d.SetPage(i)
			d.SetTextColor(90, 90, 90)
			d.font(styleRegular, 8)
			d.textRight(d.pw-d.mx, d.ph-8, fmt.Sprintf("Halaman %d dari %d", i, n))
		}
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

// need starts a new page when h mm do not fit below y; it returns the y to
// write at. A new page starts with the document's reference line.
func (d *doc) need(y, h float64) float64 {
	if y+h <= d.ph-marginBottom {
		return y
	}
	style, size := d.style, d.size
	d.AddPage()
	y = marginTop + 4
	if d.ref != "" {
		d.SetTextColor(90, 90, 90)
		d.font(styleRegular, 8)
		d.text(d.mx, y, d.ref+" (lanjutan)")
		d.SetDrawColor(150, 150, 150)
		d.SetLineWidth(0.2)
		d.Line(d.mx, y+1.8, d.pw-d.mx, y+1.8)
		d.SetTextColor(0, 0, 0)
		d.SetDrawColor(0, 0, 0)
		y += 8
	}
	d.font(style, size)
	return y
}
