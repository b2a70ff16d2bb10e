package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
)

// exportBatch is the agenda export's batch (letters/web/agenda_export.go).
const exportBatch = 500

// BenchmarkAgendaExportPages reads one batch of the agenda's Excel export
// — the 1st, the 100th (or the last full one of a shorter list) and on a
// large office the 1,000th — by offset (the export before) and after the
// cursor of the batch before (the export now), for every letter, a status
// and the largest unit below the head; then the whole export of that unit
// after cursors (its batches only, no workbook), and by offset too with
// NASKAH_BENCH_OLD=1 (minutes for a large unit). By offset a batch costs
// more the later it comes; after a cursor each costs what the first does.
//
// It runs on NASKAH_BENCH_LETTERS generated letters (default 52,000: the
// 100th batch and some; a third disposed to one field) in a fresh office,
// or read-only on the data directory NASKAH_BENCH_DATA (a server may be
// running on it; its migrations are not applied):
//
//	go test -tags sqlite_fts5 -run '^$' -bench AgendaExportPages -benchtime 1x ./store/
//	NASKAH_BENCH_DATA=naskah-1m go test -tags sqlite_fts5 -run '^$' -bench AgendaExportPages -benchtime 1x ./store/
func BenchmarkAgendaExportPages(b *testing.B) {
	db := exportBenchDB(b)
	svc := store.NewLetterService(db)
	ctx := context.Background()
	unit, size := "", -1
	for _, pos := range db.Profile.Positions {
		if pos.Parent == "" {
			continue // the head's unit is every letter held
		}
		_, n, err := svc.FindLetters(ctx, letters.LetterFilter{Unit: pos.Code, Limit: 1})
		if err != nil {
			b.Fatal(err)
		}
		if n > size {
			unit, size = pos.Code, n
		}
	}
	for _, c := range []struct {
		name string
		f    letters.LetterFilter
	}{
		{"all", letters.LetterFilter{}},
		{"status=closed", letters.LetterFilter{Status: letters.StatusClosed}},
		{"unit=" + unit, letters.LetterFilter{Unit: unit}},
	} {
		_, total, err := svc.FindLetters(ctx, c.f)
		if err != nil {
			b.Fatal(err)
		}
		// The 1st, the 100th (or the last full one before it) and, on a
		// large office, the 1,000th.
		batches := []int{1}
		if last := min(100, total/exportBatch); last > 1 {
			batches = append(batches, last)
		}
		if total/exportBatch >= 1000 {
			batches = append(batches, 1000)
		}
		for _, batch := range batches {
			// The cursor of the batch before: its last letter (the zero
			// cursor for the first, as the export reads it).
			after := &letters.Cursor{}
			if batch > 1 {
				f := c.f
				f.Limit, f.Offset, f.NoCount = 1, (batch-1)*exportBatch-1, true
				last, _, err := svc.FindLetters(ctx, f)
				if err != nil || len(last) != 1 {
					b.Fatalf("letter %d of %s: %v", f.Offset+1, c.name, err)
				}
				after = letters.CursorOf(last[0])
			}
			for _, mode := range []string{"offset", "after"} {
				f := c.f
				f.Limit, f.NoCount = exportBatch, true
				if mode == "offset" {
					f.Offset = (batch - 1) * exportBatch
				} else {
					f.After = after
				}
				b.Run(fmt.Sprintf("%s/batch%d/%s", c.name, batch, mode), func(b *testing.B) {
					for b.Loop() {
						list, _, err := svc.FindLetters(ctx, f)
						if err != nil || len(list) != exportBatch {
							b.Fatalf("%d letters, %v", len(list), err)
						}
					}
				})
			}
		}
	}
	modes := []string{"after"}
	if os.Getenv("NASKAH_BENCH_OLD") != "" {
		modes = []string{"offset", "after"} // minutes on a large unit
	}
	for _, mode := range modes {
		b.Run(fmt.Sprintf("unit=%s/whole/%s", unit, mode), func(b *testing.B) {
			var n int
			for b.Loop() {
				n = exportBatches(b, svc, letters.LetterFilter{Unit: unit}, mode == "after")
			}
			b.ReportMetric(float64(n), "letters")
		})
	}
}

// exportBatches reads every letter of f as the export does, in batches,
// by cursor or by offset, and returns how many it read.
func exportBatches(b *testing.B, svc *store.LetterService, f letters.LetterFilter, cursor bool) int {
	n := 0
	f.Limit, f.NoCount = exportBatch, true
	if cursor {
		f.After = &letters.Cursor{}
	}
	for {
		list, _, err := svc.FindLetters(context.Background(), f)
		if err != nil {
			b.Fatal(err)
		}
		n += len(list)
		if len(list) < exportBatch {
			return n
		}
		if cursor {
			f.After = letters.CursorOf(list[len(list)-1])
		} else {
			f.Offset += exportBatch
		}
	}
}

// exportBenchDB is the read-only office of NASKAH_BENCH_DATA, or a fresh
// one with NASKAH_BENCH_LETTERS generated letters.
func exportBenchDB(b *testing.B) *store.DB {
	if dir := os.Getenv("NASKAH_BENCH_DATA"); dir != "" {
		p, err := profile.Load(filepath.Join(dir, "profil.yaml"))
		if err != nil {
			b.Fatal(err)
		}
		db, err := store.OpenReadOnly(dir, p)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	n := 52_000
	if s := os.Getenv("NASKAH_BENCH_LETTERS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("NASKAH_BENCH_LETTERS: %v", err)
		}
	}
	o := MustOffice(b, "bkad-kalbar")
	began := time.Now()
	if _, err := o.DB.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: n}); err != nil {
		b.Fatal(err)
	}
	// bench-data writes no dispositions: a unit would hold only the open
	// cases. A third of the letters disposed to one field makes the unit of
	// the issue (345,000 of a million letters).
	if _, err := RawDB(b, o.DB).Exec(`
		INSERT INTO dispositions (letter_id, number, from_position, nature, by_id, by_name, at)
			SELECT id, 'BENCH-' || id, 'kepala', 'biasa', (SELECT MIN(id) FROM users), 'Kepala', received_at
			FROM letters WHERE id % 3 = 0;
		INSERT INTO disposition_targets (disposition_id, position, ord)
			SELECT id, 'kabid_bmd', 0 FROM dispositions WHERE number LIKE 'BENCH-%';`); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d letters generated in %s", n, time.Since(began).Round(time.Millisecond))
	return o.DB
}
