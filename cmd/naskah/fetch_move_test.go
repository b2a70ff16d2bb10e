package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// folderMessages counts the messages of a folder on the Dovecot server.
func (d *dovecot) folderMessages(t *testing.T, folder string) int {
	t.Helper()
	out, err := d.command("doveadm", "-c", d.conf, "-f", "flow", "mailbox", "status", "-u", d.user,
		"messages", folder).CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm mailbox status %s: %v\n%s", folder, err, out)
	}
	_, v, ok := strings.Cut(strings.TrimSpace(string(out)), "messages=")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if !ok || err != nil {
		t.Fatalf("doveadm mailbox status %s: %q", folder, out)
	}
	return n
}

// TestFetchMoveDovecot: with mail.move_to set, every recorded message
// leaves INBOX for that folder, including messages recorded earlier but
// never moved (the state a crash between commit and move leaves), which
// come back as duplicates; without it nothing moves.
func TestFetchMoveDovecot(t *testing.T) {
	if testing.Short() {
		t.Skip("IMAP integration test")
	}
	d := startDovecot(t)
	dir, _ := demoDir(t, "bkad-kalbar")
	if err := os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte(d.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.deliver(t, wargaMessage(1), wargaMessage(2), wargaMessage(3))
	sum := fetchOnce(t, dir, "--host", "127.0.0.1", "--port", fmt.Sprint(d.port), "--security", "none",
		"--user", d.user, "--save")
	if sum.Letters != 3 {
		t.Fatalf("first fetch: %+v, want 3 letters", sum)
	}
	if n := d.folderMessages(t, "INBOX"); n != 3 {
		t.Fatalf("without move_to INBOX holds %d messages, want 3", n)
	}

	// Recorded but still in INBOX, as after a crash between commit and move.
	d.deliver(t, wargaMessage(4), wargaMessage(5))
	sum = fetchOnce(t, dir, "--move-to", "Diproses", "--save")
	if sum.Messages != 5 || sum.Letters != 2 || sum.Duplicates != 3 {
		t.Fatalf("fetch with move: %+v, want 2 letters and 3 duplicates", sum)
	}
	if in, moved := d.folderMessages(t, "INBOX"), d.folderMessages(t, "Diproses"); in != 0 || moved != 5 {
		t.Fatalf("after move INBOX=%d Diproses=%d, want 0 and 5", in, moved)
	}

	// The saved setting keeps moving.
	d.deliver(t, wargaMessage(6))
	if sum = fetchOnce(t, dir); sum.Messages != 1 || sum.Letters != 1 {
		t.Fatalf("next fetch: %+v, want 1 letter", sum)
	}
	if in, moved := d.folderMessages(t, "INBOX"), d.folderMessages(t, "Diproses"); in != 0 || moved != 6 {
		t.Fatalf("INBOX=%d Diproses=%d, want 0 and 6", in, moved)
	}

	// "-" turns it off again.
	d.deliver(t, wargaMessage(7))
	if sum = fetchOnce(t, dir, "--move-to", "-", "--save"); sum.Letters != 1 {
		t.Fatalf("fetch without move: %+v, want 1 letter", sum)
	}
	if in, moved := d.folderMessages(t, "INBOX"), d.folderMessages(t, "Diproses"); in != 1 || moved != 6 {
		t.Fatalf("INBOX=%d Diproses=%d, want 1 and 6", in, moved)
	}
}
