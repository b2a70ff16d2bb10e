package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestImportKilled kills `naskah import` of a generated Maildir with
// SIGKILL at random points, several times, then lets one run finish: every
// message is stored once and whole (its letter with timeline and audit
// rows, its attachments' files), whatever batch the kills interrupted.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 1,500 messages several times")
	}
	const n = 1500
	md := filepath.Join(t.TempDir(), "Maildir")
	st, err := genMaildir(md, n, 7)
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.MkdirAll(filepath.Join(empty, "cur"), 0o700)
	os.MkdirAll(filepath.Join(empty, "new"), 0o700)
	dir := filepath.Join(t.TempDir(), "data")
	if out, err := runNaskah(t, "import", "--data", dir, "--profile", "bkad-kalbar", empty); err != nil {
		t.Fatalf("new office: %v\n%s", err, out)
	}
	db := openRO(t, dir)
	stored := func() int { return count(t, db, `SELECT COUNT(*) FROM mail_messages`) }

	kills := 0
	for k := 0; k < 4; k++ {
		target := stored() + 1 + rand.IntN(n/3)
		cmd, logs, exited := startChild(t, "import", "--data", dir, "--batch", "100", md)
		done := false
		for !done && stored() < target {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("import failed on its own: %v\n%s", err, logs.String())
				}
				done = true
			case <-time.After(5 * time.Millisecond):
			}
		}
		if done {
			break
		}
		time.Sleep(time.Duration(rand.IntN(50)) * time.Millisecond) // inside a batch, mostly
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		kills++
		t.Logf("kill %d: %d messages stored", kills, stored())
	}
	out, err := runNaskah(t, "import", "--data", dir, "--json", md)
	if err != nil {
		t.Fatalf("final import: %v\n%s", err, out)
	}
	var last struct{ Messages, Letters, Duplicates int }
	json.Unmarshal([]byte(out), &last)
	t.Logf("%d kills; the final run registered %d letters and found %d already stored", kills, last.Letters, last.Duplicates)

	// Re-deliveries are not recorded on import: one row per distinct message.
	if got, want := stored(), st.Messages-st.Duplicates; got != want {
		t.Errorf("%d messages stored, want %d", got, want)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM (SELECT message_id FROM mail_messages
		GROUP BY message_id HAVING COUNT(*) > 1)`); got != 0 {
		t.Errorf("%d Message-IDs stored more than once", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM letters WHERE channel = 'email'`); got != st.Letters {
		t.Errorf("%d letters, want %d", got, st.Letters)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM letters l WHERE NOT EXISTS (SELECT 1 FROM mail_messages m
		WHERE m.letter_id = l.id AND m.outcome = 'letter') OR NOT EXISTS (SELECT 1 FROM letter_events e WHERE e.letter_id = l.id)`); got != 0 {
		t.Errorf("%d letters without their message or timeline", got)
	}
	if got := count(t, db, `SELECT COUNT(*) FROM mail_messages WHERE outcome = 'reply'`); got != st.Replies {
		t.Errorf("%d replies, want %d", got, st.Replies)
	}
	rows, err := db.Query(`SELECT sha256 FROM attachments`)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for rows.Next() {
		var sum string
		rows.Scan(&sum)
		if fi, err := os.Stat(filepath.Join(dir, "attachments", sum[:2], sum)); err != nil || fi.Size() == 0 {
			t.Errorf("attachment row without its file: %v", err)
		}
		files++
	}
	rows.Close()
	if files == 0 || files > st.PDFs {
		t.Errorf("%d attachment rows for %d PDFs generated", files, st.PDFs)
	}
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %s %v", check, err)
	}
	if out, err := runNaskah(t, "audit", "verify", "--data", dir); err != nil {
		t.Fatalf("audit verify after %d kills: %v\n%s", kills, err, out)
	}
}
