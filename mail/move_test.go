package mail_test

import (
	"context"
	"strings"
	"testing"

	"naskah/mail"
)

// go-imap's memory server advertises MOVE but its backend cannot move: the
// failure is reported, and the messages stay recorded and on the server.
// (Moving itself is tested against Dovecot in cmd/naskah,
// TestFetchMoveDovecot.)
func TestFetchMoveFailureKeepsRecords(t *testing.T) {
	host, port := memServer(t)
	appendMessages(t, port, 1, 3)
	o := openOffice(t, "bkad-kalbar")
	cfg := mail.Config{Host: host, Port: port, Security: mail.SecurityNone, User: "username", Password: "password",
		MoveTo: "Diproses"}
	f := &mail.Fetcher{Config: cfg, Intake: o.intake}
	sum, err := f.Once(context.Background())
	if err == nil || !strings.Contains(err.Error(), "Diproses") {
		t.Fatalf("move on a server that cannot move: %v", err)
	}
	if sum.Letters != 4 {
		t.Fatalf("recorded before the move: %+v, want 4 letters", sum)
	}
	if _, n := messageCount(t, port); n != 4 {
		t.Errorf("server INBOX has %d messages, want 4", n)
	}
	// The next pass sees them again as duplicates: none is registered twice.
	sum, _ = f.Once(context.Background())
	if sum.Letters != 0 || sum.Duplicates != 4 {
		t.Errorf("second pass: %+v, want 4 duplicates", sum)
	}
}
