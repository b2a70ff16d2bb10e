package mail_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/mail"
)

// message builds a plain message; extra header lines come first.
func message(id, from, subject, body string, extra ...string) []byte {
	var b bytes.Buffer
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "From: %s\r\nTo: bkad@kalbarprov.go.id\r\nSubject: %s\r\nDate: Tue, 24 Nov 2026 09:00:00 +0700\r\n", from, subject)
	if id != "" {
		fmt.Fprintf(&b, "Message-ID: <%s>\r\n", id)
	}
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", body)
	return b.Bytes()
}

// withAttachment builds a message with one base64 attachment of size bytes.
func withAttachment(id, name string, size int) []byte {
	data := make([]byte, size)
	rand.Read(data)
	copy(data, "%PDF-1.7\n")
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Pemindai <scan@example.id>\r\nSubject: Berkas %s\r\nMessage-ID: <%s>\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"+
		"Content-Type: text/plain\r\n\r\nHasil pindai terlampir.\r\n--b\r\nContent-Type: application/pdf\r\n"+
		"Content-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", name, id, name)
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--b--\r\n")
	return b.Bytes()
}

// TestLargeAttachment: an attachment of exactly 20 MB is kept; one over
// the limit is left in the raw message and flagged, and the letter is
// still registered.
func TestLargeAttachment(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	ctx := context.Background()
	src := letters.MailSource{Folder: "import"}
	res, err := o.intake.Ingest(ctx, src, withAttachment("besar@example.id", "pindai-20mb.pdf", letters.MaxUploadSize))
	if err != nil || res.Outcome != letters.MailLetter {
		t.Fatalf("20 MB: %+v %v", res, err)
	}
	l := o.letter(t, res.LetterID)
	if len(l.Attachments) != 1 || l.Attachments[0].Size != letters.MaxUploadSize {
		t.Fatalf("attachments %+v", l.Attachments)
	}
	recs, err := o.mail.FindMailByLetter(ctx, l.ID)
	if err != nil || len(recs) != 1 {
		t.Fatal(recs, err)
	}
	if raw, err := o.mail.MailRaw(ctx, recs[0].ID); err != nil || len(raw) < letters.MaxUploadSize*4/3 {
		t.Errorf("large raw message not kept: %d bytes, %v", len(raw), err)
	}
	res, err = o.intake.Ingest(ctx, src, withAttachment("terlalu-besar@example.id", "pindai-21mb.pdf", letters.MaxUploadSize+1<<20))
	if err != nil || res.Outcome != letters.MailLetter {
		t.Fatalf("21 MB: %+v %v", res, err)
	}
	if l := o.letter(t, res.LetterID); len(l.Attachments) != 0 || !hasFlag(res.Flags, `Lampiran "pindai-21mb.pdf" (21 MB) melebihi batas 20 MB`) {
		t.Errorf("over-size attachment: %d kept, flags %q", len(l.Attachments), res.Flags)
	}
	// A message over the size limit is refused with its reason, not lost.
	small := &mail.Intake{Service: o.mail, MaxSize: 1 << 20}
	res, err = small.Ingest(ctx, src, withAttachment("raksasa@example.id", "x.pdf", 2<<20))
	if err != nil || res.Outcome != letters.MailRefused || !strings.Contains(res.Reason, "melebihi batas 1 MB") {
		t.Errorf("over-size message: %+v %v", res, err)
	}
}

