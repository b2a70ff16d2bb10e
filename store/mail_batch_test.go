package store_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// benchMail is message i of a store benchmark: a complaint as the parser
// hands it over, with the raw message it came in.
func benchMail(i int) *letters.MailMessage {
	body := fmt.Sprintf("Yth. Kepala Badan,\n\nSaya warga nomor %d mengadukan antrean loket pembayaran pajak kendaraan "+
		"bermotor yang lambat dan petugas yang tidak ramah. %s\n\nHormat saya,\nWarga %d", i, strings.Repeat("Mohon ditindaklanjuti. ", 20), i)
	raw := fmt.Sprintf("From: Warga %d <warga%d@example.id>\r\nSubject: Pengaduan %d\r\nMessage-ID: <bench-%d@example.id>\r\n\r\n%s", i, i, i, i, body)
	return &letters.MailMessage{MessageID: fmt.Sprintf("bench-%d@example.id", i), Hash: fmt.Sprintf("%064d", i),
		Subject: fmt.Sprintf("Pengaduan antrean loket %d", i), FromName: fmt.Sprintf("Warga %d", i),
		FromAddress: fmt.Sprintf("warga%d@example.id", i), Text: body, Raw: []byte(raw),
		Date: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
}

// BenchmarkIngestPerMessage is the store's share of an email import: one
// parsed message recorded (letter, full-text index, timeline, audit, mail
// row), one transaction each (IngestMessage) or in batches of 500
// (IngestBatched and CommitBatch, as `naskah import` does).
//
//	go test -tags sqlite_fts5 -run '^$' -bench IngestPerMessage ./store/
func BenchmarkIngestPerMessage(b *testing.B) {
	for _, size := range []int{1, 500} {
		b.Run("batch="+strconv.Itoa(size), func(b *testing.B) {
			db := MustOpenDB(b)
			s := store.NewMailService(db)
			defer s.CloseBatches()
			ctx := context.Background()
			src := letters.MailSource{Folder: "import"}
			msgs := make([]*letters.MailMessage, b.N)
			for i := range msgs {
				msgs[i] = benchMail(i)
			}
			b.ResetTimer()
			for i, m := range msgs {
				var res *letters.MailResult
				var err error
				if size == 1 {
					res, err = s.IngestMessage(ctx, src, m)
				} else {
					res, err = s.IngestBatched(ctx, src, m)
					if err == nil && (i+1)%size == 0 {
						err = s.CommitBatch()
					}
				}
				if err != nil || res.Outcome != letters.MailLetter {
					b.Fatalf("message %d: %+v %v", i, res, err)
				}
			}
			if err := s.CommitBatch(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

// TestIngestBatched: a batch is stored only when committed, whole; a batch
// closed without its commit leaves nothing, and its messages can come
// again.
func TestIngestBatched(t *testing.T) {
	db := MustOpenDB(t)
	s := store.NewMailService(db)
	defer s.CloseBatches()
	ctx := context.Background()
	src := letters.MailSource{Folder: "import"}
	for i := range 3 {
		if res, err := s.IngestBatched(ctx, src, benchMail(i)); err != nil || res.Outcome != letters.MailLetter {
			t.Fatalf("message %d: %+v %v", i, res, err)
		}
	}
	// A second copy inside the same batch is known already.
	if res, err := s.IngestBatched(ctx, src, benchMail(1)); err != nil || res.Outcome != letters.MailDuplicate {
		t.Fatalf("copy in the batch: %+v %v", res, err)
	}
	counts, _ := s.MailCounts(ctx)
	if counts[letters.MailLetter] != 0 {
		t.Fatalf("visible before the commit: %v", counts)
	}
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}
	if counts, _ := s.MailCounts(ctx); counts[letters.MailLetter] != 3 || counts[letters.MailDuplicate] != 0 {
		t.Fatalf("after the commit: %v", counts)
	}
	for i := 3; i < 6; i++ {
		if _, err := s.IngestBatched(ctx, src, benchMail(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CloseBatches(); err != nil {
		t.Fatal(err)
	}
	if counts, _ := s.MailCounts(ctx); counts[letters.MailLetter] != 3 {
		t.Fatalf("a batch closed without commit left %v", counts)
	}
	if res, err := s.IngestBatched(ctx, src, benchMail(4)); err != nil || res.Outcome != letters.MailLetter {
		t.Fatalf("again after the dropped batch: %+v %v", res, err)
	}
	if err := s.CommitBatch(); err != nil {
		t.Fatal(err)
	}
}
