package store_test

import (
	"context"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// TestIngestBatchedAuditChain: batches carry the audit chain's last row in
// memory; a letter registered by hand between two batches, a dropped batch
// and a message prepared by a worker (PrepareMessage) must still leave one
// chain that verifies, with a row for every letter.
func TestIngestBatchedAuditChain(t *testing.T) {
	db := MustOpenDB(t)
	s := store.NewMailService(db)
	defer s.CloseBatches()
	ctx := context.Background()
	src := letters.MailSource{Folder: "import"}
	var ids []int64
	ingest := func(from, to int) {
		t.Helper()
		for i := from; i < to; i++ {
			m := benchMail(i)
			if err := s.PrepareMessage(m); err != nil {
				t.Fatal(err)
			}
			if res, err := s.IngestBatched(ctx, src, m); err != nil || res.Outcome != letters.MailLetter {
				t.Fatalf("message %d: %+v %v", i, res, err)
			} else {
				ids = append(ids, res.LetterID)
			}
		}
	}
	ingest(0, 3)
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}
	MustCreateLetter(t, db, MustClerk(t, db), NewLetter("Surat di antara dua batch"))
	ingest(3, 5)
	if err := s.CloseBatches(); err != nil { // dropped: 3 and 4 come again
		t.Fatal(err)
	}
	ids = ids[:3]
	ingest(3, 7)
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}

	rep, err := store.NewAuditService(db).VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK {
		t.Fatalf("audit chain broken at row %d: %s", rep.BadRowID, rep.Reason)
	}
	// Each of the 7 letters has its one row in the chain.
	audit := store.NewAuditService(db)
	for _, id := range ids {
		rows, err := audit.FindAuditEntries(ctx, "letter", id)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Action != "letter.receive" {
			t.Fatalf("letter %d: audit rows %+v", id, rows)
		}
	}
	if len(ids) != 7 {
		t.Fatalf("%d letters", len(ids))
	}
}
