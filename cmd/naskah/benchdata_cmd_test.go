package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestBenchDataAndLoad is the CI smoke run of the performance tools: a
// data directory with 2,000 generated cases, a server on it, and three
// seconds of concurrent staff sessions. No timing is asserted.
func TestBenchDataAndLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-case office")
	}
	dir := filepath.Join(t.TempDir(), "data")
	out, err := runNaskah(t, "bench-data", "--data", dir, "--letters", "2000", "--json")
	if err != nil {
		t.Fatalf("bench-data: %v\n%s", err, out)
	}
	var bd struct {
		Result struct {
			Letters, Events, Numbers, Audit int
			Status                          map[string]int
			Channel                         map[string]int
		}
	}
	if err := json.Unmarshal([]byte(out), &bd); err != nil {
		t.Fatalf("bench-data --json: %v\n%s", err, out)
	}
	r := bd.Result
	if r.Letters != 2000 || r.Numbers != 2000 || r.Events < 2000 || r.Audit < 4000 {
		t.Errorf("bench-data wrote %+v", r)
	}
	if len(r.Status) < 3 || len(r.Channel) < 3 {
		t.Errorf("cases not spread over statuses and channels: %v %v", r.Status, r.Channel)
	}

	// What it wrote is consistent with the rest: the audit chain verifies,
	// the agenda lists every case, and the search index finds them.
	if out, err := runNaskah(t, "audit", "verify", "--data", dir); err != nil || !strings.Contains(out, "utuh") {
		t.Fatalf("audit verify after bench-data: %v\n%s", err, out)
	}
	out, err = runNaskah(t, "letters", "list", "--data", dir, "--json", "--limit", "1")
	if err != nil {
		t.Fatal(err, out)
	}
	var list struct{ Total int }
	if err := json.Unmarshal([]byte(out), &list); err != nil || list.Total < 2000 {
		t.Fatalf("letters list: total %d (%v)", list.Total, err)
	}
	out, err = runNaskah(t, "letters", "list", "--data", dir, "--json", "--limit", "1", "--q", "tunjangan")
	if err != nil {
		t.Fatal(err, out)
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || list.Total == 0 {
		t.Fatalf("search for a generated word finds nothing: %v\n%s", err, out)
	}

	_, base, kill := startServe(t, dir)
	defer kill()
	pid := servePID(t, strings.TrimPrefix(base, "http://"))
	out, err = runNaskah(t, "load", "--url", base, "--data", dir, "--users", "4", "--duration", "3s", "--json",
		"--server-pid", strconv.Itoa(pid))
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	var rep loadReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("load --json: %v\n%s", err, out)
	}
	if rep.Errors != 0 {
		t.Errorf("load: %d errors: %+v", rep.Errors, rep.Kinds)
	}
	if len(rep.Kinds) != len(loadKinds) {
		t.Fatalf("load reports %d kinds, want %d", len(rep.Kinds), len(loadKinds))
	}
	for _, k := range rep.Kinds {
		if k.Requests == 0 {
			t.Errorf("load: no %s request ran: %+v", k.Kind, rep.Kinds)
		}
	}
	// Serving pages costs the server CPU time, and the generator some.
	if rep.ServerCPUms <= 0 || rep.LoadCPUms <= 0 {
		t.Errorf("load: server CPU %.3f ms, generator %.3f ms per request; want both above 0", rep.ServerCPUms, rep.LoadCPUms)
	}
	// Paced at 40 requests/s for 3 s: at most 120 requests (the first of
	// each session is due at once), not as many as the sessions can make.
	out, err = runNaskah(t, "load", "--url", base, "--data", dir, "--users", "4", "--duration", "3s", "--json", "--rate", "40")
	if err != nil {
		t.Fatalf("load --rate: %v\n%s", err, out)
	}
	var paced loadReport
	if err := json.Unmarshal([]byte(out), &paced); err != nil {
		t.Fatalf("load --rate --json: %v\n%s", err, out)
	}
	if paced.Rate != 40 || paced.Requests == 0 || paced.Requests > 124 || paced.Errors != 0 {
		t.Errorf("load --rate 40 for 3 s: %d requests, %d errors (target %.0f), want 1 to 124", paced.Requests, paced.Errors, paced.Rate)
	}
	// A pid that is not there is said, not ignored.
	out, err = runNaskah(t, "load", "--url", base, "--data", dir, "--users", "1", "--duration", "1s", "--server-pid", "999999999")
	if err == nil || !strings.Contains(out, "waktu CPU server") {
		t.Errorf("load with a missing server pid: %v\n%s", err, out)
	}
}

// servePID finds the `naskah serve` child listening on addr (naskahCmd
// passes a child its arguments in NASKAH_TEST_ARGS).
func servePID(t *testing.T, addr string) int {
	t.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*/environ")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		for _, kv := range strings.Split(string(b), "\x00") {
			args := strings.Split(strings.TrimPrefix(kv, "NASKAH_TEST_ARGS="), "\x1f")
			if len(kv) > len("NASKAH_TEST_ARGS=") && strings.HasPrefix(kv, "NASKAH_TEST_ARGS=") &&
				args[0] == "serve" && slices.Contains(args, addr) {
				pid, _ := strconv.Atoi(strings.Split(p, "/")[2])
				return pid
			}
		}
	}
	t.Fatalf("no naskah serve process on %s", addr)
	return 0
}
