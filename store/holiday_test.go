package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// TestHolidays_NextYearAddedByOffice: with only 2025–2026 known, a deadline
// running into 2027 counts 1 January as a working day and the clerk is
// warned; once the office imports 2027's Tahun Baru the next deadline skips
// it, the warning is gone, and the day is still there after a restart.
func TestHolidays_NextYearAddedByOffice(t *testing.T) {
	dir := t.TempDir()
	db, clock := MustOpenDBAt(t, dir, testProfile)           // Manggarai Timur, WITA; surat: 7 working days
	clock.Set(time.Date(2026, 12, 21, 1, 0, 0, 0, time.UTC)) // Monday 21 Dec 2026, 09:00 WITA
	ctx := MustClerk(t, db)
	wita := db.Calendar.Location()

	before := MustCreateLetter(t, db, ctx, NewLetter("Sebelum kalender 2027"))
	// 22, 23 Dec; 24 cuti bersama, 25 Natal; 28–31 Dec; 1 Jan counted (unknown year).
	if got, want := before.Deadline.In(wita).Format("2006-01-02"), "2027-01-01"; got != want {
		t.Fatalf("deadline without 2027 data = %s, want %s", got, want)
	}
	events, err := store.NewLetterService(db).LetterEvents(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(events[0].Note, "2027") {
		t.Fatalf("the clerk is not warned that 2027 is unknown: %q", events[0].Note)
	}

	hs := store.NewHolidayService(db)
	n, err := hs.AddHolidays(ctx, []letters.CalendarDay{
		{Date: "2027-01-01", Kind: letters.KindLiburNasional, Name: "Tahun Baru 2027 Masehi"},
		{Date: "2026-12-25", Kind: letters.KindLiburNasional, Name: "Kelahiran Yesus Kristus"}, // already known
	})
	if err != nil || n != 1 {
		t.Fatalf("AddHolidays = %d, %v; want 1 new day", n, err)
	}
	after := MustCreateLetter(t, db, ctx, NewLetter("Sesudah kalender 2027"))
	if got, want := after.Deadline.In(wita).Format("2006-01-02"), "2027-01-04"; got != want {
		t.Fatalf("deadline with Tahun Baru 2027 = %s, want %s", got, want)
	}
	events, err = store.NewLetterService(db).LetterEvents(ctx, after.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(events[0].Note, "2027") {
		t.Fatalf("still warned after 2027 was added: %q", events[0].Note)
	}

	// A bad line stores nothing.
	if _, err := hs.AddHolidays(ctx, []letters.CalendarDay{
		{Date: "2027-05-01", Kind: letters.KindLiburNasional, Name: "Hari Buruh"},
		{Date: "2027-13-01", Kind: letters.KindLiburDaerah, Name: "Salah"},
	}); letters.ErrorCode(err) != letters.EINVALID {
		t.Fatalf("bad date: got %v, want EINVALID", err)
	}
	if db.Calendar.HasDay("2027-05-01") {
		t.Fatal("a refused batch added a day")
	}

	db.Close()
	db2, _ := MustOpenDBAt(t, dir, testProfile)
	if !db2.Calendar.HasDay("2027-01-01") || db2.Calendar.LastYear() != 2027 {
		t.Fatal("the office's 2027 day is lost after a restart")
	}
	days, err := store.NewHolidayService(db2).FindHolidays(context.Background())
	if err != nil || len(days) != 1 {
		t.Fatalf("FindHolidays = %v, %v", days, err)
	}
}
