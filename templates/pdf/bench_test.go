package pdf

import (
	"bytes"
	"io"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

func BenchmarkReceipt(b *testing.B) {
	r := renderer(b)
	data := bkadReceipt(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.Receipt(&buf, data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes/pdf")
}

// BenchmarkFontStrategies compares the same short page written with gofpdf's
// own UTF-8 fonts, added to each document (regular and bold), with the
// renderer's single-byte planes built once per process (fonts.go).
func BenchmarkFontStrategies(b *testing.B) {
	const line = "Drs. Agustinus Ñañez Pōhan, M.Si. — Yohanes Bosko Ndéwi, Kepala Sub Bagian Rencana Kerja"
	b.Run("utf8-per-document", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := gofpdf.New("P", "mm", "A4", "")
			f.AddUTF8FontFromBytes("dv", "", regularTTF)
			f.AddUTF8FontFromBytes("dv", "B", boldTTF)
			f.AddPage()
			f.SetFont("dv", "B", 13)
			f.Text(20, 20, line)
			f.SetFont("dv", "", 10)
			for i := 0; i < 20; i++ {
				f.Text(20, 30+float64(i)*5, line)
			}
			if err := f.Output(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("planes", func(b *testing.B) {
		r := renderer(b)
		b.ReportAllocs()
		for b.Loop() {
			d := r.newDoc("t", "a")
			d.font(styleBold, 13)
			d.text(20, 20, line)
			d.font(styleRegular, 10)
			for i := 0; i < 20; i++ {
				d.text(20, 30+float64(i)*5, line)
			}
			if err := d.finish(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
