package pdf

import (
	"context"
	"testing"

	"naskah/letters"
)

// BenchmarkBeritaAcara renders a one-page Berita Acara with its QR code and
// paraf table.
func BenchmarkBeritaAcara(b *testing.B) {
	r, c := renderer(b), beritaAcara(b)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		out, err := r.RenderDocument(c)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}

// BenchmarkBeritaAcaraSigned renders the Berita Acara and embeds the
// office's PKCS#7 signature (ECDSA P-256, SHA-256).
func BenchmarkBeritaAcaraSigned(b *testing.B) {
	r, c := renderer(b), beritaAcara(b)
	s, err := NewSigner(b.TempDir(), c.Profile.Office)
	if err != nil {
		b.Fatal(err)
	}
	info := letters.SignInfo{Signer: c.Signer, Reason: "Penandatanganan Berita Acara Penyelesaian Pengaduan", Location: "Pontianak", At: c.Date}
	var n int
	b.ReportAllocs()
	for b.Loop() {
		out, err := r.RenderDocument(c)
		if err != nil {
			b.Fatal(err)
		}
		if out, err = s.Sign(context.Background(), out, info); err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}

// renderedBA renders the Berita Acara once and makes the office's signer.
func renderedBA(b *testing.B) (letters.DocumentContent, []byte, *Signer) {
	c := beritaAcara(b)
	raw, err := renderer(b).RenderDocument(c)
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewSigner(b.TempDir(), c.Profile.Office)
	if err != nil {
		b.Fatal(err)
	}
	return c, raw, s
}

// BenchmarkSign and BenchmarkVerify measure the signature alone.
func BenchmarkSign(b *testing.B) {
	c, raw, s := renderedBA(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sign(context.Background(), raw, letters.SignInfo{Signer: c.Signer}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	c, raw, s := renderedBA(b)
	signed, err := s.Sign(context.Background(), raw, letters.SignInfo{Signer: c.Signer})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if check, err := s.Verify(context.Background(), signed); err != nil || !check.Valid {
			b.Fatal(err, check.Reason)
		}
	}
}

// BenchmarkDisposition renders a Lembar Disposisi with a cascade.
func BenchmarkDisposition(b *testing.B) {
	r, s := renderer(b), disposition(b)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		out, err := r.RenderDisposition(s)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}
