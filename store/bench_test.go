package store_test

import (
	"context"
	"fmt"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// BenchmarkCreateLetter registers letters from parallel clerks: one
// transaction each with agenda number, timeline, audit and search rows, and
// a durable commit.
func BenchmarkCreateLetter(b *testing.B) {
	for _, withPDF := range []bool{false, true} {
		name := "no_attachment"
		if withPDF {
			name = "new_pdf" // plus writing and syncing a new file
		}
		b.Run(name, func(b *testing.B) {
			db := MustOpenDB(b)
			ctx := MustClerk(b, db)
			svc := store.NewLetterService(db)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					var uploads []letters.Upload
					if withPDF {
						uploads = []letters.Upload{{Name: "surat.pdf", Data: NewPDF()}}
					}
					if err := svc.CreateLetter(ctx, NewLetter("Pengaduan tolok ukur"), uploads); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkIssueNumber takes numbers from parallel callers.
func BenchmarkIssueNumber(b *testing.B) {
	db := MustOpenDB(b)
	ctx, _ := MustUser(b, db, "pengadministrasi_umum")
	svc := store.NewNumberService(db)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := svc.IssueNumber(ctx, "surat_jawaban", "", 0); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkFindLetters searches an agenda of 20,000 letters: the newest
// page, and a full-text query for a rare word.
func BenchmarkFindLetters(b *testing.B) {
	db := MustOpenDB(b)
	ctx := MustClerk(b, db)
	svc := store.NewLetterService(db)
	for i := range 20_000 {
		l := NewLetter(fmt.Sprintf("Pengaduan nomor %d", i))
		if i%1000 == 0 {
			l.Body = "Jembatan gantung di desa rusak."
		}
		if err := svc.CreateLetter(ctx, l, nil); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{"", "jembatan", "pengaduan"} {
		b.Run("query="+q, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := svc.FindLetters(context.Background(), letters.LetterFilter{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
