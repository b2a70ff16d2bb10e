package mail_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"naskah/letters"
	"naskah/mail"
	"naskah/store"
)

// smtpServer is go-smtp's server on loopback, keeping what it receives.
// While reject is set it refuses recipients with that error.
type smtpServer struct {
	mu       sync.Mutex
	received [][]byte
	rcpts    []string
	reject   *smtp.SMTPError
}

func (s *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }

type smtpSession struct{ s *smtpServer }

func (ss *smtpSession) Reset()                                      {}
func (ss *smtpSession) Logout() error                               { return nil }
func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error { return nil }
func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	if ss.s.reject != nil {
		return ss.s.reject
	}
	ss.s.rcpts = append(ss.s.rcpts, to)
	return nil
}
func (ss *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	ss.s.mu.Lock()
	ss.s.received = append(ss.s.received, data)
	ss.s.mu.Unlock()
	return err
}

func startSMTP(t *testing.T) (*smtpServer, int) {
	t.Helper()
	be := &smtpServer{}
	s := smtp.NewServer(be)
	s.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return be, l.Addr().(*net.TCPAddr).Port
}

// TestSendAnswer queues an answer with its signed PDF for a complaint that
// came by email; the first attempt is refused (temporary), the retry
// delivers it to the SMTP server with the PDF and threading headers, the
// sent copy is on the case, and the complainant's reply threads back.
func TestSendAnswer(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	srv, port := startSMTP(t)
	ctx := context.Background()
	users := store.NewUserService(o.db)
	clerk := &letters.User{Username: "petugas", Name: "Petugas Pengaduan", Position: "petugas_pengaduan"}
	if err := users.CreateUser(ctx, clerk, "rahasia-123"); err != nil {
		t.Fatal(err)
	}
	ctx = letters.NewContextWithUser(ctx, clerk)
	first := o.ingestFile(t, "01-utf8-base64-subject.eml")
	pdf := []byte("%PDF-1.4\n% surat jawaban bertanda tangan\n%%EOF\n")
	m := &letters.OutgoingMail{LetterID: first.LetterID, Kind: letters.MailKindAnswer,
		Text:        "Yth. Ibu Siti,\nBersama ini kami sampaikan jawaban atas pengaduan Anda.",
		Attachments: []letters.MailPart{{Name: "surat-jawaban.pdf", ContentType: "application/pdf", Data: pdf}}}
	if err := o.mail.QueueMail(ctx, m); err != nil {
		t.Fatal(err)
	}
	box := &mail.Outbox{Service: o.mail, Sender: &mail.SMTPSender{
		Config: mail.Config{Host: "127.0.0.1", Port: port, Security: mail.SecurityNone},
		From:   "bkad@kalbarprov.go.id", FromName: "BKAD Provinsi Kalimantan Barat"}}

	srv.reject = &smtp.SMTPError{Code: 451, Message: "Coba lagi nanti"}
	if sent, failed, err := box.Flush(ctx); err != nil || sent != 0 || failed != 1 {
		t.Fatalf("first attempt: %d sent, %d failed, %v", sent, failed, err)
	}
	out, _ := o.mail.FindOutbox(ctx, first.LetterID)
	if len(out) != 1 || out[0].Status != letters.OutboxPending || out[0].Attempts != 1 || !strings.Contains(out[0].LastError, "451") {
		t.Fatalf("after a refusal: %+v", out[0])
	}
	srv.reject = nil
	if sent, _, _ := box.Flush(ctx); sent != 0 {
		t.Fatalf("retried before its time")
	}
	o.now = o.now.Add(2 * time.Minute)
	if sent, failed, err := box.Flush(ctx); err != nil || sent != 1 || failed != 0 {
		t.Fatalf("retry: %d sent, %d failed, %v", sent, failed, err)
	}

	if len(srv.received) != 1 || srv.rcpts[0] != "siti.nurhaliza@example.co.id" {
		t.Fatalf("server got %d messages for %q", len(srv.received), srv.rcpts)
	}
	got, err := mail.Parse(srv.received[0])
	if err != nil {
		t.Fatal(err)
	}
	l := o.letter(t, first.LetterID)
	if !strings.Contains(got.Subject, "["+l.TrackingCode+"]") || got.MessageID != m.MessageID ||
		len(got.References) == 0 || got.References[0] != "pengaduan-0001@example.co.id" {
		t.Errorf("headers: subject %q, id %q, in-reply-to %q", got.Subject, got.MessageID, got.References)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].Name != "surat-jawaban.pdf" || !bytes.Equal(got.Attachments[0].Data, pdf) {
		t.Errorf("the PDF did not arrive intact: %+v", got.Attachments)
	}
	out, _ = o.mail.FindOutbox(ctx, first.LetterID)
	if out[0].Status != letters.OutboxSent || out[0].SentAt == nil {
		t.Errorf("outbox %+v", out[0])
	}

	// The complainant answers the answer: it joins the case.
	reply := message("balas-jawaban@example.co.id", "Siti <siti.nurhaliza@example.co.id>", "Re: jawaban", "Terima kasih.",
		"In-Reply-To: <"+m.MessageID+">")
	res, err := o.intake.Ingest(ctx, letters.MailSource{Folder: "import"}, reply)
	if err != nil || res.Outcome != letters.MailReply || res.LetterID != first.LetterID {
		t.Fatalf("reply to the answer: %+v %v", res, err)
	}
	events, _ := o.letters.LetterEvents(ctx, first.LetterID)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := "receive mail_check mail_queued mail_retry mail_sent mail_reply"; strings.Join(actions, " ") != want {
		t.Errorf("timeline %q, want %q", actions, want)
	}
}

