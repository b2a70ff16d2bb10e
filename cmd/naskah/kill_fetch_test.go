package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// fetchKills is how often TestFetchKilledAtRandom kills `naskah fetch`.
const fetchKills = 20

// killMessage is message i of the kill test's mailbox: every 10th has no
// Message-ID (it is recognised by its content), every 7th carries a file.
func killMessage(i int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Pengadu %d <pengadu%d@example.id>\r\nTo: pengaduan@kantor.example.go.id\r\n", i, i)
	fmt.Fprintf(&b, "Subject: Uji kill fetch %d\r\nDate: Tue, 24 Nov 2026 09:00:00 +0700\r\n", i)
	if i%10 != 0 {
		fmt.Fprintf(&b, "Message-ID: <kill-%d@pengadu.example.id>\r\n", i)
	}
	if i%7 != 0 {
		fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIsi pengaduan nomor %d.\r\n", i)
		return b.Bytes()
	}
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", i)
	fmt.Fprintf(&b, "--b%d\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIsi pengaduan nomor %d, KTP terlampir.\r\n", i, i)
	fmt.Fprintf(&b, "--b%d\r\nContent-Type: application/pdf; name=\"ktp-%d.pdf\"\r\nContent-Disposition: attachment; filename=\"ktp-%d.pdf\"\r\n\r\n", i, i, i)
	fmt.Fprintf(&b, "%%PDF-1.4\r\n%% lampiran %d\r\n%%%%EOF\r\n--b%d--\r\n", i, i)
	return b.Bytes()
}

