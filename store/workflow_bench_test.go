package store_test

import "testing"

// BenchmarkSignBeritaAcara measures SignDraft for one Berita Acara: the
// write transaction that takes the number, renders the PDF with its paraf
// table and QR code, signs it (PKCS#7), stores the file and writes the
// rows. Setting up each draft is not timed.
func BenchmarkSignBeritaAcara(b *testing.B) {
	o := MustOffice(b, "bkad-kalbar")
	analis, kasubag := o.As(b, "analis"), o.As(b, "kasubag_rkme")
	var size int64
	for b.Loop() {
		b.StopTimer()
		l := disposedTo(b, o, "analis", "Pengaduan untuk tolok ukur")
		d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := o.WF.SubmitDraft(analis, d.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		doc, err := o.WF.SignDraft(kasubag, d.ID)
		if err != nil {
			b.Fatal(err)
		}
		size = doc.Size
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}
