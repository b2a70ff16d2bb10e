package mail_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/mail"
	"naskah/store"
)

// office opens a data directory for the BKAD Kalbar profile (email needs
// name and email, and NIK or a copy of the KTP) with its clock on
// 26 November 2026.
type office struct {
	dir     string
	db      *store.DB
	letters *store.LetterService
	mail    *store.MailService
	files   *store.AttachmentService
	intake  *mail.Intake
	now     time.Time // the office's clock; tests move it
}

func openOffice(tb testing.TB, slug string) *office {
	tb.Helper()
	p, err := profile.Load(slug)
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(tb.TempDir(), "data")
	db := store.NewDB(dir)
	db.Profile = p
	o := &office{dir: dir, db: db, letters: store.NewLetterService(db), mail: store.NewMailService(db),
		files: store.NewAttachmentService(db), now: time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return o.now }
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	o.intake = &mail.Intake{Service: o.mail}
	return o
}

func (o *office) ingestFile(t *testing.T, name string) *letters.MailResult {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := o.intake.Ingest(context.Background(), letters.MailSource{Folder: "import", Path: name}, raw)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return res
}

func (o *office) letter(t *testing.T, id int64) *letters.Letter {
	t.Helper()
	l, err := o.letters.FindLetterByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (o *office) attachment(t *testing.T, a *letters.Attachment) string {
	t.Helper()
	r, err := o.files.OpenAttachment(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func hasFlag(flags []string, part string) bool {
	return slices.ContainsFunc(flags, func(f string) bool { return strings.Contains(f, part) })
}

// TestCorpus imports every message of testdata once, in order: each one
// becomes a letter, joins its case, or is recorded as an auto-reply or
// refused with its reason, as a clerk would expect.
func TestCorpus(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	ctx := context.Background()
	var first int64 // the letter of 01, which 11 and 13 refer to

	type check func(t *testing.T, r *letters.MailResult, l *letters.Letter)
	cases := []struct {
		file    string
		outcome string
		check   check
	}{
		{"01-utf8-base64-subject.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			first = l.ID
			if l.Subject != "Pengaduan layanan Samsat — antrean 3 jam" || l.Complainant.Name != "Siti Nurhaliza Ramadhani" ||
				l.Complainant.Email != "siti.nurhaliza@example.co.id" || l.Channel != "email" || l.Status != letters.StatusReceived {
				t.Errorf("letter = %q from %q <%s> on %s, %s", l.Subject, l.Complainant.Name, l.Complainant.Email, l.Channel, l.Status)
			}
			if !strings.Contains(l.Body, "antrean lebih dari 3 jam") || l.MessageID != "pengaduan-0001@example.co.id" {
				t.Errorf("body %q, message-id %q", l.Body, l.MessageID)
			}
			if !hasFlag(r.Flags, "Perlu salah satu: NIK atau salinan KTP/identitas diri.") {
				t.Errorf("flags %q do not ask for the NIK or KTP", r.Flags)
			}
			// The message is kept as it came.
			recs, err := o.mail.FindMailByLetter(ctx, l.ID)
			if err != nil || len(recs) != 1 {
				t.Fatalf("mail records %v %v", recs, err)
			}
			raw, err := o.mail.MailRaw(ctx, recs[0].ID)
			want, _ := os.ReadFile("testdata/01-utf8-base64-subject.eml")
			if err != nil || string(raw) != string(want) {
				t.Errorf("raw message not kept (%v)", err)
			}
		}},
		{"02-iso-8859-1-qp.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.Complainant.Name != "José Ñañez" || l.Subject != "Keluhan tagihan PKB di café, résumé salah" ||
				!strings.Contains(l.Body, "café dekat kantor, résumé") {
				t.Errorf("ISO-8859-1 not decoded: %q %q %q", l.Complainant.Name, l.Subject, l.Body)
			}
		}},
		{"03-windows-1252.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.Subject != "“Denda” PKB €50 tidak wajar" || !strings.Contains(l.Body, "“Denda” sebesar €50") ||
				!strings.Contains(l.Body, "waktu…") {
				t.Errorf("Windows-1252 not decoded: %q %q", l.Subject, l.Body)
			}
		}},
		{"04-alternative-html.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.Body != "Mohon informasi besaran retribusi parkir tahun 2026." {
				t.Errorf("body %q, want the text part", l.Body)
			}
			recs, err := o.mail.FindMailByLetter(ctx, l.ID)
			if err != nil || len(recs) != 1 {
				t.Fatalf("mail records %v, %v", recs, err)
			}
			h := recs[0].HTML
			if !strings.Contains(h, "<b>informasi</b>") || strings.Contains(h, "script") ||
				strings.Contains(h, "onclick") || strings.Contains(h, "javascript:") || strings.Contains(h, "iframe") {
				t.Errorf("HTML not sanitised: %q", h)
			}
		}},
		{"05-html-only.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.Body != "Jalan berlubang & tergenang\ndi depan kantor camat.\nFoto menyusul." || l.Subject != "Jalan rusak di Jl. Ahmad Yani" {
				t.Errorf("text from HTML: %q / %q", l.Body, l.Subject)
			}
		}},
		{"06-nested-inline-image.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			var names []string
			for _, a := range l.Attachments {
				names = append(names, a.Name+" "+a.ContentType)
			}
			want := []string{"bukti.png image/png", "kuitansi pembayaran—1.pdf application/pdf"}
			if !slices.Equal(names, want) {
				t.Errorf("attachments %q, want %q", names, want)
			}
			if hasFlag(r.Flags, "Perlu salah satu") || !hasFlag(r.Flags, "Periksa apakah lampiran memuat salinan KTP") {
				t.Errorf("with attachments the clerk checks them for the KTP; flags %q", r.Flags)
			}
			if got := o.attachment(t, l.Attachments[1]); !strings.HasPrefix(got, "%PDF-1.4") {
				t.Errorf("PDF content %q", got)
			}
		}},
		{"07-forward-rfc822.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if len(l.Attachments) != 1 || l.Attachments[0].Name != "Re_ Keberatan denda.eml" || l.Attachments[0].ContentType != "message/rfc822" {
				t.Fatalf("forward not kept whole: %+v", *l.Attachments[0])
			}
			if got := o.attachment(t, l.Attachments[0]); !strings.Contains(got, "Message-ID: <inner-0007@example.go.id>") ||
				!strings.Contains(got, "Keberatan Anda tidak dapat kami proses.") {
				t.Errorf("forwarded message %q", got)
			}
		}},
		{"08-no-message-id.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.MessageID != "" || l.Subject != "Lampu jalan padam" {
				t.Errorf("letter %q %q", l.MessageID, l.Subject)
			}
		}},
		{"09-broken-boundary.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if !strings.Contains(l.Body, "Pelayanan loket 3 sangat lambat.") || !hasFlag(r.Flags, "Struktur MIME email rusak") {
				t.Errorf("broken message: body %q flags %q", l.Body, r.Flags)
			}
		}},
		{"10-passwd-attachment.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if len(l.Attachments) != 1 || l.Attachments[0].Name != "passwd" {
				t.Fatalf("attachments %+v, want only the renamed passwd", l.Attachments)
			}
			if !hasFlag(r.Flags, `Nama lampiran "../../etc/passwd" tidak aman dan disimpan sebagai "passwd"`) ||
				!hasFlag(r.Flags, `Lampiran "setup.exe" berupa program (.exe) dan tidak disimpan`) {
				t.Errorf("flags %q", r.Flags)
			}
		}},
		{"11-auto-reply.eml", letters.MailAutoReply, nil},
		{"12-bounce.eml", letters.MailAutoReply, nil},
		{"13-reply-to-case.eml", letters.MailReply, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.ID != first {
				t.Fatalf("reply joined letter %d, want %d", l.ID, first)
			}
			if len(l.Attachments) != 1 || l.Attachments[0].Name != "ktp.png" {
				t.Errorf("case attachments %+v, want the KTP of the reply", l.Attachments)
			}
		}},
		{"14-not-an-email.eml", letters.MailRefused, nil},
		{"15-undeclared-8bit.eml", letters.MailLetter, func(t *testing.T, r *letters.MailResult, l *letters.Letter) {
			if l.Body != "Tagihan dikirim ke Jl. Sultan Syahrir – bukan alamat saya. Mohon diperbaiki… Terima kasih." ||
				!hasFlag(r.Flags, "Pengodean isi email tidak dinyatakan") {
				t.Errorf("undeclared Windows-1252: %q, flags %q", l.Body, r.Flags)
			}
		}},
	}
	for _, tc := range cases {
		r := o.ingestFile(t, tc.file)
		if r.Outcome != tc.outcome {
			t.Errorf("%s: outcome %s (%s), want %s", tc.file, r.Outcome, r.Reason, tc.outcome)
			continue
		}
		if tc.outcome == letters.MailRefused || tc.outcome == letters.MailAutoReply {
			if r.Reason == "" || r.LetterID != 0 {
				t.Errorf("%s: %s without a reason or with a letter: %+v", tc.file, tc.outcome, r)
			}
			continue
		}
		if tc.check != nil {
			t.Run(tc.file, func(t *testing.T) { tc.check(t, r, o.letter(t, r.LetterID)) })
		}
	}

	// The case of 01 shows the reply in its timeline; the auto-reply that
	// also named it does not.
	events, err := o.letters.LetterEvents(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		if e.Action == "mail_reply" && !strings.Contains(e.Note, "Berikut salinan KTP saya sebagai kelengkapan.") {
			t.Errorf("reply note %q", e.Note)
		}
	}
	if !slices.Equal(actions, []string{"receive", "mail_check", "mail_reply"}) {
		t.Errorf("timeline %q", actions)
	}
	_, total, err := o.letters.FindLetters(ctx, letters.LetterFilter{Channel: "email"})
	if err != nil || total != 11 {
		t.Errorf("%d email letters (%v), want 11", total, err)
	}

	// Importing the whole folder again registers nothing twice.
	sum, err := o.intake.Import(ctx, []string{"testdata"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != len(cases) || sum.Duplicates != len(cases) {
		t.Errorf("re-import: %+v, want %d duplicates", sum, len(cases))
	}
	noFileOutside(t, filepath.Dir(o.dir))
}

// noFileOutside checks that the attachments directory holds only files
// named by their hash, and that nothing named after a mail attachment was
// written anywhere under root.
func noFileOutside(t *testing.T, root string) {
	t.Helper()
	hashName := regexp.MustCompile(`^[0-9a-f]{64}$`)
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case strings.HasPrefix(rel, filepath.Join("data", "attachments")+string(filepath.Separator)):
			if !hashName.MatchString(d.Name()) {
				t.Errorf("attachment stored under a name from the mail: %s", rel)
			}
		case strings.HasPrefix(rel, filepath.Join("data", "naskah.db")):
		default:
			t.Errorf("unexpected file %s", rel)
		}
		return nil
	})
}
