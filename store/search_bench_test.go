package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
)

// BenchmarkSearchLarge searches a large office built by `naskah bench-data`
// (NASKAH_BENCH_DATA=DIR; skipped without it): the words clerks search for
// in `naskah load`, the first page of the agenda and page 5. Stop the
// server on that directory first; the benchmark only reads.
//
//	NASKAH_BENCH_DATA=naskah-bench-100000 go test -tags sqlite_fts5 -run '^$' -bench SearchLarge ./store/
func BenchmarkSearchLarge(b *testing.B) {
	db := openBenchData(b)
	svc := store.NewLetterService(db)
	ctx := context.Background()
	for _, f := range []struct {
		name   string
		filter letters.LetterFilter
	}{
		{"agenda", letters.LetterFilter{}},
		{"agenda_page5", letters.LetterFilter{Offset: 200}},
		{"q=tunjangan", letters.LetterFilter{Query: "tunjangan"}},
		{"q=sertifikat_tanah", letters.LetterFilter{Query: "sertifikat tanah"}},
		{"q=Kapuas_Hulu", letters.LetterFilter{Query: "Kapuas Hulu"}},
		{"q=siregar", letters.LetterFilter{Query: "Siregar"}},
		{"q=pajak+status", letters.LetterFilter{Query: "pajak", Status: letters.StatusRegistered}},
	} {
		b.Run(f.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				list, n, err := svc.FindLetters(ctx, f.filter)
				if err != nil || len(list) == 0 {
					b.Fatalf("%d letters (%v)", len(list), err)
				}
				total = n
			}
			b.ReportMetric(float64(total), "total")
		})
	}
	// A head of a field who sees only what was disposed to the field (a
	// handful of letters in a generated office): the agenda reads the
	// field's list, a search walks the whole of each word's matches.
	users := store.NewUserService(db)
	for _, pos := range []string{"kabid_bmd", "sekretaris"} {
		found, _, err := users.FindUsers(ctx, letters.UserFilter{Position: pos, Limit: 1})
		if err != nil || len(found) == 0 {
			continue
		}
		as := letters.NewContextWithUser(ctx, found[0])
		for _, f := range []struct {
			name   string
			filter letters.LetterFilter
		}{{"agenda", letters.LetterFilter{}}, {"q=tunjangan", letters.LetterFilter{Query: "tunjangan"}}} {
			b.Run(pos+"/"+f.name, func(b *testing.B) {
				for b.Loop() {
					if _, _, err := svc.FindLetters(as, f.filter); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// openBenchData opens the office `naskah bench-data` built in
// NASKAH_BENCH_DATA (skipping the benchmark without it), closed when b ends.
func openBenchData(b *testing.B) *store.DB {
	dir := os.Getenv("NASKAH_BENCH_DATA")
	if dir == "" {
		b.Skip("NASKAH_BENCH_DATA not set")
	}
	p, err := profile.Load(filepath.Join(dir, "profil.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	db := store.NewDB(dir)
	db.Profile = p
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}
