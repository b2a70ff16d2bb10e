package mail_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"naskah/letters"
	"naskah/mail"
)

// BenchmarkImportWriter measures the writer of a batched import alone:
// the messages of a Maildir are parsed and their files written first, then
// recorded 500 to a transaction; it reports per message the CPU time of the
// writer's thread, its wall time and the wall time of the commits. The
// Maildir is NASKAH_BENCH_MAILDIR (e.g. one written by `naskah bench-data
// --maildir`), else 500 generated messages:
//
//	NASKAH_BENCH_MAILDIR=Maildir go test -tags sqlite_fts5 -run '^$' -bench ImportWriter -benchtime 1x ./mail/
func BenchmarkImportWriter(b *testing.B) {
	md := os.Getenv("NASKAH_BENCH_MAILDIR")
	if md == "" {
		md = benchMaildir(b, 500)
	}
	var paths []string
	for _, sub := range []string{"cur", "new"} {
		names, _ := filepath.Glob(filepath.Join(md, sub, "*"))
		paths = append(paths, names...)
	}
	sort.Strings(paths)
	var cpu, wall, commitWall time.Duration
	var msgs int
	for range b.N {
		b.StopTimer()
		o := openOffice(b, "bkad-kalbar")
		o.now = time.Now()
		parsed := make([]*letters.MailMessage, 0, len(paths))
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			m, err := mail.Parse(raw)
			if err != nil {
				b.Fatal(err)
			}
			if err := o.mail.PrepareMessage(m); err != nil {
				b.Fatal(err)
			}
			parsed = append(parsed, m)
		}
		runtime.GC()
		b.StartTimer()
		runtime.LockOSThread()
		c0, t0 := threadCPU(), time.Now()
		ctx := context.Background()
		for i, m := range parsed {
			if _, err := o.mail.IngestBatched(ctx, letters.MailSource{Folder: "import", Path: paths[i]}, m); err != nil {
				b.Fatal(err)
			}
			if (i+1)%mail.DefaultBatchSize == 0 {
				tc := time.Now()
				if err := o.mail.CommitBatch(); err != nil {
					b.Fatal(err)
				}
				commitWall += time.Since(tc)
			}
		}
		if err := o.mail.CommitBatch(); err != nil {
			b.Fatal(err)
		}
		cpu += threadCPU() - c0
		wall += time.Since(t0)
		runtime.UnlockOSThread()
		o.mail.CloseBatches()
		msgs += len(parsed)
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(msgs)/1e3, "µs-cpu/msg")
	b.ReportMetric(float64(wall.Nanoseconds())/float64(msgs)/1e3, "µs-wall/msg")
	b.ReportMetric(float64(commitWall.Nanoseconds())/float64(msgs)/1e3, "µs-commit/msg")
}

// threadCPU is the CPU time (user and system) of the calling thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseMaildir parses every message of NASKAH_BENCH_MAILDIR (else
// 500 generated ones) on one goroutine: the workers' share of an import
// without the files they write.
func BenchmarkParseMaildir(b *testing.B) {
	md := os.Getenv("NASKAH_BENCH_MAILDIR")
	if md == "" {
		md = benchMaildir(b, 500)
	}
	var raws [][]byte
	for _, sub := range []string{"cur", "new"} {
		names, _ := filepath.Glob(filepath.Join(md, sub, "*"))
		for _, p := range names {
			raw, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			raws = append(raws, raw)
		}
	}
	b.ResetTimer()
	for range b.N {
		for _, raw := range raws {
			if _, err := mail.Parse(raw); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(raws))/1e3, "µs/msg")
}
