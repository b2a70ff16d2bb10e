package mail_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"naskah/letters"
	"naskah/mail"
	"naskah/store"
)

// agenda lists the subjects and outcomes an import left, oldest first.
func agenda(t *testing.T, o *office) []string {
	t.Helper()
	list, _, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range slices.Backward(list) {
		recs, err := o.mail.FindMailByLetter(context.Background(), l.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %s (%d messages)", l.Subject, l.Complainant.Email, len(recs)))
	}
	return out
}

// TestBatchedImportSameAsOneByOne: the corpus imported in batches of four
// by three workers (so that batches end in the middle of threads and
// workers finish out of order) comes out exactly as one message per
// transaction: the same summary, refusals in the same order, the same
// cases with the same messages.
func TestBatchedImportSameAsOneByOne(t *testing.T) {
	ctx := context.Background()
	one := openOffice(t, "bkad-kalbar")
	one.intake.BatchSize = 1
	want, err := one.intake.Import(ctx, []string{"testdata"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	batched := openOffice(t, "bkad-kalbar")
	batched.intake.BatchSize, batched.intake.Workers = 4, 3
	var calls int
	got, err := batched.intake.Import(ctx, []string{"testdata"}, func(done, total int64, n int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("batched summary\n%+v\nwant\n%+v", got, want)
	}
	if want.Letters == 0 || want.Replies == 0 || len(want.Refused) == 0 || calls < want.Messages {
		t.Errorf("corpus does not cover letters, replies and refusals (%+v), or progress told %d times", want, calls)
	}
	if a, b := agenda(t, batched), agenda(t, one); !slices.Equal(a, b) {
		t.Errorf("batched agenda\n%q\nwant\n%q", a, b)
	}
}

// TestBatchDuplicatesAndThreads: in one batch, a second copy of a message
// is a duplicate and a reply to it joins its case, as across batches; a
// second import registers nothing twice.
func TestBatchDuplicatesAndThreads(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	first := message("asal@warga.example.id", "Warga <warga@example.id>", "Jalan rusak di Sungai Raya", "Jalan berlubang.")
	files := map[string][]byte{
		"1.a:2,S": first,
		"2.a:2,S": first, // delivered twice
		"3.a:2,S": message("balas@warga.example.id", "Warga <warga@example.id>", "Re: Jalan rusak di Sungai Raya",
			"Belum ada tindak lanjut.", "In-Reply-To: <asal@warga.example.id>"),
		"4.a:2,S": withAttachment("pindai@warga.example.id", "ktp.pdf", 50<<10),
	}
	for name, raw := range files {
		if err := os.WriteFile(filepath.Join(md, "cur", name), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := o.intake.Import(context.Background(), []string{md}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != 4 || sum.Letters != 2 || sum.Duplicates != 1 || sum.Replies != 1 {
		t.Fatalf("summary %+v", sum)
	}
	list, _, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Query: "berlubang"})
	if err != nil || len(list) != 1 {
		t.Fatalf("search: %v %v", list, err)
	}
	if recs, _ := o.mail.FindMailByLetter(context.Background(), list[0].ID); len(recs) != 2 {
		t.Errorf("the case holds %d messages, want the letter and its reply", len(recs))
	}
	// The PDF's file is there, whole.
	list, _, _ = o.letters.FindLetters(context.Background(), letters.LetterFilter{Query: "ktp"})
	if len(list) != 1 {
		t.Fatalf("letter with the PDF: %+v", list)
	}
	if l := o.letter(t, list[0].ID); len(l.Attachments) != 1 {
		t.Errorf("attachments %+v", l.Attachments)
	} else if data := o.attachment(t, l.Attachments[0]); len(data) != 50<<10 {
		t.Errorf("attachment of %d bytes", len(data))
	}
	again, err := o.intake.Import(context.Background(), []string{md}, nil)
	if err != nil || again.Duplicates != 4 || again.Letters != 0 {
		t.Errorf("second import %+v %v", again, err)
	}
}

// failingService fails at the 13th message, in the middle of the second
// batch of ten, after two of its messages were written in the transaction.
type failingService struct {
	*store.MailService
	calls atomic.Int32
}

func (f *failingService) IngestBatched(ctx context.Context, src letters.MailSource, m *letters.MailMessage) (*letters.MailResult, error) {
	if f.calls.Add(1) == 13 {
		return nil, errors.New("disk full")
	}
	return f.MailService.IngestBatched(ctx, src, m)
}

// TestBatchAllOrNothing: a fault in the middle of a batch leaves none of
// that batch stored (no letter, no message record), the batches before it
// whole, and the summary saying what was stored; importing again completes
// the rest without doubles.
func TestBatchAllOrNothing(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	for i := range 25 {
		raw := message(fmt.Sprintf("m%d@warga.example.id", i), fmt.Sprintf("Warga %d <w%d@example.id>", i, i),
			fmt.Sprintf("Pengaduan nomor %d", i), "Lampu jalan padam.")
		if err := os.WriteFile(filepath.Join(md, "cur", fmt.Sprintf("%02d.x:2,S", i)), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	in := &mail.Intake{Service: &failingService{MailService: o.mail}, BatchSize: 10}
	sum, err := in.Import(context.Background(), []string{md}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("the fault was not reported: %v", err)
	}
	if sum.Messages != 10 || sum.Letters != 10 {
		t.Errorf("summary after the fault %+v, want the first batch of 10", sum)
	}
	counts, err := o.mail.MailCounts(context.Background())
	if err != nil || counts[letters.MailLetter] != 10 {
		t.Errorf("messages recorded %v (%v), want 10", counts, err)
	}
	if _, n, err := o.letters.FindLetters(context.Background(), letters.LetterFilter{Limit: 1}); err != nil || n != 10 {
		t.Errorf("%d letters (%v), want 10", n, err)
	}
	sum, err = o.intake.Import(context.Background(), []string{md}, nil)
	if err != nil || sum.Letters != 15 || sum.Duplicates != 10 {
		t.Errorf("import again %+v %v", sum, err)
	}
}

// TestBatchCancel: an import stopped (Ctrl-C) after its first batch
// reports exactly what was stored; importing again completes the rest.
func TestBatchCancel(t *testing.T) {
	o := openOffice(t, "bkad-kalbar")
	md := filepath.Join(t.TempDir(), "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		os.MkdirAll(filepath.Join(md, sub), 0o700)
	}
	for i := range 40 {
		raw := message(fmt.Sprintf("c%d@warga.example.id", i), fmt.Sprintf("Warga %d <c%d@example.id>", i, i),
			fmt.Sprintf("Pengaduan air %d", i), "Air tidak mengalir.")
		if err := os.WriteFile(filepath.Join(md, "cur", fmt.Sprintf("%02d.c:2,S", i)), raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o.intake.BatchSize = 10
	sum, err := o.intake.Import(ctx, []string{md}, func(done, total int64, n int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped import: %v", err)
	}
	_, stored, ferr := o.letters.FindLetters(context.Background(), letters.LetterFilter{Limit: 1})
	if ferr != nil || sum.Letters != stored || stored < 10 || stored == 40 {
		t.Errorf("summary %+v, %d letters stored (%v)", sum, stored, ferr)
	}
	again, err := o.intake.Import(context.Background(), []string{md}, nil)
	if err != nil || again.Letters != 40-stored || again.Duplicates != stored {
		t.Errorf("import again %+v %v", again, err)
	}
}
