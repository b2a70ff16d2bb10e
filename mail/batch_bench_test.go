package mail_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"naskah/mail"
)

// BenchmarkImportPerMessage imports a Maildir into a fresh office (full-text
// index included) one transaction per message and in batches, and reports
// the cost of one message. The Maildir is NASKAH_BENCH_MAILDIR when set
// (e.g. one written by `naskah bench-data --maildir`), else 500 generated
// messages, one in ten with a PDF:
//
//	go test -tags sqlite_fts5 -run '^$' -bench ImportPerMessage -benchtime 1x ./mail/
func BenchmarkImportPerMessage(b *testing.B) {
	md := os.Getenv("NASKAH_BENCH_MAILDIR")
	if md == "" {
		md = benchMaildir(b, 500)
	}
	for _, size := range []int{1, mail.DefaultBatchSize} {
		b.Run("batch="+strconv.Itoa(size), func(b *testing.B) {
			var msgs int
			var spent time.Duration
			for range b.N {
				b.StopTimer()
				o := openOffice(b, "bkad-kalbar")
				o.now = time.Now()
				o.intake.BatchSize = size
				o.intake.Workers, _ = strconv.Atoi(os.Getenv("NASKAH_BENCH_WORKERS"))
				b.StartTimer()
				start := time.Now()
				sum, err := o.intake.Import(context.Background(), []string{md}, nil)
				spent += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if len(sum.Refused) > 0 || sum.Letters == 0 {
					b.Fatalf("imported %+v", sum)
				}
				msgs += sum.Messages
			}
			b.ReportMetric(float64(msgs)/spent.Seconds(), "msgs/s")
			b.ReportMetric(float64(spent.Nanoseconds())/float64(msgs), "ns/msg")
		})
	}
}

// benchMaildir writes n complaints: text or text and HTML, a PDF in every
// tenth.
func benchMaildir(b *testing.B, n int) string {
	md := filepath.Join(b.TempDir(), "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	for i := range n {
		id := fmt.Sprintf("bench-%d@warga.example.id", i)
		var raw []byte
		if i%10 == 9 {
			raw = withAttachment(id, fmt.Sprintf("pengaduan-%d.pdf", i), 30<<10)
		} else {
			raw = message(id, fmt.Sprintf("Warga %d <warga%d@example.id>", i, i), fmt.Sprintf("Pengaduan antrean loket %d", i),
				fmt.Sprintf("Yth. Kepala Badan,\n\nSaya warga nomor %d mengadukan antrean loket pembayaran pajak kendaraan "+
					"bermotor yang lambat dan petugas yang tidak ramah. Mohon ditindaklanjuti.\n\nHormat saya,\nWarga %d", i, i))
		}
		if err := os.WriteFile(filepath.Join(md, "cur", fmt.Sprintf("%06d.bench:2,S", i)), raw, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return md
}
