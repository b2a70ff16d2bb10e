package mail_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/backend/memory"
	"github.com/emersion/go-imap/client"
	"github.com/emersion/go-imap/server"

	"naskah/letters"
	"naskah/mail"
)

// memServer starts go-imap's in-memory server on a loopback port. Its one
// user is "username"/"password", with one message in INBOX.
func memServer(t *testing.T) (host string, port int) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := server.New(memory.New())
	s.AllowInsecureAuth = true
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	addr := l.Addr().(*net.TCPAddr)
	return "127.0.0.1", addr.Port
}

// appendMessages delivers n messages to INBOX, as a mail server would.
func appendMessages(t *testing.T, port int, from, n int) {
	t.Helper()
	c, err := client.Dial(fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Logout()
	if err := c.Login("username", "password"); err != nil {
		t.Fatal(err)
	}
	for i := from; i < from+n; i++ {
		raw := message(fmt.Sprintf("imap-%d@example.id", i), fmt.Sprintf("Warga %d <warga%d@example.id>", i, i),
			fmt.Sprintf("Pengaduan nomor %d", i), "Isi pengaduan.")
		if err := c.Append("INBOX", nil, time.Now(), bytes.NewReader(raw)); err != nil {
			t.Fatal(err)
		}
	}
}

// messageCount returns STATUS UNSEEN and MESSAGES of INBOX.
func messageCount(t *testing.T, port int) (int, int) {
	t.Helper()
	c, err := client.Dial(fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Logout()
	c.Login("username", "password")
	st, err := c.Status("INBOX", []imap.StatusItem{imap.StatusMessages, imap.StatusUnseen})
	if err != nil {
		t.Fatal(err)
	}
	return int(st.Unseen), int(st.Messages)
}

func TestFetchFromGoIMAPServer(t *testing.T) {
	host, port := memServer(t)
	appendMessages(t, port, 1, 30)
	o := openOffice(t, "bkad-kalbar")
	cfg := mail.Config{Host: host, Port: port, Security: mail.SecurityNone, User: "username", Password: "password",
		Interval: 100 * time.Millisecond}
	f := &mail.Fetcher{Config: cfg, Intake: o.intake, Batch: 7}
	ctx := context.Background()

	sum, err := f.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != 31 || sum.Letters != 31 {
		t.Fatalf("first fetch: %+v", sum)
	}
	if sum, err := f.Once(ctx); err != nil || sum.Messages != 0 {
		t.Fatalf("second fetch: %+v %v", sum, err)
	}
	// Nothing was deleted on the server (the Dovecot test checks \Seen:
	// this server does not count unseen messages).
	if _, n := messageCount(t, port); n != 31 {
		t.Errorf("server has %d messages, want 31", n)
	}

	// The loop picks up mail that arrives later (this server does not
	// push updates, so the loop polls at Interval).
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.Run(runCtx) }()
	appendMessages(t, port, 100, 2)
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, total, err := o.letters.FindLetters(ctx, letters.LetterFilter{Channel: "email"})
		if err != nil {
			t.Fatal(err)
		}
		if total == 33 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the loop registered %d letters, want 33", total)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// A wrong password is an error that does not repeat the password.
	bad := &mail.Fetcher{Config: cfg, Intake: o.intake}
	bad.Config.Password = "salah-sandi-rahasia"
	if _, err := bad.Once(ctx); err == nil || strings.Contains(err.Error(), "salah-sandi-rahasia") || !strings.Contains(err.Error(), "login") {
		t.Errorf("bad login: %v", err)
	}
	if s := cfg.String(); strings.Contains(s, "password") {
		t.Errorf("Config.String shows the password: %s", s)
	}
}
