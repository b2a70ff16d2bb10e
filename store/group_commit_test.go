package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"naskah/store"
)

// Personal-data views from many pages at once are grouped into shared
// commits: every view still gets its own audit row, naming its letter and
// viewer, and the hash chain verifies.
func TestLogPersonalDataView_ConcurrentViewsAllLogged(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	audit := store.NewAuditService(db)
	const views = 300
	var wg sync.WaitGroup
	errs := make(chan error, views)
	for i := range views {
		wg.Go(func() {
			errs <- audit.LogPersonalDataView(ctx, int64(1000+i), []string{"NIK"}, "halaman kasus")
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range views {
		rows, err := audit.FindAuditEntries(context.Background(), "letter", int64(1000+i))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Action != store.ActionPersonalDataViewed || rows[0].Actor == "" {
			t.Fatalf("letter %d: %d audit rows %+v, want one personal-data view by the clerk", 1000+i, len(rows), rows)
		}
	}
	rep, err := audit.VerifyAudit(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("audit chain after grouped views: %+v (%v)", rep, err)
	}
}

// A caller whose request has already ended is not logged and is told so;
// the others in its group are logged.
func TestLogPersonalDataView_CancelledCallerNotLogged(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	audit := store.NewAuditService(db)
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := audit.LogPersonalDataView(gone, 7, []string{"NIK"}, "halaman kasus"); err == nil {
		t.Fatal("a cancelled view was reported as logged")
	}
	if err := audit.LogPersonalDataView(ctx, 8, []string{"telepon"}, "halaman kasus"); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]int{7: 0, 8: 1} {
		rows, err := audit.FindAuditEntries(context.Background(), "letter", id)
		if err != nil || len(rows) != want {
			t.Fatalf("letter %d: %d audit rows (%v), want %d", id, len(rows), err, want)
		}
	}
}

// BenchmarkPersonalDataView50 is 50 case pages shown unmasked at once:
// each view's audit row is durable before the page is sent. It reports
// views/s.
func BenchmarkPersonalDataView50(b *testing.B) {
	db := MustOpenDB(b)
	ctx := MustClerk(b, db)
	audit := store.NewAuditService(db)
	b.ResetTimer()
	var wg sync.WaitGroup
	var next sync.Mutex
	n := 0
	for range 50 {
		wg.Go(func() {
			for {
				next.Lock()
				i := n
				n++
				next.Unlock()
				if i >= b.N {
					return
				}
				if err := audit.LogPersonalDataView(ctx, int64(i+1), []string{"NIK", "alamat"}, "halaman kasus"); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "views/s")
	if b.Failed() {
		return
	}
	if rep, err := audit.VerifyAudit(context.Background()); err != nil || !rep.OK {
		b.Fatal(fmt.Sprintf("audit chain: %+v (%v)", rep, err))
	}
}
