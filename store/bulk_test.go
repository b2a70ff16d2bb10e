package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// TestBulkLoadLetters checks that generated cases are like registered ones:
// gapless agenda numbers, a verifying audit chain, searchable text, and a
// clerk can go on registering after them.
func TestBulkLoadLetters(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	MustCreateLetter(t, db, ctx, NewLetter("Surat sebelum pengisian"))

	res, err := db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: 600, Batch: 250})
	if err != nil {
		t.Fatal(err)
	}
	if res.Letters != 600 || res.Numbers != 600 || res.Audit < 1200 || len(res.Status) < 2 {
		t.Fatalf("bulk result %+v", res)
	}
	after := MustCreateLetter(t, db, ctx, NewLetter("Surat sesudah pengisian"))
	if after.ID != res.LastID+1 {
		t.Errorf("next letter id %d, want %d", after.ID, res.LastID+1)
	}

	rep, err := store.NewAuditService(db).VerifyAudit(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("audit chain after bulk load: %+v %v", rep, err)
	}
	agenda := db.Profile.Agenda
	seen := 0
	for _, year := range []int{2025, 2026} {
		nums, err := store.NewNumberService(db).FindNumbers(context.Background(), agenda, year)
		if err != nil {
			t.Fatal(err)
		}
		for i, n := range nums {
			if n.Seq != i+1 {
				t.Fatalf("agenda numbers of %d: position %d has number %d (gap or duplicate)", year, i+1, n.Seq)
			}
		}
		seen += len(nums)
	}
	if seen != 602 {
		t.Errorf("%d agenda numbers, want 602", seen)
	}
	_, total, err := svc.FindLetters(ctx, letters.LetterFilter{})
	if err != nil || total != 602 {
		t.Fatalf("agenda lists %d letters (%v), want 602", total, err)
	}
	found, n, err := svc.FindLetters(ctx, letters.LetterFilter{Query: "tunjangan"})
	if err != nil || n == 0 {
		t.Fatalf("search for a generated word: %d (%v)", n, err)
	}
	l, err := svc.FindLetterByID(ctx, found[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.AgendaNumber == "" || l.Deadline.Before(l.ReceivedAt) || l.Responsible == "" || len(l.Complainant.NIK) != 16 {
		t.Errorf("generated letter incomplete: %+v", l)
	}
	events, err := svc.LetterEvents(ctx, l.ID)
	if err != nil || len(events) == 0 || events[len(events)-1].To != l.Status {
		t.Errorf("timeline does not end in the letter's status %s: %v", l.Status, err)
	}
}

// TestIssueNumber64 takes numbers from 64 goroutines at once: none is
// given twice and none is skipped.
func TestIssueNumber64(t *testing.T) {
	db := MustOpenDB(t)
	issueNumbers64(t, db, 640)
}

// BenchmarkIssueNumber64 is the numbering target: 64 goroutines, each
// number a durable transaction with its audit row. It reports numbers/s.
func BenchmarkIssueNumber64(b *testing.B) {
	db := MustOpenDB(b)
	b.ResetTimer()
	t0 := time.Now()
	issueNumbers64(b, db, max(b.N, 64))
	b.ReportMetric(float64(max(b.N, 64))/time.Since(t0).Seconds(), "numbers/s")
}

func issueNumbers64(tb testing.TB, db *store.DB, total int) {
	tb.Helper()
	ctx, _ := MustUser(tb, db, "pengadministrasi_umum")
	svc := store.NewNumberService(db)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < total; i += 64 {
				if _, err := svc.IssueNumber(ctx, "surat_jawaban", "", 0); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
	nums, err := svc.FindNumbers(context.Background(), "surat_jawaban", db.Now().Year())
	if err != nil {
		tb.Fatal(err)
	}
	if len(nums) != total {
		tb.Fatalf("%d numbers issued, want %d", len(nums), total)
	}
	seen := map[string]bool{}
	for i, n := range nums {
		if n.Seq != i+1 || seen[n.Formatted] {
			tb.Fatalf("number %d is %d (%s): a gap or a duplicate", i+1, n.Seq, n.Formatted)
		}
		seen[n.Formatted] = true
	}
}
