package web_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"naskah/store"
)

// TestDashboardLoad measures, over NASKAH_LOAD generated letters (e.g.
// NASKAH_LOAD=100000), the dashboard, the agenda page with the task count
// in its navigation, and the Excel export of the whole agenda. It only
// logs the figures (no timing is asserted) and is skipped unless
// NASKAH_LOAD is set:
//
//	NASKAH_LOAD=100000 go test -tags sqlite_fts5 -run TestDashboardLoad -v ./letters/web/
func TestDashboardLoad(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NASKAH_LOAD"))
	if n <= 0 {
		t.Skip("set NASKAH_LOAD=100000 to measure the dashboard and the export")
	}
	e := newEnv(t, nil)
	t0 := time.Now()
	if _, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: n}); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d letters generated in %s", n, time.Since(t0).Round(time.Millisecond))
	e.clock.Set(time.Now())
	measure := func(who, path string, runs int) {
		c := e.as(who)
		var took []time.Duration
		for range runs {
			t0 := time.Now()
			r := c.get(path)
			took = append(took, time.Since(t0))
			wantStatus(t, path, r, http.StatusOK)
		}
		slices.Sort(took)
		t.Logf("%s as %s: p50 %s, max %s over %d runs", path, who, took[len(took)/2].Round(time.Millisecond),
			took[len(took)-1].Round(time.Millisecond), runs)
	}
	measure("kepala", "/dasbor", 5)
	measure("kepala", "/agenda", 10) // with "Tugas saya (n)" counted
	measure(clerk, "/agenda.xlsx", 1)
}