// TestFetchKilledAtRandom kills `naskah fetch --once` with SIGKILL at
// random points while it ingests a 60-message mailbox from a real Dovecot,
// fetchKills times, re-running it each time, then lets one run finish.
// Every message is then stored exactly once (by Message-ID, or by content
// for those without one) as exactly one letter, the letters' ids have no
// gap, the folder state stands at the last UID, the database is sound and
// the audit chain verifies.
func TestFetchKilledAtRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("IMAP integration test")
	}
	if _, err := exec.LookPath("dovecot"); err != nil && os.Getenv("CI") == "true" {
		t.Fatal("dovecot is not installed; CI must run this test (scripts/test-deps.sh installs it)")
	}
	d := startDovecot(t)
	dir, _ := demoDir(t, "bkad-kalbar")
	if err := os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte(d.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fetchOnce(t, dir, "--host", "127.0.0.1", "--port", fmt.Sprint(d.port), "--security", "none",
		"--user", d.user, "--save")
	const n = 60
	for i := 1; i <= n; i++ {
		d.deliver(t, killMessage(i))
	}
	db := openRO(t, dir)
	stored := func() int {
		return count(t, db, `SELECT COUNT(*) FROM mail_messages WHERE folder = 'imap:INBOX'`)
	}
	lettersBefore := count(t, db, `SELECT COUNT(*) FROM letters`)
	maxIDBefore := count(t, db, `SELECT COALESCE(MAX(id), 0) FROM letters`)

	// A run is killed at one of three kinds of random point: during
	// start-up (0 to 200 ms after the start, before anything is stored),
	// right after it stored one or two more messages, or 0 to 2 ms later,
	// inside the next message's transaction. A message takes about a
	// millisecond, so the count is polled continuously.
	mid := 0
	for k := 0; k < fetchKills; k++ {
		at := stored()
		target := at + rand.IntN(3)
		cmd, logs, exited := startChild(t, "fetch", "--data", dir, "--once")
		done := false
		if target == at {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("fetch failed on its own: %v\n%s", err, logs.String())
				}
				done = true
			case <-time.After(time.Duration(rand.IntN(200)) * time.Millisecond):
			}
		}
		for !done && stored() < target {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("fetch failed on its own: %v\n%s", err, logs.String())
				}
				done = true
			default:
			}
		}
		if !done {
			if rand.IntN(2) == 0 {
				time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
		}
		after := stored()
		if after < n && !done {
			mid++
		}
		t.Logf("run %d: %d → %d messages stored", k+1, at, after)
	}
	sum := fetchOnce(t, dir)
	t.Logf("final run took the last %d; %d of %d kills landed before the mailbox was done", sum.Messages, mid, fetchKills)

	if got := stored(); got != n {
		t.Errorf("%d messages stored, want %d", got, n)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM (SELECT message_id FROM mail_messages
		WHERE folder = 'imap:INBOX' AND message_id <> '' GROUP BY message_id HAVING COUNT(*) > 1)`); got != 0 {
		t.Errorf("%d Message-IDs stored more than once", got)
	}
	if got := count(t, db, `SELECT COUNT(DISTINCT message_id) FROM mail_messages
		WHERE folder = 'imap:INBOX' AND message_id LIKE 'kill-%@pengadu.example.id'`); got != n-n/10 {
		t.Errorf("%d distinct Message-IDs, want %d", got, n-n/10)
	}
	if got := count(t, db, `SELECT COUNT(DISTINCT hash) FROM mail_messages WHERE folder = 'imap:INBOX'`); got != n {
		t.Errorf("%d distinct messages by content, want %d", got, n)
	}
	for i := 1; i <= n; i++ {
		if got := count(t, db, `SELECT COUNT(*) FROM letters WHERE channel = 'email' AND subject = ?`,
			fmt.Sprintf("Uji kill fetch %d", i)); got != 1 {
			t.Errorf("message %d became %d letters", i, got)
		}
	}
	if got := count(t, db, `SELECT COUNT(*) FROM mail_messages WHERE folder = 'imap:INBOX'
		AND (outcome <> 'letter' OR letter_id IS NULL)`); got != 0 {
		t.Errorf("%d messages did not become letters", got)
	}
	// Letters are numbered by id (mail opens them unregistered, without an
	// agenda number): the new ids follow the old ones without a gap.
	if got, want := count(t, db, `SELECT COUNT(*) FROM letters`), lettersBefore+n; got != want {
		t.Errorf("%d letters, want %d", got, want)
	}
	if got, want := count(t, db, `SELECT MAX(id) FROM letters`), maxIDBefore+n; got != want {
		t.Errorf("letter ids end at %d, want %d: a gap", got, want)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM attachments a JOIN letters l ON l.id = a.letter_id
		WHERE l.subject LIKE 'Uji kill fetch %'`); got != n/7 {
		t.Errorf("%d attachments, want %d", got, n/7)
	}
	rows, err := db.Query(`SELECT a.sha256 FROM attachments a JOIN letters l ON l.id = a.letter_id
		WHERE l.subject LIKE 'Uji kill fetch %'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var sum string
		rows.Scan(&sum)
		if _, err := os.Stat(filepath.Join(dir, "attachments", sum[:2], sum)); err != nil {
			t.Errorf("attachment row without its file: %v", err)
		}
	}
	rows.Close()
	if got := count(t, db, `SELECT COUNT(*) FROM (SELECT document, year FROM numbers WHERE suffix = ''
		GROUP BY document, year HAVING MAX(seq) <> COUNT(*))`); got != 0 {
		t.Errorf("%d number series have a gap", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM mail_folders WHERE folder = 'imap:INBOX' AND last_uid = ?`, n); got != 1 {
		t.Errorf("folder state does not stand at UID %d", n)
	}
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %s %v", check, err)
	}
	if out, err := runNaskah(t, "audit", "verify", "--data", dir); err != nil {
		t.Fatalf("audit verify after %d kills: %v\n%s", fetchKills, err, out)
	}
}

// startChild starts naskah with args as a child, its output in logs; exited
// receives what Wait returns, for the kill tests that watch it run.
func startChild(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	cmd := naskahCmd(t, args...)
	logs := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return cmd, logs, exited
}
