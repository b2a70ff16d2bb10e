package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/mail"
	"naskah/store"
)

// A fetched email is shown on its letter's page in a sandboxed frame whose
// own response forbids scripts; the message as received downloads byte for
// byte; who may not read the letter gets 403 for both.
func TestCaseEmailFrameAndRaw(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	raw := []byte("From: Warga Uji <warga@example.id>\r\nTo: pengaduan@kantor.example.go.id\r\n" +
		"Subject: Jalan rusak di depan kantor\r\nDate: Tue, 24 Nov 2026 09:00:00 +0700\r\n" +
		"Message-ID: <uji-frame@example.id>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<p style=\"color:red\">Mohon jalan <b>diperbaiki</b>.</p><script>alert(1)</script>" +
		"<img src=\"https://pelacak.example/x.png\" onerror=\"alert(2)\">\r\n")
	in := &mail.Intake{Service: store.NewMailService(e.db)}
	res, err := in.Ingest(context.Background(), letters.MailSource{Folder: "imap:INBOX", UIDValidity: 1, UID: 1,
		Arrived: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}, raw)
	if err != nil || res.LetterID == 0 {
		t.Fatalf("ingest: %+v %v", res, err)
	}
	recs, err := store.NewMailService(e.db).FindMailByLetter(context.Background(), res.LetterID)
	if err != nil || len(recs) != 1 {
		t.Fatalf("mail of the letter: %v %v", recs, err)
	}
	frame := fmt.Sprintf("/surat/%d/email/%d", res.LetterID, recs[0].ID)

	c := e.client()
	c.login(officer)
	page := c.get(fmt.Sprintf("/surat/%d", res.LetterID))
	mustContain(t, "letter page", page.body, `<iframe class="email" sandbox src="`+frame+`"`, frame+`/asli.eml`)

	r := c.get(frame)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("frame: %d", r.StatusCode)
	}
	csp := r.Header.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "default-src 'none'") ||
		!strings.Contains(csp, "style-src 'unsafe-inline'") {
		t.Errorf("frame CSP %q, want a sandbox with default-src 'none'", csp)
	}
	if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("frame nosniff: %q", got)
	}
	mustContain(t, "frame", r.body, "diperbaiki")
	if low := strings.ToLower(r.body); strings.Contains(low, "<script") || strings.Contains(low, "onerror") {
		t.Errorf("frame carries script: %s", r.body)
	}

	d := c.get(frame + "/asli.eml")
	if d.StatusCode != http.StatusOK || !bytes.Equal([]byte(d.body), raw) {
		t.Fatalf("raw download: %d, %d bytes, want the %d bytes received", d.StatusCode, len(d.body), len(raw))
	}
	if ct, cd := d.Header.Get("Content-Type"), d.Header.Get("Content-Disposition"); ct != "message/rfc822" ||
		!strings.HasPrefix(cd, "attachment") {
		t.Errorf("raw download: Content-Type %q, Content-Disposition %q", ct, cd)
	}

	// The field head may not read a letter not disposed to the field.
	other := e.client()
	other.login(fieldHead)
	for _, p := range []string{frame, frame + "/asli.eml"} {
		if r := other.get(p); r.StatusCode != http.StatusForbidden || strings.Contains(r.body, "diperbaiki") {
			t.Errorf("%s GET %s: %d, want 403", fieldHead, p, r.StatusCode)
		}
	}
	// Another letter's path does not reach this email.
	if r := c.get(fmt.Sprintf("/surat/%d/email/%d", res.LetterID+1000, recs[0].ID)); r.StatusCode == http.StatusOK {
		t.Errorf("email reached through another letter: %d", r.StatusCode)
	}
}
