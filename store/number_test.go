package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// Many clerks registering at once get distinct agenda numbers without a gap.
func TestCreateLetter_ConcurrentIntakesGetGaplessAgendaNumbers(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)

	const n = 1000
	var wg sync.WaitGroup
	errs := make(chan error, n)
	numbers := make(chan string, n)
	for i := range n {
		wg.Go(func() {
			l := NewLetter("Pengaduan serentak")
			l.Body = "nomor " + strings.Repeat("x", i%7)
			if err := svc.CreateLetter(ctx, l, nil); err != nil {
				errs <- err
				return
			}
			numbers <- l.AgendaNumber
		})
	}
	wg.Wait()
	close(errs)
	close(numbers)
	for err := range errs {
		t.Fatalf("create letter: %v", err)
	}
	seen := map[string]bool{}
	for a := range numbers {
		if seen[a] {
			t.Fatalf("agenda number %s given twice", a)
		}
		seen[a] = true
	}
	if len(seen) != n {
		t.Fatalf("%d distinct agenda numbers, want %d", len(seen), n)
	}
	got, err := store.NewNumberService(db).FindNumbers(context.Background(), "agenda", 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d agenda numbers issued, want %d", len(got), n)
	}
	for i, num := range got {
		if num.Seq != i+1 || num.Suffix != "" || !seen[num.Formatted] || num.Entity != "letter" || num.EntityID == 0 {
			t.Fatalf("number %d = %+v, want seq %d given to a letter", i, num, i+1)
		}
	}
	if got[616].Formatted != "617/BKPSDMD/III/2026" {
		t.Fatalf("617th agenda number = %q, want 617/BKPSDMD/III/2026", got[616].Formatted)
	}
}

// An inserted number sits between its neighbours, is lettered a, b, … and
// can only follow a number that was issued.
func TestInsertNumber(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx, _ := MustUser(t, db, "pengadministrasi_umum")
	svc := store.NewNumberService(db)
	for range 618 {
		if _, err := svc.IssueNumber(ctx, "surat_jawaban", "", 0); err != nil {
			t.Fatal(err)
		}
	}
	clock.Add(60 * 24 * time.Hour) // May: the inserted number keeps 617's month

	a, err := svc.InsertNumber(ctx, "surat_jawaban", 2026, 617, "letter", 42)
	if err != nil {
		t.Fatal(err)
	}
	if a.Display() != "617.a" || a.Formatted != "BKPSDMD.800/617.a/III/2026" {
		t.Fatalf("inserted number = %s %q, want 617.a BKPSDMD.800/617.a/III/2026", a.Display(), a.Formatted)
	}
	b, err := svc.InsertNumber(ctx, "surat_jawaban", 2026, 617, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if b.Display() != "617.b" {
		t.Fatalf("second inserted number = %s, want 617.b", b.Display())
	}

	all, err := svc.FindNumbers(ctx, "surat_jawaban", 2026)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, n := range all[615:] {
		order = append(order, n.Display())
	}
	if got := strings.Join(order, " "); got != "616 617 617.a 617.b 618" {
		t.Fatalf("order = %s, want 616 617 617.a 617.b 618", got)
	}

	_, err = svc.InsertNumber(ctx, "surat_jawaban", 2026, 619, "", 0)
	ExpectCode(t, err, letters.EINVALID)
	if !strings.Contains(letters.ErrorMessage(err), "619") {
		t.Fatalf("message %q does not name the number", letters.ErrorMessage(err))
	}
	_, err = svc.InsertNumber(ctx, "surat_jawaban", 2025, 1, "", 0)
	ExpectCode(t, err, letters.EINVALID)

	// The next normal number is not disturbed by the inserted ones.
	next, err := svc.IssueNumber(ctx, "surat_jawaban", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if next.Display() != "619" {
		t.Fatalf("next number = %s, want 619", next.Display())
	}
}

// Numbers start again at 1 in a new year, counted in the office's zone.
func TestIssueNumber_ResetsInNewYear(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx, _ := MustUser(t, db, "pengadministrasi_umum")
	svc := store.NewNumberService(db)

	clock.Set(time.Date(2026, 12, 31, 8, 0, 0, 0, time.UTC)) // 16:00 WITA
	for want := 1; want <= 2; want++ {
		n, err := svc.IssueNumber(ctx, "berita_acara", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if n.Year != 2026 || n.Seq != want {
			t.Fatalf("number = %d/%d, want %d/2026", n.Seq, n.Year, want)
		}
	}
	// 17:00 UTC on 31 December is already 1 January 01:00 in WITA.
	clock.Set(time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC))
	n, err := svc.IssueNumber(ctx, "berita_acara", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if n.Year != 2027 || n.Seq != 1 || n.Formatted != "BKPSDMD.800/1/BA/I/2027" {
		t.Fatalf("first number of 2027 = %d/%d %q, want 1/2027 BKPSDMD.800/1/BA/I/2027", n.Seq, n.Year, n.Formatted)
	}
	old, err := svc.FindNumbers(ctx, "berita_acara", 2026)
	if err != nil || len(old) != 2 {
		t.Fatalf("2026 numbers = %d (%v), want 2", len(old), err)
	}

	_, err = svc.IssueNumber(ctx, "surat_rahasia", "", 0)
	ExpectCode(t, err, letters.EINVALID)
}

// Issued numbers are written to the audit log.
func TestIssueNumber_Audited(t *testing.T) {
	db := MustOpenDB(t)
	ctx, _ := MustUser(t, db, "pengadministrasi_umum")
	n, err := store.NewNumberService(db).IssueNumber(ctx, "tanda_bukti", "letter", 7)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := store.NewAuditService(db).FindAuditEntries(ctx, "letter", 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !strings.Contains(rows[0].Detail, n.Formatted) || rows[0].Action != "number.issue" {
		t.Fatalf("audit rows for the number = %+v, want one naming %s", rows, n.Formatted)
	}
}
