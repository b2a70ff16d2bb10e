package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServe starts `naskah serve` as a child and waits until it answers.
func startServe(t *testing.T, dir string) (*http.Client, string, func()) {
	t.Helper()
	addr := freeAddr(t)
	cmd := naskahCmd(t, "serve", "--data", dir, "--addr", addr)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	for i := 0; ; i++ {
		resp, err := client.Get(base + "/masuk")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i > 200 {
			cmd.Process.Kill()
			t.Fatalf("naskah serve did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	kill := func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	serveDirs.Store(base, dir)
	return client, base, kill
}

// serveDirs maps the base URL of each server startServe started to its
// data directory, where login reads second-factor codes.
var serveDirs sync.Map

// login signs in as user. `naskah serve` requires a second factor of
// signers and admins: for them the code comes from `naskah totp code` on
// the server's data directory (the demo office enrols them).
func login(t *testing.T, client *http.Client, base, user, password string) {
	t.Helper()
	resp, err := client.PostForm(base+"/masuk", url.Values{"username": {user}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK && resp.Request.URL.Path == "/masuk/kode" {
		resp = loginCode(t, client, base, user)
	}
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/masuk" || strings.HasPrefix(resp.Request.URL.Path, "/masuk/") ||
		resp.Request.URL.Path == "/akun/totp" {
		t.Fatalf("login as %s: status %d at %s", user, resp.StatusCode, resp.Request.URL)
	}
}

// loginCode sends the current TOTP code of user. A code is accepted once:
// when the last one was used up by an earlier sign-in, the next time step
// (at most 30 s) brings a fresh one.
func loginCode(t *testing.T, client *http.Client, base, user string) *http.Response {
	t.Helper()
	dir, ok := serveDirs.Load(base)
	if !ok {
		t.Fatalf("login as %s needs a code, but %s was not started by startServe", user, base)
	}
	for try := 0; ; try++ {
		code, err := runNaskah(t, "totp", "code", "--user", user, "--data", dir.(string))
		if err != nil {
			t.Fatalf("naskah totp code --user %s: %v\n%s", user, err, code)
		}
		resp, err := client.PostForm(base+"/masuk/kode", url.Values{"kode": {strings.TrimSpace(code)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || try == 1 {
			return resp
		}
		time.Sleep(time.Duration(30-time.Now().Unix()%30+1) * time.Second)
	}
}

// killRounds is how often TestServeKilledMidIntake kills the server. Each
// round is short (the kill lands 50 to 350 ms after login, at a random
// point), so the 20 rounds take about 20 s, most of it server starts.
const killRounds = 20

// TestServeKilledMidIntake registers complaints through the JSON API from
// several clients and kills the server with SIGKILL while they run, at a
// random point, killRounds times. Afterwards the database is intact, every
// agenda number a client was given is stored, the numbers have no gap and
// the audit chain holds.
func TestServeKilledMidIntake(t *testing.T) {
	dir, password := demoDir(t, "bkad-kalbar")
	var (
		mu    sync.Mutex
		acked []string
	)
	for round := 0; round < killRounds; round++ {
		client, base, kill := startServe(t, dir)
		login(t, client, base, "frontoffice", password)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for w := 0; w < 6; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					body, _ := json.Marshal(map[string]any{
						"channel": "telepon", "category": "pengaduan",
						"subject":     fmt.Sprintf("Uji ketahanan %d-%d-%d", round, w, i),
						"complainant": map[string]any{"name": "Penguji", "phone": "081234567890"},
					})
					resp, err := client.Post(base+"/api/v1/letters", "application/json", bytes.NewReader(body))
					if err != nil {
						return // the server is gone
					}
					var got struct {
						AgendaNumber string `json:"agenda_number"`
					}
					err = json.NewDecoder(resp.Body).Decode(&got)
					resp.Body.Close()
					if resp.StatusCode == http.StatusCreated && err == nil {
						mu.Lock()
						acked = append(acked, got.AgendaNumber)
						mu.Unlock()
					} else if resp.StatusCode != http.StatusCreated {
						t.Errorf("intake answered %d", resp.StatusCode)
						return
					}
				}
			}(w)
		}
		time.Sleep(time.Duration(50+rand.IntN(300)) * time.Millisecond)
		kill()
		cancel()
		wg.Wait()
	}
	if len(acked) == 0 {
		t.Fatal("no intake was acknowledged before the kills")
	}

	p, err := profile.Load(filepath.Join(dir, profileFile))
	if err != nil {
		t.Fatal(err)
	}
	db := store.NewDB(dir)
	db.Profile = p
	if err := db.Open(); err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	var list []*letters.Letter
	total := 0
	for offset := 0; offset == 0 || offset < total; offset += 500 {
		page, n, err := store.NewLetterService(db).FindLetters(ctx, letters.LetterFilter{Limit: 500, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		list, total = append(list, page...), n
	}
	stored := map[string]bool{}
	seqs := map[int]bool{}
	numbered := 0
	for _, l := range list {
		if l.AgendaNumber == "" {
			continue // received (e.g. demo email) but not yet in the agenda
		}
		numbered++
		stored[l.AgendaNumber] = true
		seq, err := strconv.Atoi(strings.Split(l.AgendaNumber, "/")[1])
		if err != nil {
			t.Fatalf("agenda number %q", l.AgendaNumber)
		}
		seqs[seq] = true
	}
	for _, a := range acked {
		if !stored[a] {
			t.Errorf("agenda number %s was given to a client but is not stored", a)
		}
	}
	for i := 1; i <= numbered; i++ {
		if !seqs[i] {
			t.Errorf("agenda number %d is missing: numbers have a gap", i)
		}
	}
	rep, err := store.NewAuditService(db).VerifyAudit(ctx)
	if err != nil || !rep.OK {
		t.Fatalf("audit chain after kills: %v %s", err, rep)
	}
	t.Logf("%d intakes acknowledged across %d kills; %d letters stored, gapless; audit %d rows intact", len(acked), killRounds, total, rep.Rows)
}