// TestImportMboxAndMaildir imports an mbox (with a quoted "From " line) and
// a Maildir (new and cur; tmp is skipped) in one call.
func TestImportMboxAndMaildir(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	dir := t.TempDir()
	var mbox bytes.Buffer
	for i, body := range []string{"Pertama.", "Kedua.\n>From the desk of the camat: jalan rusak.", "Ketiga."} {
		fmt.Fprintf(&mbox, "From warga%d@example.id Tue Nov 24 09:00:00 2026\n", i)
		mbox.Write(bytes.ReplaceAll(message(fmt.Sprintf("mbox-%d@example.id", i), fmt.Sprintf("Warga %d <warga%d@example.id>", i, i),
			fmt.Sprintf("Surat mbox %d", i), body), []byte("\r\n"), []byte("\n")))
		mbox.WriteString("\n")
	}
	mboxPath := filepath.Join(dir, "arsip")
	os.WriteFile(mboxPath, mbox.Bytes(), 0o600)
	md := filepath.Join(dir, "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	os.WriteFile(filepath.Join(md, "new", "1.host"), message("md-1@example.id", "A <a@example.id>", "Maildir satu", "Satu."), 0o600)
	os.WriteFile(filepath.Join(md, "new", "2.host"), message("md-2@example.id", "B <b@example.id>", "Maildir dua", "Dua."), 0o600)
	os.WriteFile(filepath.Join(md, "cur", "3.host:2,S"), message("md-3@example.id", "C <c@example.id>", "Maildir tiga", "Tiga."), 0o600)
	os.WriteFile(filepath.Join(md, "tmp", "4.host"), []byte("setengah terkirim"), 0o600)

	var calls int
	sum, err := o.intake.Import(context.Background(), []string{mboxPath, md, filepath.Join(dir, "tidak-ada.eml")},
		func(done, total int64, n int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Letters != 6 || sum.Messages != 6 || len(sum.Refused) != 1 || !strings.Contains(sum.Refused[0].Reason, "tidak dapat dibaca") {
		t.Fatalf("summary %+v", sum)
	}
	if calls != 6 {
		t.Errorf("progress told %d times, want 6", calls)
	}
	list, _, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Query: "camat"})
	if err != nil || len(list) != 1 || !strings.Contains(list[0].Body, "\nFrom the desk of the camat") {
		t.Errorf("mboxrd quoting: %v %v", list, err)
	}
}

// TestTrackingCodeThreads: a reply without In-Reply-To that names the
// tracking code in its subject joins the case.
func TestTrackingCodeThreads(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	ctx := context.Background()
	src := letters.MailSource{Folder: "import"}
	first, err := o.intake.Ingest(ctx, src, message("awal@example.id", "Rudi <rudi@example.id>", "Jalan rusak", "Mohon diperbaiki."))
	if err != nil || first.Outcome != letters.MailLetter {
		t.Fatal(first, err)
	}
	code := strings.ToLower(strings.ReplaceAll(first.TrackingCode, "-", " "))
	res, err := o.intake.Ingest(ctx, src, message("susulan@example.id", "Rudi <rudi@example.id>",
		"Kelengkapan pengaduan ["+strings.ReplaceAll(code, " ", "")+"]", "NIK saya 6171010101900001."))
	if err != nil || res.Outcome != letters.MailReply || res.LetterID != first.LetterID {
		t.Fatalf("reply by tracking code: %+v %v", res, err)
	}
	// A second copy of the same reply is a duplicate, not a second entry.
	res, err = o.intake.Ingest(ctx, src, message("susulan@example.id", "Rudi <rudi@example.id>", "apa saja", "x"))
	if err != nil || res.Outcome != letters.MailDuplicate || !strings.Contains(res.Reason, first.TrackingCode) {
		t.Fatalf("duplicate reply: %+v %v", res, err)
	}
}

// TestUIDValidityChange: after the server renumbers a folder, the messages
// seen again under new UIDs are recognised (Message-ID or hash) and no
// letter is registered twice.
func TestUIDValidityChange(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	ctx := context.Background()
	msgs := [][]byte{
		message("u1@example.id", "A <a@example.id>", "Satu", "1"),
		message("", "B <b@example.id>", "Dua tanpa Message-ID", "2"),
		message("u3@example.id", "C <c@example.id>", "Tiga", "3"),
	}
	for i, raw := range msgs {
		res, err := o.intake.Ingest(ctx, letters.MailSource{Folder: "imap:INBOX", UIDValidity: 7, UID: uint32(10 + i)}, raw)
		if err != nil || res.Outcome != letters.MailLetter {
			t.Fatal(res, err)
		}
	}
	st, err := o.mail.MailFolder(ctx, "imap:INBOX")
	if err != nil || st.UIDValidity != 7 || st.LastUID != 12 {
		t.Fatalf("folder %+v %v", st, err)
	}
	if err := o.mail.ResetMailFolder(ctx, "imap:INBOX", 8); err != nil {
		t.Fatal(err)
	}
	for i, raw := range msgs {
		res, err := o.intake.Ingest(ctx, letters.MailSource{Folder: "imap:INBOX", UIDValidity: 8, UID: uint32(1 + i)}, raw)
		if err != nil || res.Outcome != letters.MailDuplicate {
			t.Fatalf("after UIDVALIDITY change: %+v %v", res, err)
		}
	}
	if st, _ := o.mail.MailFolder(ctx, "imap:INBOX"); st.UIDValidity != 8 || st.LastUID != 3 {
		t.Errorf("folder %+v, want validity 8, last UID 3", st)
	}
	counts, _ := o.mail.MailCounts(ctx)
	if counts[letters.MailLetter] != 3 || counts[letters.MailDuplicate] != 3 {
		t.Errorf("counts %v", counts)
	}
}

// TestOfficeWithoutEmailChannel: an office that takes no complaints by
// email records the message as refused, with the reason, and keeps it.
func TestOfficeWithoutEmailChannel(t *testing.T) {
	o := openOffice(t, "biro-organisasi-ntt")
	res, err := o.intake.Ingest(context.Background(), letters.MailSource{Folder: "import"},
		message("ntt@example.id", "Warga <warga@example.id>", "Pengaduan", "Isi."))
	if err != nil || res.Outcome != letters.MailRefused || !strings.Contains(res.Reason, "tidak memuat saluran email") {
		t.Fatalf("%+v %v", res, err)
	}
	if counts, _ := o.mail.MailCounts(context.Background()); counts[letters.MailRefused] != 1 {
		t.Errorf("refusal not recorded: %v", counts)
	}
}
