package store_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// TestEscalateOverdue_Kalbar: BKAD Kalbar escalates a case to the Governor
// via the Sekda once its 5 working days have passed. A case still within its
// deadline, one returned to the complainant (clock paused) and one already
// answered are left alone; a second sweep escalates nothing twice.
func TestEscalateOverdue_Kalbar(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), "bkad-kalbar")
	clock.Set(time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)) // Monday 2 Nov 2026, 10:00 WIB
	ctx := MustClerk(t, db)
	ls := store.NewLetterService(db)

	late := MustCreateLetter(t, db, ctx, NewLetter("Belum ditanggapi"))
	paused := MustCreateLetter(t, db, ctx, NewLetter("Menunggu kelengkapan"))
	returner, _ := MustUser(t, db, positionFor(t, db.Profile, letters.ActionReturn))
	if _, err := ls.Transition(returner, paused.ID,
		letters.TransitionInput{Action: letters.ActionReturn, Note: "Lampirkan KTP."}); err != nil {
		t.Fatal(err)
	}
	done := MustCreateLetter(t, db, ctx, NewLetter("Sudah dijawab"))
	closer, _ := MustUser(t, db, positionFor(t, db.Profile, letters.ActionClose))
	if _, err := ls.Transition(closer, done.ID,
		letters.TransitionInput{Action: letters.ActionClose}); err != nil {
		t.Fatal(err)
	}

	// Monday 9 Nov is the 5th working day: the deadline, not yet late.
	clock.Set(time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC))
	if got, err := ls.EscalateOverdue(ctx); err != nil || len(got) != 0 {
		t.Fatalf("escalated on the deadline day: %d %v", len(got), err)
	}
	fresh := MustCreateLetter(t, db, ctx, NewLetter("Baru masuk"))

	clock.Set(time.Date(2026, 11, 10, 2, 0, 0, 0, time.UTC)) // Tuesday 10 Nov, 09:00 WIB
	got, err := ls.EscalateOverdue(ctx)
	if err != nil || len(got) != 1 || got[0].ID != late.ID {
		t.Fatalf("want only %q escalated, got %v %v", late.Subject, got, err)
	}
	l, err := ls.FindLetterByID(ctx, late.ID)
	if err != nil || l.EscalatedAt == nil || l.Status != letters.StatusRegistered {
		t.Fatalf("escalated case: %+v %v", l, err)
	}
	events, _ := ls.LetterEvents(ctx, late.ID)
	last := events[len(events)-1]
	if !strings.Contains(last.Note, "Gubernur Kalimantan Barat") || !strings.Contains(last.Note, "Sekretaris Daerah") {
		t.Fatalf("timeline does not say where it went: %+v", last)
	}
	for _, other := range []int64{paused.ID, done.ID, fresh.ID} {
		if o, _ := ls.FindLetterByID(ctx, other); o.EscalatedAt != nil {
			t.Fatalf("%q escalated", o.Subject)
		}
	}
	if again, err := ls.EscalateOverdue(ctx); err != nil || len(again) != 0 {
		t.Fatalf("second sweep escalated %d again (%v)", len(again), err)
	}
	if rep, err := store.NewAuditService(db).VerifyAudit(ctx); err != nil || !rep.OK {
		t.Fatalf("audit: %v %v", rep, err)
	}
}

// Offices without an escalation rule (e.g. Manggarai Timur) escalate nothing.
func TestEscalateOverdue_NoRule(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), "bkpsdmd-matim")
	ctx := MustClerk(t, db)
	MustCreateLetter(t, db, ctx, NewLetter("Lama"))
	clock.Add(60 * 24 * time.Hour)
	if got, err := store.NewLetterService(db).EscalateOverdue(ctx); err != nil || len(got) != 0 {
		t.Fatalf("escalated %d without a rule (%v)", len(got), err)
	}
}
