package store_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// BenchmarkReportCases reads a semester of n complaints (NASKAH_REPORT_BENCH_N,
// default 2000) seeded in one transaction, each with a disposition event,
// as a report walks them.
func BenchmarkReportCases(b *testing.B) {
	n := 2000
	if s := os.Getenv("NASKAH_REPORT_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("NASKAH_REPORT_BENCH_N=%q", s)
		}
	}
	db := MustOpenDB(b)
	raw := RawDB(b, db)
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	step := 180 * 24 * time.Hour / time.Duration(n+1)
	stamp := func(t time.Time) string { return t.Format("2006-01-02T15:04:05.000Z") }
	for i := range n {
		recv := start.Add(time.Duration(i+1) * step)
		res, err := tx.Exec(`INSERT INTO letters (agenda_number, tracking_code, category, channel, subject,
			complainant_name, complainant_nik, status, holder, responsible, received_at, deadline, created_at, updated_at)
			VALUES (?, ?, 'pengaduan', 'surat', ?, ?, '5319011203850001', 'disposed', 'analis_tu', 'kasubag_umum', ?, ?, ?, ?)`,
			fmt.Sprintf("A/%d/2026", i), fmt.Sprintf("T%015d", i), fmt.Sprintf("Pengaduan %d", i), fmt.Sprintf("Warga %d", i),
			stamp(recv), stamp(recv.Add(7*24*time.Hour)), stamp(recv), stamp(recv))
		if err != nil {
			b.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO letter_events (letter_id, action, note, at) VALUES (?, 'dispose', 'Didisposisikan kepada Analis.', ?)`,
			id, stamp(recv)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	svc := store.NewLetterService(db)
	per, _ := letters.ParsePeriod("2026-S2")
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		if err := svc.ReportCases(context.Background(), per, func(*letters.ReportCase) error { count++; return nil }); err != nil {
			b.Fatal(err)
		}
		if count != n {
			b.Fatalf("read %d cases, want %d", count, n)
		}
	}
	b.ReportMetric(float64(n), "cases")
}
