package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"naskah/mail"
)

// wargaMessage is message i of the test mailbox; every 100th has no
// Message-ID (it is recognised by its content).
func wargaMessage(i int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Warga %d <warga%d@example.id>\r\nTo: pengaduan@kantor.example.go.id\r\n", i, i)
	fmt.Fprintf(&b, "Subject: Pengaduan nomor %d\r\nDate: Tue, 24 Nov 2026 09:00:00 +0700\r\n", i)
	if i%100 != 0 {
		fmt.Fprintf(&b, "Message-ID: <surat-%d@warga.example.id>\r\n", i)
	}
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIsi pengaduan warga nomor %d.\r\n", i)
	return b.Bytes()
}

// openRO opens the data directory's database read-only next to a running
// naskah.
func openRO(t *testing.T, dir string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "naskah.db")+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// fetchOnce runs `naskah fetch --once --json` and returns its summary.
func fetchOnce(t *testing.T, dir string, args ...string) mail.Summary {
	t.Helper()
	out, err := runNaskah(t, append([]string{"fetch", "--data", dir, "--once", "--json"}, args...)...)
	if err != nil {
		t.Fatalf("naskah fetch: %v\n%s", err, out)
	}
	var sum mail.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("fetch --json: %v\n%s", err, out)
	}
	return sum
}

// TestFetchDovecot ingests a 1,000-message mailbox from a real Dovecot once
// and only once, across a kill -9 of `naskah fetch` in the middle and a
// restart; then survives a UIDVALIDITY change without duplicates, threads
// a reply to its case, and (inside `naskah serve`) sees new mail by IDLE.
func TestFetchDovecot(t *testing.T) {
	if testing.Short() {
		t.Skip("IMAP integration test")
	}
	d := startDovecot(t)
	dir, _ := demoDir(t, "bkad-kalbar")
	if err := os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte(d.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The polling interval is long: in the serve step below, mail that
	// arrives while the loop waits is seen only through IDLE.
	if sum := fetchOnce(t, dir, "--host", "127.0.0.1", "--port", fmt.Sprint(d.port), "--security", "none",
		"--user", d.user, "--interval", "10m", "--save"); sum.Messages != 0 {
		t.Fatalf("empty mailbox: %+v", sum)
	}
	const n = 1000
	msgs := make([][]byte, n)
	for i := range msgs {
		msgs[i] = wargaMessage(i + 1)
	}
	d.deliver(t, msgs...)
	db := openRO(t, dir)

	// Kill -9 in the middle of the first fetch.
	cmd, logs, exited := startChild(t, "fetch", "--data", dir, "--once")
	for killed := false; !killed; {
		select {
		case err := <-exited:
			t.Fatalf("fetch ended (%v) before it could be killed:\n%s", err, logs.String())
		default:
		}
		if count(t, db, `SELECT COUNT(*) FROM mail_messages WHERE folder = 'imap:INBOX'`) >= 100 {
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
			killed = true
		}
		time.Sleep(2 * time.Millisecond)
	}
	before := count(t, db, `SELECT COUNT(*) FROM mail_messages WHERE folder = 'imap:INBOX'`)
	if before >= n {
		t.Fatalf("all %d messages were in before the kill", before)
	}
	t.Logf("killed after %d of %d messages", before, n)

	// The restart takes exactly the rest.
	sum := fetchOnce(t, dir)
	if sum.Messages != n-before || sum.Letters != n-before || sum.Duplicates != 0 {
		t.Fatalf("after restart: %+v, want %d new letters", sum, n-before)
	}
	if got := count(t, db, `SELECT COUNT(DISTINCT letter_id) FROM mail_messages WHERE outcome = 'letter' AND folder = 'imap:INBOX'`); got != n {
		t.Errorf("%d letters from mail, want %d", got, n)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM letters WHERE channel = 'email' AND status = 'received'
		AND subject LIKE 'Pengaduan nomor %'`); got != n {
		t.Errorf("%d received email letters, want %d", got, n)
	}
	// Received when the server got them (INTERNALDATE), not when the
	// sender's Date header says.
	if got := count(t, db, `SELECT COUNT(*) FROM letters WHERE subject LIKE 'Pengaduan nomor %'
		AND received_at = '2026-11-24T02:00:00.000Z'`); got != 0 {
		t.Errorf("%d letters dated by their Date header instead of their arrival", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM mail_folders WHERE folder = 'imap:INBOX' AND last_uid = ?`, n); got != 1 {
		t.Errorf("folder state does not stand at UID %d", n)
	}
	if total, seen := d.serverMessages(t); total != n || seen != 0 {
		t.Errorf("server holds %d messages, %d marked read; want %d, none read", total, seen, n)
	}
	if strings.Contains(logs.String(), d.password) {
		t.Errorf("the password appears in the output")
	}

	// The server renumbers the folder: everything is seen again, nothing
	// is registered twice.
	d.setUIDValidity(t, 424242)
	sum = fetchOnce(t, dir)
	if sum.Messages != n || sum.Duplicates != n || sum.Letters != 0 {
		t.Fatalf("after UIDVALIDITY change: %+v", sum)
	}

	// A reply to message 5 joins its case.
	d.deliver(t, []byte("From: Warga 5 <warga5@example.id>\r\nSubject: Re: Pengaduan nomor 5\r\n"+
		"Message-ID: <balasan-5@warga.example.id>\r\nIn-Reply-To: <surat-5@warga.example.id>\r\n\r\nIni NIK saya.\r\n"))
	if sum := fetchOnce(t, dir); sum.Replies != 1 || sum.Messages != 1 {
		t.Fatalf("reply: %+v", sum)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM letter_events WHERE action = 'mail_reply' AND letter_id =
		(SELECT id FROM letters WHERE message_id = 'surat-5@warga.example.id') AND note LIKE '%Ini NIK saya.%'`); got != 1 {
		t.Errorf("reply not in the case's timeline")
	}

	// naskah serve runs the loop: new mail arrives while it waits (IDLE).
	_, _, stop := startServe(t, dir)
	defer stop()
	for i := 1; i <= 2; i++ {
		// The first may be taken by the loop's first pass; the second comes
		// while it waits.
		id := fmt.Sprintf("idle-%d@example.id", i)
		d.deliver(t, []byte(fmt.Sprintf("From: Ani <ani@example.id>\r\nSubject: Pengaduan saat IDLE %d\r\n"+
			"Message-ID: <%s>\r\n\r\nSurat baru.\r\n", i, id)))
		deadline := time.Now().Add(60 * time.Second)
		for count(t, db, `SELECT COUNT(*) FROM letters WHERE message_id = ?`, id) == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("naskah serve did not fetch message %s", id)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}
