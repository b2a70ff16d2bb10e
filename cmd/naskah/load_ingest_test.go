package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
)

// loadIngestSeconds is how long TestLoadWhileIngesting drives the server:
// long enough for thousands of requests and a few hundred mails, short
// enough for CI. NASKAH_LOAD_SECONDS changes it.
var loadIngestSeconds = 15

// mailEvery and intakeEvery space the mails delivered during
// TestLoadWhileIngesting and each API clerk's registrations: a stress far
// above an office's day (NASKAH_LOAD_MAIL_EVERY, NASKAH_LOAD_INTAKE_EVERY
// change them, e.g. 1s).
var mailEvery, intakeEvery = envDuration("NASKAH_LOAD_MAIL_EVERY", 40*time.Millisecond), envDuration("NASKAH_LOAD_INTAKE_EVERY", 20*time.Millisecond)

func envDuration(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil && d > 0 {
		return d
	}
	return def
}

// loadIngestOffice is the office TestLoadWhileIngesting serves: the demo,
// or the data directory in NASKAH_LOAD_DATA (a large office made by
// `naskah bench-data`, whose accounts file gives the password; the run
// adds its letters to it), for the figures of issue 8 at a million letters:
//
//	NASKAH_LOAD_DATA=$HOME/naskah-1m NASKAH_LOAD_SECONDS=30 NASKAH_LOAD_USERS=frontoffice,frontoffice2 \
//		NASKAH_LOAD_RATE=500 go test -tags sqlite_fts5 \
//		-run TestLoadWhileIngesting -v ./cmd/naskah
func loadIngestOffice(t *testing.T) (dir, password string) {
	if s, err := strconv.Atoi(os.Getenv("NASKAH_LOAD_SECONDS")); err == nil && s > 0 {
		loadIngestSeconds = s
	}
	dir = os.Getenv("NASKAH_LOAD_DATA")
	if dir == "" {
		return demoDir(t, "bkad-kalbar")
	}
	_, password, err := readDemoAccounts(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, password
}

// lockedWords are what SQLite's busy errors say; none may reach a user or
// the server's log.
var lockedWords = []string{"database is locked", "database table is locked", "SQLITE_BUSY"}

// syncBuffer is a bytes.Buffer safe for a child's output and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestLoadWhileIngesting runs `naskah serve` with its mail loop reading a
// real Dovecot mailbox that is filled during the run, while `naskah load`
// drives 50 staff sessions (Tugas saya, agenda, cases, search, receipt
// PDFs) and two front-office clerks register letters through the API for
// loadIngestSeconds. No request fails, no answer and no log line says the
// database is locked, and every delivered mail became exactly one letter.
func TestLoadWhileIngesting(t *testing.T) {
	if testing.Short() {
		t.Skip("load and IMAP integration test")
	}
	if _, err := exec.LookPath("dovecot"); err != nil && os.Getenv("CI") == "true" {
		t.Fatal("dovecot is not installed; CI must run this test (scripts/test-deps.sh installs it)")
	}
	d := startDovecot(t)
	dir, password := loadIngestOffice(t)
	// run tags this run's letters: a large office may keep those of earlier runs.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	if err := os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte(d.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fetchOnce(t, dir, "--host", "127.0.0.1", "--port", fmt.Sprint(d.port), "--security", "none",
		"--user", d.user, "--interval", "2s", "--save")

	addr := freeAddr(t)
	serve := naskahCmd(t, "serve", "--data", dir, "--addr", addr)
	var logs syncBuffer
	serve.Stdout, serve.Stderr = &logs, &logs
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	servePID := serve.Process.Pid
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			serve.Process.Signal(syscall.SIGTERM)
			serve.Wait()
		}
	}
	defer stop()
	base := "http://" + addr
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/masuk")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i > 200 {
			t.Fatalf("naskah serve did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The load run: a child process, as an operator would run it.
	// The 50 sessions are the staff who sign in with a password alone (not
	// those with TOTP) and do not receive email: a mail letter stays
	// "received" until a clerk registers it, and has no receipt before, so
	// the receivers' sessions would ask for receipts that cannot exist yet
	// (`naskah load` counts that 422 as an error). The clerks below write.
	p, err := profile.Load(filepath.Join(dir, profileFile))
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := os.ReadFile(filepath.Join(dir, demoAccountsFile))
	if err != nil {
		t.Fatal(err)
	}
	var staff []string
	for _, u := range p.Users {
		// Signers and admins need a second factor (an office made by
		// bench-data lists no secret for them): left out too.
		if u.Position == p.Channel("email").Receiver ||
			p.NeedsSecondFactor(&letters.User{Position: u.Position, Admin: u.Admin}) {
			continue
		}
		for _, line := range strings.Split(string(accounts), "\n") {
			if f := strings.Fields(line); len(f) > 1 && f[0] == u.Username && !strings.Contains(line, "TOTP") {
				staff = append(staff, u.Username)
			}
		}
	}
	if len(staff) < 3 {
		t.Fatalf("demo accounts to load with: %v", staff)
	}
	args := []string{"load", "--url", base, "--password", password, "--users", "50",
		"--duration", fmt.Sprintf("%ds", loadIngestSeconds), "--json", "--server-pid", strconv.Itoa(servePID)}
	// NASKAH_LOAD_USERS chooses the sessions' accounts (e.g. the clerks,
	// who see every letter; they open cases that were there before the run,
	// which all have receipts); NASKAH_LOAD_RATE paces them (`--rate`).
	if users := os.Getenv("NASKAH_LOAD_USERS"); users != "" {
		staff = strings.Split(users, ",")
		// Up to the first letter still waiting to be registered (mail of
		// earlier runs): those have no receipt yet.
		args = append(args, "--case-ids", strconv.Itoa(count(t, openRO(t, dir),
			`SELECT COALESCE((SELECT MIN(id) - 1 FROM letters WHERE status = 'received'), (SELECT MAX(id) FROM letters))`)))
	}
	if rate := os.Getenv("NASKAH_LOAD_RATE"); rate != "" {
		args = append(args, "--rate", rate)
	}
	load := naskahCmd(t, append(args, "--user", strings.Join(staff, ","))...)
	var loadOut, loadErr bytes.Buffer
	load.Stdout, load.Stderr = &loadOut, &loadErr
	if err := load.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup

	// Mail arrives throughout: one message every mailEvery (40 ms).
	var delivered atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ctx.Err() == nil; i++ {
			if err := deliverMail(d, loadMessage(run, i)); err != nil {
				t.Errorf("deliver: %v", err)
				return
			}
			delivered.Add(1)
			time.Sleep(mailEvery)
		}
	}()

	// Two clerks register letters by the API: writes from the web.
	var registered, writeErrors atomic.Int64
	for w, user := range []string{"frontoffice", "frontoffice2"} {
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
		resp, err := client.PostForm(base+"/masuk", url.Values{"username": {user}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				body, _ := json.Marshal(map[string]any{
					"channel": "telepon", "category": "pengaduan",
					"subject":     fmt.Sprintf("Uji beban %s-%d-%d", run, w, i),
					"complainant": map[string]any{"name": "Penguji Beban", "phone": "081234567890"},
				})
				resp, err := client.Post(base+"/api/v1/letters", "application/json", bytes.NewReader(body))
				if err != nil {
					writeErrors.Add(1)
					t.Errorf("intake: %v", err)
					return
				}
				var answer bytes.Buffer
				answer.ReadFrom(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated || containsLocked(answer.String()) {
					writeErrors.Add(1)
					t.Errorf("intake answered %d: %s", resp.StatusCode, answer.String())
					return
				}
				registered.Add(1)
				time.Sleep(intakeEvery)
			}
		}()
	}

	loadDone := make(chan error, 1)
	go func() { loadDone <- load.Wait() }()
	var loadRunErr error
	select {
	case loadRunErr = <-loadDone:
	case <-time.After(time.Duration(loadIngestSeconds)*time.Second + 3*time.Minute):
		load.Process.Kill()
		t.Fatal("naskah load did not end")
	}
	cancel()
	wg.Wait()
	if loadRunErr != nil {
		t.Errorf("naskah load: %v\n%s\n%s", loadRunErr, loadOut.String(), loadErr.String())
	}
	var rep loadReport
	if err := json.Unmarshal(loadOut.Bytes(), &rep); err != nil {
		t.Fatalf("load --json: %v\n%s\n%s", err, loadOut.String(), loadErr.String())
	}

	// Every delivered mail becomes a letter: the loop may still be on the
	// last ones.
	db := openRO(t, dir)
	want := int(delivered.Load())
	mailLetters := func() int {
		return count(t, db, `SELECT COUNT(*) FROM letters WHERE channel = 'email' AND subject LIKE 'Uji beban surel `+run+`-%'`)
	}
	for deadline := time.Now().Add(60 * time.Second); mailLetters() < want && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	stop()

	t.Logf("load: %d sessions, %d requests in %.1f s (%.0f req/s), %d errors; %d mails delivered and ingested; %d letters registered by the API; server CPU %.2f ms, generator %.2f ms per request",
		rep.Sessions, rep.Requests, rep.Seconds, rep.PerSec, rep.Errors, want, registered.Load(), rep.ServerCPUms, rep.LoadCPUms)
	for _, k := range rep.Kinds {
		t.Logf("  %-7s %6d requests, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d errors %s", k.Kind, k.Requests, k.P50, k.P95, k.P99, k.Errors, k.Sample)
	}
	if rep.Sessions != 50 || rep.Requests == 0 {
		t.Errorf("load ran %d sessions, %d requests", rep.Sessions, rep.Requests)
	}
	if rep.Errors != 0 || writeErrors.Load() != 0 {
		t.Errorf("%d load errors, %d intake errors", rep.Errors, writeErrors.Load())
	}
	for _, k := range rep.Kinds {
		if containsLocked(k.Sample) {
			t.Errorf("a %s request answered: %s", k.Kind, k.Sample)
		}
	}
	if containsLocked(logs.String()) || containsLocked(loadErr.String()) {
		t.Errorf("the database was reported locked:\n%s", grepLocked(logs.String()+loadErr.String()))
	}
	if want < int(time.Duration(loadIngestSeconds)*time.Second/mailEvery)/4 {
		t.Errorf("only %d mails were delivered", want)
	}
	if got := mailLetters(); got != want {
		t.Errorf("%d of %d delivered mails became letters\n%s", got, want, logs.String())
	}
	if got := count(t, db, `SELECT COUNT(*) FROM (SELECT subject FROM letters WHERE channel = 'email'
		AND subject LIKE 'Uji beban surel `+run+`-%' GROUP BY subject HAVING COUNT(*) > 1)`); got != 0 {
		t.Errorf("%d mails became more than one letter", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM letters WHERE subject LIKE 'Uji beban `+run+`-%' AND channel = 'telepon'`); got != int(registered.Load()) {
		t.Errorf("%d letters stored, %d registered", got, registered.Load())
	}
}

// loadMessage is mail i of load test run.
func loadMessage(run string, i int) []byte {
	return fmt.Appendf(nil, "From: Warga Beban %d <beban%d@example.id>\r\nTo: pengaduan@kantor.example.go.id\r\n"+
		"Subject: Uji beban surel %s-%d\r\nDate: Wed, 25 Nov 2026 09:00:00 +0700\r\nMessage-ID: <beban-%s-%d@example.id>\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPengaduan di tengah beban, nomor %d.\r\n", i, i, run, i, run, i, i)
}

// deliverMail is dovecot.deliver for a goroutine: errors are returned.
func deliverMail(d *dovecot, raw []byte) error {
	name := fmt.Sprintf("%d.%d.naskahload", time.Now().UnixNano(), os.Getpid())
	tmp := filepath.Join(d.maildir, "tmp", name)
	if err := os.WriteFile(tmp, raw, 0o666); err != nil {
		return err
	}
	os.Chmod(tmp, 0o666)
	return os.Rename(tmp, filepath.Join(d.maildir, "new", name))
}

func containsLocked(s string) bool {
	for _, w := range lockedWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func grepLocked(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if containsLocked(line) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
