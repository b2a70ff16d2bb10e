package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// BenchmarkStaffPages serves the pages a clerk opens all day — the agenda,
// a search, "Tugas saya", a case — through the whole stack (session,
// access checks, store, templates) over loopback HTTP, on an office of
// NASKAH_WEB_BENCH_N generated cases (default 2,000; `naskah bench-data`
// and `naskah load` measure a million).
func BenchmarkStaffPages(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("NASKAH_WEB_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	e, _ := newWorkflowEnv(b)
	res, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: n, Batch: 5000})
	if err != nil {
		b.Fatal(err)
	}
	receiver := e.profile.Channel("surat").Receiver
	clerks, _, err := e.users.FindUsers(context.Background(), letters.UserFilter{Position: receiver, Limit: 1})
	if err != nil || len(clerks) == 0 {
		b.Fatalf("no user holds %q: %v", receiver, err)
	}
	c := e.as(clerks[0].Username)
	for _, p := range []struct{ name, path string }{
		{"agenda", "/agenda"},
		{"search", "/agenda?q=tunjangan"},
		{"tasks", "/tugas"},
		{"case", fmt.Sprintf("/surat/%d", res.LastID)},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				resp, err := c.c.Get(e.url + p.path)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %s", p.path, resp.Status)
				}
			}
		})
	}
}
