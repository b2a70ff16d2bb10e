package mail_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"naskah/letters"
)

// BenchmarkImportMaildir imports a generated Maildir into a fresh office,
// with the full-text index, and reports messages per second. It uses 500
// messages unless NASKAH_BENCH_MAILS says otherwise (the figure is
// for 10000):
//
//	NASKAH_BENCH_MAILS=10000 go test -tags sqlite_fts5 -run '^$' -bench ImportMaildir -benchtime 1x ./mail/
func BenchmarkImportMaildir(b *testing.B) {
	n := 500
	if v, err := strconv.Atoi(os.Getenv("NASKAH_BENCH_MAILS")); err == nil && v > 0 {
		n = v
	}
	md := filepath.Join(b.TempDir(), "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	for i := range n {
		body := fmt.Sprintf("Yth. Kepala Badan,\n\nSaya warga nomor %d mengadukan antrean loket pembayaran pajak "+
			"kendaraan bermotor yang lambat dan petugas yang tidak ramah. Mohon ditindaklanjuti.\n\nHormat saya,\nWarga %d", i, i)
		raw := message(fmt.Sprintf("bench-%d@warga.example.id", i), fmt.Sprintf("Warga %d <warga%d@example.id>", i, i),
			fmt.Sprintf("Pengaduan antrean loket %d", i), body)
		if err := os.WriteFile(filepath.Join(md, "cur", fmt.Sprintf("%d.bench:2,S", i)), raw, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	var total int
	for range b.N {
		b.StopTimer()
		o := openOffice(b, "bkad-kalbar")
		b.StartTimer()
		sum, err := o.intake.Import(context.Background(), []string{md}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Letters != n {
			b.Fatalf("imported %+v, want %d letters", sum, n)
		}
		total += n
		b.StopTimer()
		// The index finds them (a search counts up to letters.SearchLimit and says "more").
		list, found, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Query: "antrean", Limit: 1})
		if err != nil || found != min(n, letters.SearchLimit+1) || len(list) != 1 {
			b.Fatalf("search found %d (%v), want %d", found, err, min(n, letters.SearchLimit+1))
		}
		// Each letter is found by its own number (in the body and subject).
		if _, found, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Query: fmt.Sprint(n - 1), Limit: 1}); err != nil || found < 1 {
			b.Fatalf("search for the last letter found %d (%v)", found, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "msgs/s")
}
