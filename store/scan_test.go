package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// A stored PDF or image is queued at once; a claimed job that is never
// finished (the process died) is claimed again after its lease, also after
// the data directory is reopened; the third stop gives the job up.
func TestScanQueue_ResumesAfterRestartAndGivesUp(t *testing.T) {
	dir := t.TempDir()
	db, clock := MustOpenDBAt(t, dir, testProfile)
	ctx := MustClerk(t, db)
	l := NewLetter("Pengaduan pindaian")
	if err := store.NewLetterService(db).CreateLetter(ctx, l, []letters.Upload{
		{Name: "surat.pdf", Data: NewPDF()}, {Name: "foto.png", Data: NewPNG()}}); err != nil {
		t.Fatal(err)
	}
	q := store.NewScanService(db)
	scans, err := q.FindLetterScans(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(scans) != 2 || scans[0].Status != letters.ScanPending || scans[1].Status != letters.ScanPending {
		t.Fatalf("scans after intake = %+v, want two pending", scans)
	}

	job, err := q.ClaimScanJob(context.Background(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if job.AttachmentID != l.Attachments[0].ID || job.Name != "surat.pdf" || job.Attempts != 1 {
		t.Fatalf("first job = %+v, want the PDF, attempt 1", job)
	}
	second, err := q.ClaimScanJob(context.Background(), time.Minute)
	if err != nil || second.AttachmentID != l.Attachments[1].ID {
		t.Fatalf("second claim = %+v, %v; want the PNG", second, err)
	}
	_, err = q.ClaimScanJob(context.Background(), time.Minute)
	ExpectCode(t, err, letters.ENOTFOUND)

	// The process stops here. Reopen; once the leases ran out the jobs
	// are taken up again, oldest first.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, clock2 := MustOpenDBAt(t, dir, testProfile)
	clock2.Set(clock.Now().Add(2 * time.Minute))
	q = store.NewScanService(db2)
	again, err := q.ClaimScanJob(context.Background(), time.Minute)
	if err != nil || again.AttachmentID != job.AttachmentID || again.Attempts != 2 {
		t.Fatalf("after restart = %+v, %v; want the PDF again, attempt 2", again, err)
	}
	if err := q.FinishScanJob(context.Background(), second.AttachmentID, &letters.Scan{Status: letters.ScanDone, Text: "teks"}); err != nil {
		t.Fatal(err)
	}
	clock2.Add(2 * time.Minute)
	if _, err := q.ClaimScanJob(context.Background(), time.Minute); err != nil {
		t.Fatal(err) // attempt 3
	}
	clock2.Add(2 * time.Minute)
	_, err = q.ClaimScanJob(context.Background(), time.Minute)
	ExpectCode(t, err, letters.ENOTFOUND)
	s, err := q.FindScan(context.Background(), job.AttachmentID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != letters.ScanFailed || s.Attempts != 3 || s.Reason == "" {
		t.Fatalf("after three stops = %+v, want failed with a reason", s)
	}
	t.Log(s.Reason)
}

// A word that appears only in the text read from a letter's scan finds the
// letter; not for a confidential complaint, whose scan names the sender.
func TestFindLetters_MatchesScanText(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	ls := store.NewLetterService(db)
	q := store.NewScanService(db)
	open := MustCreateLetter(t, db, ctx, NewLetter("Surat biasa"))
	secret := NewLetter("Pengaduan rahasia")
	secret.Complainant.Confidential = true
	MustCreateLetter(t, db, ctx, secret)

	for _, l := range []*letters.Letter{open, secret} {
		if err := q.FinishScanJob(ctx, l.Attachments[0].ID, &letters.Scan{Status: letters.ScanDone, Method: letters.ScanMethodOCR,
			Pages: 1, Text: "Permohonan rekonsiliasi retribusi pasar Waingapu", Suggestion: &letters.Suggestion{Number: "900/1/BKAD/2026"}}); err != nil {
			t.Fatal(err)
		}
	}
	found, total, err := ls.FindLetters(ctx, letters.LetterFilter{Query: "retribusi waingapu"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || found[0].ID != open.ID {
		t.Fatalf("search by scan words found %d letters, want only letter %d", total, open.ID)
	}
	s, err := q.FindScan(ctx, open.Attachments[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Suggestion == nil || s.Suggestion.Number != "900/1/BKAD/2026" || s.Name != "surat.pdf" {
		t.Fatalf("stored scan = %+v", s)
	}

	// Made public later: its scan becomes searchable.
	if _, err := RawDB(t, db).Exec(`UPDATE letters SET confidential = 0 WHERE id = ?`, secret.ID); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := ls.FindLetters(ctx, letters.LetterFilter{Query: "retribusi"}); total != 2 {
		t.Fatalf("after lifting confidentiality: %d letters, want 2", total)
	}
}

// Only a position that registers letters may store the confirmed details;
// the subject may not be emptied; the change is on the timeline.
func TestConfirmScanDetails(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	l := MustCreateLetter(t, db, ctx, NewLetter("Surat dipindai"))
	q := store.NewScanService(db)
	other := ""
	for _, p := range db.Profile.Positions {
		if !db.Profile.MayPerform(p.Code, letters.ActionRegister) {
			other = p.Code
			break
		}
	}
	if other != "" {
		octx, _ := MustUser(t, db, other)
		_, err := q.ConfirmScanDetails(octx, l.ID, letters.ScanDetails{Subject: "x"})
		ExpectCode(t, err, letters.EFORBIDDEN)
	}
	_, err := q.ConfirmScanDetails(ctx, l.ID, letters.ScanDetails{Subject: "  "})
	ExpectCode(t, err, letters.EINVALID)
	_, err = q.ConfirmScanDetails(ctx, 99999, letters.ScanDetails{Subject: "x"})
	ExpectCode(t, err, letters.ENOTFOUND)

	d := time.Date(2026, 10, 11, 16, 0, 0, 0, time.UTC)
	got, err := q.ConfirmScanDetails(ctx, l.ID, letters.ScanDetails{Origin: "Dinas Sosial", RefNumber: "460/9/DINSOS/2026", RefDate: &d, Subject: "Permohonan Data"})
	if err != nil {
		t.Fatal(err)
	}
	if got.RefNumber != "460/9/DINSOS/2026" || got.Subject != "Permohonan Data" || got.RefDate == nil || !got.RefDate.Equal(d) {
		t.Fatalf("stored %+v", got)
	}
	events, err := store.NewLetterService(db).LetterEvents(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := events[len(events)-1]
	if last.Action != "scan_confirm" || !strings.Contains(last.Note, `Nomor surat: "" → "460/9/DINSOS/2026"`) {
		t.Fatalf("last event = %+v", last)
	}
}
