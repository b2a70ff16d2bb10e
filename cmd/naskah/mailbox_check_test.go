package main

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
)

// The admin page's "Uji koneksi" against a real Dovecot: a good login
// reports the folder's size, a wrong password and a closed port are told
// in Indonesian, and the password may come from the data directory.
func TestMailCheckerIMAP(t *testing.T) {
	d := startDovecot(t)
	d.deliver(t, []byte("From: a@example.test\r\nTo: kantor@example.test\r\nSubject: uji\r\n\r\nisi\r\n"))
	t.Setenv(mailPasswordEnv, "")
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	m := &mailChecker{dir: dir, profile: p}
	ctx := context.Background()
	s := letters.MailSettings{Host: "127.0.0.1", Port: d.port, Security: letters.MailSecurityNone, User: d.user}

	msg, err := m.CheckMail(ctx, letters.MailServerIMAP, s, d.password)
	if err != nil || !strings.Contains(msg, "masuk sebagai kantor; folder INBOX berisi 1 email") {
		t.Fatalf("good login: %q, %v", msg, err)
	}
	_, err = m.CheckMail(ctx, letters.MailServerIMAP, s, "salah")
	if !strings.Contains(letters.ErrorMessage(err), "server menolak login sebagai kantor") {
		t.Errorf("wrong password: %v", err)
	}
	if strings.Contains(letters.ErrorMessage(err), "salah") && !strings.Contains(letters.ErrorMessage(err), "kata sandi salah") {
		t.Errorf("the message shows the password: %v", err)
	}
	_, err = m.CheckMail(ctx, letters.MailServerIMAP, s, "")
	if !strings.Contains(letters.ErrorMessage(err), "kata sandi kotak surat belum ada") {
		t.Errorf("no password anywhere: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte(d.password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if msg, err := m.CheckMail(ctx, letters.MailServerIMAP, s, ""); err != nil || !strings.Contains(msg, "berisi 1 email") {
		t.Errorf("password from mail-password: %q, %v", msg, err)
	}
	s.Folder = "TidakAda"
	if _, err := m.CheckMail(ctx, letters.MailServerIMAP, s, d.password); !strings.Contains(letters.ErrorMessage(err), `folder "TidakAda" tidak dapat dibuka`) {
		t.Errorf("missing folder: %v", err)
	}
	s.Folder, s.Port = "", closedPort(t)
	if _, err := m.CheckMail(ctx, letters.MailServerIMAP, s, d.password); !strings.Contains(letters.ErrorMessage(err), "menolak sambungan") {
		t.Errorf("closed port: %v", err)
	}
}

func TestMailCheckerSMTP(t *testing.T) {
	_, port := startSMTP(t)
	p, _ := profile.Load("bkad-kalbar")
	m := &mailChecker{dir: t.TempDir(), profile: p}
	s := letters.MailSettings{SMTPHost: "127.0.0.1", SMTPPort: port, SMTPSecurity: letters.MailSecurityNone}
	msg, err := m.CheckMail(context.Background(), letters.MailServerSMTP, s, "")
	if err != nil || !strings.Contains(msg, "menerima sambungan tanpa login; tidak ada email yang dikirim") {
		t.Fatalf("SMTP: %q, %v", msg, err)
	}
	s.SMTPPort = closedPort(t)
	if _, err := m.CheckMail(context.Background(), letters.MailServerSMTP, s, ""); !strings.Contains(letters.ErrorMessage(err), "menolak sambungan") {
		t.Errorf("closed SMTP port: %v", err)
	}
}

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}