// TestSendGivesUp: a message refused every time is retried with growing
// delays, then shown as failed on the case, never dropped silently.
func TestSendGivesUp(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	srv, port := startSMTP(t)
	srv.reject = &smtp.SMTPError{Code: 550, Message: "Mailbox tidak ada"}
	ctx := letters.NewContextWithUser(context.Background(), &letters.User{Username: "petugas", Name: "Petugas"})
	first := o.ingestFile(t, "02-iso-8859-1-qp.eml")
	if err := o.mail.QueueMail(ctx, &letters.OutgoingMail{LetterID: first.LetterID, Kind: letters.MailKindKelengkapan,
		Text: "Mohon lengkapi salinan KTP."}); err != nil {
		t.Fatal(err)
	}
	if err := o.mail.QueueMail(ctx, &letters.OutgoingMail{LetterID: first.LetterID, To: "bukan alamat", Text: "x"}); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("bad address: %v", err)
	}
	box := &mail.Outbox{Service: o.mail, Sender: &mail.SMTPSender{
		Config: mail.Config{Host: "127.0.0.1", Port: port, Security: mail.SecurityNone}, From: "bkad@kalbarprov.go.id"}}
	for range letters.MaxMailAttempts {
		if _, failed, err := box.Flush(ctx); err != nil || failed != 1 {
			t.Fatalf("attempt: %d failed, %v", failed, err)
		}
		o.now = o.now.Add(7 * time.Hour)
	}
	if _, failed, _ := box.Flush(ctx); failed != 0 {
		t.Errorf("tried again after giving up")
	}
	out, _ := o.mail.FindOutbox(ctx, first.LetterID)
	if out[0].Status != letters.OutboxFailed || !strings.Contains(out[0].LastError, "550") {
		t.Errorf("outbox %+v", out[0])
	}
	events, _ := o.letters.LetterEvents(ctx, first.LetterID)
	last := events[len(events)-1]
	if last.Action != "mail_failed" || !strings.Contains(last.Note, "GAGAL dikirim setelah 8 percobaan") {
		t.Errorf("last event %s: %q", last.Action, last.Note)
	}
}
