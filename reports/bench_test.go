package reports_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/reports"
)

// benchCases is the number of cases of the benchmark's semester:
// NASKAH_REPORT_BENCH_N, or a small number so the default run stays quick.
// The figure in the notes is for 100,000.
func benchCases(b *testing.B) int {
	if s := os.Getenv("NASKAH_REPORT_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("NASKAH_REPORT_BENCH_N=%q is not a positive number", s)
		}
		return n
	}
	return 2000
}

// generated is a ReportService that makes n cases of a period in memory,
// spread over its months, one at a time, as the store streams them.
type generated struct {
	p   *letters.Profile
	cal *letters.Calendar
	n   int
}

func (g generated) ReportCases(ctx context.Context, per letters.Period, fn func(*letters.ReportCase) error) error {
	loc := g.cal.Location()
	start, end := per.Start(loc), per.End(loc)
	step := end.Sub(start) / time.Duration(g.n+1)
	statuses := []letters.Status{letters.StatusClosed, letters.StatusDelivered, letters.StatusDisposed,
		letters.StatusDrafting, letters.StatusEscalated, letters.StatusRegistered}
	for i := range g.n {
		recv := start.Add(time.Duration(i+1) * step)
		ch := g.p.Channels[i%len(g.p.Channels)]
		c := &letters.ReportCase{
			ID: int64(i + 1), AgendaNumber: fmt.Sprintf("000.8.3/%d/BKAD/%s/%d", i+1, "VII", per.Year),
			ReceivedAt: recv, Channel: ch.Code, Category: letters.CategoryPengaduan,
			Complainant: fmt.Sprintf("Pengadu %d", i), Subject: fmt.Sprintf("Pengaduan layanan nomor %d tentang pencairan dana", i),
			Holder: "analis", Responsible: "kasubag_rkme", DisposedTo: []string{"analis"},
			Status: statuses[i%len(statuses)], Deadline: g.cal.AddWorkingDays(recv, 5),
		}
		if !c.Status.Open() {
			done := g.cal.AddWorkingDays(recv, 2+i%6)
			c.CompletedAt, c.AnswerNumber = &done, fmt.Sprintf("BA/%d/BKAD/%d", i+1, per.Year)
		}
		if c.Status == letters.StatusEscalated {
			c.EscalatedAt = &c.Deadline
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkSemesterReport writes the semester workbook of n cases from an
// in-memory source through the same writer the store feeds. It reports the
// peak heap in use (sampled) and the workbook's size.
func BenchmarkSemesterReport(b *testing.B) { benchWorkbook(b, "2026-S2", benchCases(b)) }

// BenchmarkMonthlyReport is the monthly workbook (due by the 15th) of a
// sixth of the semester's cases.
func BenchmarkMonthlyReport(b *testing.B) { benchWorkbook(b, "2026-10", max(benchCases(b)/6, 1)) }

func benchWorkbook(b *testing.B, period string, n int) {
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		b.Fatal(err)
	}
	cal, err := p.Calendar(nil)
	if err != nil {
		b.Fatal(err)
	}
	per, err := letters.ParsePeriod(period)
	if err != nil {
		b.Fatal(err)
	}
	src := generated{p: p, cal: cal, n: n}
	opts := reports.Options{Profile: p, Calendar: cal, Period: per, Issued: time.Date(2027, 1, 11, 9, 0, 0, 0, cal.Location())}

	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // sample the heap while the benchmark runs
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	var size countingWriter
	b.ReportAllocs()
	for b.Loop() {
		size = 0
		sum, err := reports.Write(context.Background(), &size, src, opts)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Received != n {
			b.Fatalf("counted %d cases, want %d", sum.Received, n)
		}
	}
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(n), "cases")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(base.HeapInuse)/(1<<20), "base-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "xlsx-MB")
}

// countingWriter discards what is written and counts the bytes.
type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
