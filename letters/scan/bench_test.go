package scan

import (
	"context"
	"testing"
)

// BenchmarkOCRPage is the time to read one scanned A4 letter at 300 dpi
// (PNG, 0.8° skew, noise) with Tesseract, layout and suggestion included.
func BenchmarkOCRPage(b *testing.B) {
	needTools(b, "tesseract")
	data := scanned(b, genLetter(7), 300, 0.8, "png", 7)
	var e Extractor
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := e.Extract(context.Background(), "surat.png", data)
		if err != nil {
			b.Fatal(err)
		}
		Suggest(res.Text)
	}
}

// BenchmarkTextLayerPage is the same letter read from its PDF text layer.
func BenchmarkTextLayerPage(b *testing.B) {
	needTools(b, "pdftotext", "pdfinfo")
	data := genLetter(7).PDF(b)
	var e Extractor
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := e.Extract(context.Background(), "surat.pdf", data)
		if err != nil {
			b.Fatal(err)
		}
		Suggest(res.Text)
	}
}

// BenchmarkSuggest is the pure parser on a page of OCR text.
func BenchmarkSuggest(b *testing.B) {
	var e Extractor
	res, err := e.Extract(context.Background(), "surat.pdf", genLetter(7).PDF(b))
	if err != nil {
		b.Skip(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Suggest(res.Text)
	}
}
