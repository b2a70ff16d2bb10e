package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

func TestReportCases_PeriodInOfficeZone(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile) // WITA, UTC+8
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	wita := db.Calendar.Location()
	register := func(at time.Time, subject, category string) *letters.Letter {
		clock.Set(at)
		l := NewLetter(subject)
		l.Category = category
		MustCreateLetter(t, db, ctx, l)
		return l
	}
	// 31 October 23:50 WITA is October; 1 November 00:10 WITA is November
	// although it is still 31 October in UTC.
	oct := register(time.Date(2026, 10, 31, 23, 50, 0, 0, wita), "Akhir Oktober", letters.CategoryPengaduan)
	nov := register(time.Date(2026, 11, 1, 0, 10, 0, 0, wita), "Awal November", letters.CategoryAspirasi)
	register(time.Date(2026, 11, 2, 9, 0, 0, 0, wita), "Surat biasa", letters.CategorySurat)
	clock.Set(time.Date(2026, 11, 5, 9, 0, 0, 0, wita))

	list := func(period string) []*letters.ReportCase {
		per, err := letters.ParsePeriod(period)
		if err != nil {
			t.Fatal(err)
		}
		var out []*letters.ReportCase
		if err := svc.ReportCases(context.Background(), per, func(c *letters.ReportCase) error {
			out = append(out, c)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := list("2026-10"); len(got) != 1 || got[0].ID != oct.ID {
		t.Errorf("October: %+v", got)
	}
	got := list("2026-11")
	if len(got) != 1 || got[0].ID != nov.ID {
		t.Fatalf("November (ordinary letters not counted): %+v", got)
	}
	c := got[0]
	if c.Complainant != "Yohanes Jehamat" || c.AgendaNumber != nov.AgendaNumber || c.Category != letters.CategoryAspirasi ||
		!c.Deadline.Equal(nov.Deadline) || c.Status != letters.StatusRegistered {
		t.Errorf("case %+v", c)
	}
	if n := len(list("2026-Q4")); n != 2 {
		t.Errorf("Q4 has %d complaints, want 2", n)
	}

	stop := errors.New("stop")
	calls := 0
	per, _ := letters.ParsePeriod("2026")
	err := svc.ReportCases(context.Background(), per, func(*letters.ReportCase) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("an error from fn: %v after %d calls", err, calls)
	}
}

func TestReportCases_Confidential(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx := MustClerk(t, db)
	clock.Set(time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC))
	l := NewLetter("Pungutan di loket")
	l.Complainant.Confidential = true
	MustCreateLetter(t, db, ctx, l)
	per, _ := letters.ParsePeriod("2026-11")
	err := store.NewLetterService(db).ReportCases(context.Background(), per, func(c *letters.ReportCase) error {
		if c.Complainant != letters.ReportConfidential {
			t.Errorf("a confidential complainant shows as %q", c.Complainant)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
