package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	"naskah/letters"
	"naskah/mail"
)

// inbox is a loopback SMTP server (go-smtp) that keeps what it receives.
type inbox struct {
	mu  sync.Mutex
	got [][]byte
}

func (b *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return inboxSession{b}, nil }

type inboxSession struct{ b *inbox }

func (inboxSession) Reset()                               {}
func (inboxSession) Logout() error                        { return nil }
func (inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (inboxSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s inboxSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	s.b.mu.Lock()
	s.b.got = append(s.b.got, data)
	s.b.mu.Unlock()
	return err
}

// TestSendAnswerWithPDF: a complaint that came by email is answered with
// `naskah send`; the answer arrives at the SMTP server with its PDF.
func TestSendAnswerWithPDF(t *testing.T) {
	b, port := startSMTP(t)

	dir, _ := demoDir(t, "bkad-kalbar")
	if out, err := runNaskah(t, "import", "--data", dir, "../../mail/testdata/01-utf8-base64-subject.eml"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	var c struct {
		ID           int64
		TrackingCode string
	}
	if err := openRO(t, dir).QueryRow(`SELECT id, tracking_code FROM letters WHERE message_id = ?`,
		"pengaduan-0001@example.co.id").Scan(&c.ID, &c.TrackingCode); err != nil {
		t.Fatal(err)
	}
	// A real PDF from Naskah: the receipt of a registered demo case (the
	// signed answer is another helper's document).
	pdfPath := filepath.Join(t.TempDir(), "surat-jawaban.pdf")
	if out, err := runNaskah(t, "letters", "receipt", "1", "--data", dir, "-o", pdfPath); err != nil {
		t.Fatalf("receipt: %v\n%s", err, out)
	}
	out, err := runNaskah(t, "send", "--data", dir, "--letter", itoa(c.ID), "--text", "Yth. Ibu Siti,\\nJawaban terlampir.",
		"--attach", pdfPath, "--smtp-host", "127.0.0.1", "--smtp-port", itoa(int64(port)), "--smtp-security", "none", "--save")
	if err != nil || !strings.Contains(out, "Email terkirim ke siti.nurhaliza@example.co.id") {
		t.Fatalf("send: %v\n%s", err, out)
	}
	if len(b.got) != 1 {
		t.Fatalf("SMTP server received %d messages", len(b.got))
	}
	m, err := mail.Parse(b.got[0])
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := os.ReadFile(pdfPath)
	if len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, pdf) || !strings.Contains(m.Subject, c.TrackingCode) ||
		m.Text != "Yth. Ibu Siti,\nJawaban terlampir." || len(m.References) == 0 || m.References[0] != "pengaduan-0001@example.co.id" {
		t.Errorf("received: subject %q, text %q, refs %q, %d attachments", m.Subject, m.Text, m.References, len(m.Attachments))
	}
}

// TestSendPendingDocument: a signed kelengkapan notice delivered "by
// email" waits for the mailer; `naskah send --pending` sends it with the
// signed PDF, byte for byte, and the document and case show it delivered.
func TestSendPendingDocument(t *testing.T) {
	b, port := startSMTP(t)

	dir, _ := demoDir(t, "disarpus-sanggau")
	ctx := context.Background()
	a, err := openApp(dataFlags{dir: dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	piket, err := a.as(ctx, "petugas_piket")
	if err != nil {
		t.Fatal(err)
	}
	kasubag, err := a.as(ctx, "kasubag_umum")
	if err != nil {
		t.Fatal(err)
	}
	c := &letters.Letter{Channel: "tatap_muka", Category: letters.CategoryPengaduan, Subject: "Layanan arsip tidak jelas",
		Complainant: letters.Party{Name: "Maria Goreti", Email: "maria@example.id", Phone: "081234567890",
			Address: "Jl. Sudirman 1, Sanggau", NIK: "6103010101900001"}, Statement: true}
	if err := a.letters.CreateLetter(piket, c, nil); err != nil {
		t.Fatal(err)
	}
	d, err := a.workflow.CreateDraft(kasubag, c.ID, letters.DocKelengkapan)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.workflow.SaveDraft(kasubag, d.ID, letters.DraftInput{Addressee: d.Current.Addressee,
		Fields: d.Current.Fields, Body: d.Current.Body}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.workflow.SubmitDraft(kasubag, d.ID); err != nil {
		t.Fatal(err)
	}
	doc, err := a.workflow.SignDraft(kasubag, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.workflow.DeliverDraft(kasubag, d.ID, letters.DeliveryInput{Method: letters.DeliverEmail}); err != nil {
		t.Fatal(err)
	}
	pdf, err := a.workflow.DocumentPDF(kasubag, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()

	out, err := runNaskah(t, "send", "--data", dir, "--pending", "--smtp-host", "127.0.0.1",
		"--smtp-port", itoa(int64(port)), "--smtp-security", "none", "--from", "disarpus@mail.sanggau.go.id", "--save")
	if err != nil || !strings.Contains(out, "Email terkirim: 1;") {
		t.Fatalf("send --pending: %v\n%s", err, out)
	}
	if len(b.got) != 1 {
		t.Fatalf("SMTP server received %d messages", len(b.got))
	}
	m, err := mail.Parse(b.got[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, pdf) || !strings.Contains(m.Text, doc.VerifyCode) {
		t.Errorf("the signed PDF did not arrive intact (%d attachments), text %q", len(m.Attachments), m.Text)
	}
	a, err = openApp(dataFlags{dir: dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	got, err := a.workflow.FindDocumentByID(kasubag, doc.ID)
	if err != nil || got.DeliveredAt == nil {
		t.Errorf("document not delivered after sending: %+v %v", got, err)
	}
	// Sending again finds nothing: the document is not sent twice.
	if out, err := runNaskah(t, "send", "--data", dir, "--pending"); err != nil || !strings.Contains(out, "Email terkirim: 0;") {
		t.Errorf("second send: %v\n%s", err, out)
	}
}

// startSMTP serves SMTP on a loopback port for the test, keeping what it
// receives in the returned inbox.
func startSMTP(t *testing.T) (*inbox, int) {
	t.Helper()
	b := &inbox{}
	srv := smtp.NewServer(b)
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return b, l.Addr().(*net.TCPAddr).Port
}
