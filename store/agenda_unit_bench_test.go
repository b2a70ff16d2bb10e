package store_test

import (
	"context"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// BenchmarkAgendaUnitLarge reads the agenda of a large office built by
// `naskah bench-data` (NASKAH_BENCH_DATA=DIR; skipped without it) filtered
// by each unit and by a month, alone and together, and with a search. Stop
// the server on that directory first; the benchmark only reads.
// bench-data writes no dispositions: a unit then has only the letters it
// holds, so add dispositions to a copy first for figures that mean much.
//
//	NASKAH_BENCH_DATA=naskah-bench-100000 go test -tags sqlite_fts5 -run '^$' -bench AgendaUnitLarge ./store/
func BenchmarkAgendaUnitLarge(b *testing.B) {
	db := openBenchData(b)
	svc := store.NewLetterService(db)
	ctx := context.Background()
	// The last complete month before now, in the office's time.
	loc := db.Calendar.Location()
	now := time.Now().In(loc)
	to := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	from := to.AddDate(0, -1, 0)
	type bench struct {
		name   string
		filter letters.LetterFilter
	}
	var units []string
	var alone []bench // each unit alone, with the commonest word, with a month
	for _, pos := range db.Profile.Positions {
		units = append(units, pos.Code)
		if pos.Parent != "" {
			alone = append(alone, bench{"unit=" + pos.Code, letters.LetterFilter{Unit: pos.Code}},
				bench{"unit=" + pos.Code + "+q=hormat", letters.LetterFilter{Unit: pos.Code, Query: "hormat"}},
				bench{"unit=" + pos.Code + "+period", letters.LetterFilter{Unit: pos.Code, From: &from, To: &to}})
		}
	}
	for _, f := range append(alone, []bench{
		{"period", letters.LetterFilter{From: &from, To: &to}},
		{"unit=" + units[1] + "_page5", letters.LetterFilter{Unit: units[1], Offset: 200}},
		{"unit=" + units[1] + "+overdue", letters.LetterFilter{Unit: units[1], Overdue: true}},
		{"unit=" + units[1] + "+q=tunjangan", letters.LetterFilter{Unit: units[1], Query: "tunjangan"}},
		{"period+q=tunjangan", letters.LetterFilter{From: &from, To: &to, Query: "tunjangan"}},
	}...) {
		b.Run(f.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				_, n, err := svc.FindLetters(ctx, f.filter)
				if err != nil {
					b.Fatal(err)
				}
				total = n
			}
			b.ReportMetric(float64(total), "total")
		})
	}
}
