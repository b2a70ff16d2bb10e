package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"naskah/letters"
)

// ftsMail is a complaint whose subject, body and sender each carry a word
// of their own, so that a search shows which parts were indexed.
func ftsMail(i int, refs ...string) *letters.MailMessage {
	return &letters.MailMessage{
		MessageID: fmt.Sprintf("fts-%d@example.id", i), Hash: fmt.Sprintf("%064d", i),
		Subject:  fmt.Sprintf("Pengaduan perihalkata%d", i),
		Text:     fmt.Sprintf("Jalan rusak di isikata%d belum diperbaiki.", i),
		FromName: fmt.Sprintf("Pengirimkata%d Warga", i), FromAddress: fmt.Sprintf("warga%d@example.id", i),
		References: refs, Raw: []byte(fmt.Sprintf("Subject: %d\r\n\r\nisi", i)),
		Date: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
	}
}

// TestMailBatchFullTextIndex: the letters of a batch are indexed for search
// when the batch commits (migration 0017), by subject, body and sender like
// any letter; a batch dropped before its commit leaves nothing in the
// index; the index stays consistent with its table.
func TestMailBatchFullTextIndex(t *testing.T) {
	db := openInternalDB(t, "bkad-kalbar")
	ctx := context.Background()
	s := NewMailService(db)
	defer s.CloseBatches()
	ls := NewLetterService(db)
	src := letters.MailSource{Folder: "import"}
	found := func(word string) int {
		t.Helper()
		_, n, err := ls.FindLetters(ctx, letters.LetterFilter{Query: word, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// One letter the ordinary way, indexed by the trigger at once.
	if res, err := s.IngestMessage(ctx, src, ftsMail(0)); err != nil || res.Outcome != letters.MailLetter {
		t.Fatalf("one by one: %+v %v", res, err)
	}
	for i := 1; i <= 4; i++ {
		if res, err := s.IngestBatched(ctx, src, ftsMail(i)); err != nil || res.Outcome != letters.MailLetter {
			t.Fatalf("message %d: %+v %v", i, res, err)
		}
	}
	// A reply to the first letter joins its case: no letter, no index row.
	if res, err := s.IngestBatched(ctx, src, ftsMail(5, "fts-0@example.id")); err != nil || res.Outcome != letters.MailReply {
		t.Fatalf("reply: %+v %v", res, err)
	}
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i <= 4; i++ {
		for _, w := range []string{"perihalkata%d", "isikata%d", "pengirimkata%d"} {
			if n := found(fmt.Sprintf(w, i)); n != 1 {
				t.Errorf("search %q finds %d letters, want 1", fmt.Sprintf(w, i), n)
			}
		}
	}
	if n := found("perihalkata5"); n != 0 {
		t.Errorf("the reply's subject finds %d letters", n)
	}
	// A batch dropped before its commit: nothing of it is found, and the
	// next batch is indexed as usual.
	if _, err := s.IngestBatched(ctx, src, ftsMail(6)); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseBatches(); err != nil {
		t.Fatal(err)
	}
	if n := found("isikata6"); n != 0 {
		t.Errorf("a dropped batch is found %d times", n)
	}
	if _, err := s.IngestBatched(ctx, src, ftsMail(7)); err != nil {
		t.Fatal(err)
	}
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}
	if n := found("isikata7"); n != 1 {
		t.Errorf("the next batch is found %d times, want 1", n)
	}
	var rows, indexed, deferred int
	if err := db.write.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM letters), (SELECT COUNT(*) FROM letters_fts),
		(SELECT COUNT(*) FROM letters_fts_defer)`).Scan(&rows, &indexed, &deferred); err != nil {
		t.Fatal(err)
	}
	if rows != 6 || indexed != rows || deferred != 0 {
		t.Errorf("%d letters, %d indexed, %d deferral rows; want 6, 6, 0", rows, indexed, deferred)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO letters_fts (letters_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("full-text index integrity: %v", err)
	}
	// A letter written outside a batch after it is indexed by its trigger.
	if _, err := s.IngestMessage(ctx, src, ftsMail(8)); err != nil {
		t.Fatal(err)
	}
	if n := found("isikata8"); n != 1 {
		t.Errorf("a letter after the batches is found %d times, want 1", n)
	}
}
