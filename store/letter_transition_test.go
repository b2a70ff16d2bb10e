package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// A position the profile does not allow gets EFORBIDDEN and nothing changes.
func TestTransition_ForbiddenPositionChangesNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	l := MustCreateLetter(t, db, ctx, NewLetter("Permohonan mutasi"))
	before, err := svc.FindLetterByID(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	raw := RawDB(t, db)
	audit, events := Count(t, raw, "audit"), Count(t, raw, "letter_events")

	analyst, _ := MustUser(t, db, "analis_tu") // may not dispose
	audit++                                    // the new user's row
	_, err = svc.Transition(analyst, l.ID, letters.TransitionInput{Action: letters.ActionDispose, To: "kasubag_umum"})
	ExpectCode(t, err, letters.EFORBIDDEN)
	if !strings.Contains(letters.ErrorMessage(err), "Analis Tata Usaha") {
		t.Fatalf("message %q does not name the position", letters.ErrorMessage(err))
	}
	after, err := svc.FindLetterByID(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("letter changed:\n%+v\n%+v", before, after)
	}
	if a, e := Count(t, raw, "audit"), Count(t, raw, "letter_events"); a != audit || e != events {
		t.Fatalf("audit %d events %d, want %d and %d", a, e, audit, events)
	}

	_, err = svc.Transition(context.Background(), l.ID, letters.TransitionInput{Action: letters.ActionVerify})
	ExpectCode(t, err, letters.EUNAUTHORIZED)
	head, _ := MustUser(t, db, "kepala")
	_, err = svc.Transition(head, l.ID, letters.TransitionInput{Action: letters.ActionSign})
	ExpectCode(t, err, letters.ECONFLICT) // the head may sign, but not a registered letter
	_, err = svc.Transition(head, 9999, letters.TransitionInput{Action: letters.ActionDispose, To: "sekretaris"})
	ExpectCode(t, err, letters.ENOTFOUND)

	// A disabled account cannot act, even with a session still open.
	kasubag, u := MustUser(t, db, "kasubag_umum")
	if err := store.NewUserService(db).SetActive(context.Background(), u.ID, false); err != nil {
		t.Fatal(err)
	}
	_, err = svc.Transition(kasubag, l.ID, letters.TransitionInput{Action: letters.ActionVerify})
	ExpectCode(t, err, letters.EUNAUTHORIZED)
	if after, _ := svc.FindLetterByID(ctx, l.ID); after.Status != letters.StatusRegistered {
		t.Fatalf("status = %s, want registered", after.Status)
	}
}

// A case through its life: returned and resumed (the clock pauses),
// extended once, disposed, drafted, reviewed, signed, numbered, delivered.
func TestTransition_Lifecycle(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	clerk := MustClerk(t, db)
	svc := store.NewLetterService(db)
	l := MustCreateLetter(t, db, clerk, NewLetter("Keberatan hasil penilaian kinerja"))
	kasubag, _ := MustUser(t, db, "kasubag_umum")
	head, _ := MustUser(t, db, "kepala")
	analyst, _ := MustUser(t, db, "analis_tu")
	do := func(ctx context.Context, in letters.TransitionInput) *letters.Letter {
		t.Helper()
		got, err := svc.Transition(ctx, l.ID, in)
		if err != nil {
			t.Fatalf("%s: %v", in.Action, err)
		}
		return got
	}

	_, err := svc.Transition(clerk, l.ID, letters.TransitionInput{Action: letters.ActionReturn})
	ExpectCode(t, err, letters.EINVALID)
	got := do(clerk, letters.TransitionInput{Action: letters.ActionReturn, Note: "Salinan KTP belum dilampirkan."})
	if got.Status != letters.StatusIncomplete || got.PausedAt == nil || !got.PausedAt.Equal(start) {
		t.Fatalf("after return: %s paused %v", got.Status, got.PausedAt)
	}
	deadline := got.Deadline

	clock.Add(7 * 24 * time.Hour) // a week later the complainant completes it
	got = do(clerk, letters.TransitionInput{Action: letters.ActionResume})
	want := db.Calendar.Resume(deadline, start, clock.Now())
	if got.PausedAt != nil || !got.Deadline.Equal(want) || !got.Deadline.After(deadline) {
		t.Fatalf("after resume: paused %v deadline %v, want %v (later than %v)", got.PausedAt, got.Deadline, want, deadline)
	}

	deadline = got.Deadline
	_, err = svc.Transition(head, l.ID, letters.TransitionInput{Action: letters.ActionExtend})
	ExpectCode(t, err, letters.EINVALID)
	got = do(head, letters.TransitionInput{Action: letters.ActionExtend, Note: "Perlu klarifikasi ke BKN."})
	if !got.Extended || !got.Deadline.After(deadline) || got.Status != letters.StatusRegistered {
		t.Fatalf("after extend: extended %t deadline %v (was %v) status %s", got.Extended, got.Deadline, deadline, got.Status)
	}
	_, err = svc.Transition(head, l.ID, letters.TransitionInput{Action: letters.ActionExtend, Note: "Sekali lagi."})
	ExpectCode(t, err, letters.ECONFLICT)

	do(kasubag, letters.TransitionInput{Action: letters.ActionVerify})
	_, err = svc.Transition(head, l.ID, letters.TransitionInput{Action: letters.ActionDispose, To: "bupati"})
	ExpectCode(t, err, letters.EINVALID)
	got = do(head, letters.TransitionInput{Action: letters.ActionDispose, To: "kasubag_umum", Note: "Tangani segera."})
	if got.Status != letters.StatusDisposed || got.Holder != "kasubag_umum" {
		t.Fatalf("after dispose: %s holder %q", got.Status, got.Holder)
	}
	got = do(analyst, letters.TransitionInput{Action: letters.ActionDraft})
	if got.Holder != "analis_tu" {
		t.Fatalf("while drafting holder = %q, want analis_tu", got.Holder)
	}
	do(analyst, letters.TransitionInput{Action: letters.ActionSubmit})
	got = do(kasubag, letters.TransitionInput{Action: letters.ActionSendBack, Note: "Perbaiki dasar hukum."})
	if got.Status != letters.StatusDrafting || got.Holder != "analis_tu" {
		t.Fatalf("after send back: %s holder %q, want drafting by analis_tu", got.Status, got.Holder)
	}
	do(analyst, letters.TransitionInput{Action: letters.ActionSubmit})
	do(head, letters.TransitionInput{Action: letters.ActionSign})
	do(clerk, letters.TransitionInput{Action: letters.ActionNumber})
	clock.Add(time.Hour)
	got = do(clerk, letters.TransitionInput{Action: letters.ActionDeliver})
	if got.Status != letters.StatusDelivered || got.CompletedAt == nil || !got.CompletedAt.Equal(clock.Now()) {
		t.Fatalf("after deliver: %s completed %v", got.Status, got.CompletedAt)
	}
	got = do(kasubag, letters.TransitionInput{Action: letters.ActionClose})
	if got.Status != letters.StatusClosed || got.Holder != "" {
		t.Fatalf("after close: %s holder %q", got.Status, got.Holder)
	}

	events, err := svc.LetterEvents(clerk, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	wantActions := "register return resume extend verify dispose draft submit send_back submit sign number deliver close"
	if got := strings.Join(actions, " "); got != wantActions {
		t.Fatalf("timeline = %s\nwant       %s", got, wantActions)
	}
	if e := events[1]; e.Note != "Salinan KTP belum dilampirkan." || e.Position != "pengadministrasi_umum" || e.From != letters.StatusRegistered {
		t.Fatalf("return event = %+v", e)
	}
	entries, err := store.NewAuditService(db).FindAuditEntries(clerk, "letter", l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(events)+1 { // + the agenda number
		t.Fatalf("%d audit rows for the letter, want %d", len(entries), len(events)+1)
	}
	if rep, err := store.NewAuditService(db).VerifyAudit(clerk); err != nil || !rep.OK {
		t.Fatalf("audit: %v %v", rep, err)
	}
}

// A letter taken in as received (e.g. fetched mail) gets its agenda number
// when a clerk registers it.
func TestTransition_RegisterReceivedLetter(t *testing.T) {
	db := MustOpenDB(t)
	clerk := MustClerk(t, db)
	svc := store.NewLetterService(db)
	first := MustCreateLetter(t, db, clerk, NewLetter("Surat biasa"))
	mail := NewLetter("Email masuk")
	mail.Channel, mail.MessageID, mail.Status = "email", "<m1@contoh.id>", letters.StatusReceived
	MustCreateLetter(t, db, clerk, mail)
	if mail.AgendaNumber != "" || mail.Status != letters.StatusReceived || mail.Holder != "pengadministrasi_umum" {
		t.Fatalf("received letter: agenda %q status %s holder %q", mail.AgendaNumber, mail.Status, mail.Holder)
	}
	again := NewLetter("Email masuk lagi")
	again.Channel, again.MessageID = "email", "<m1@contoh.id>"
	err := svc.CreateLetter(clerk, again, []letters.Upload{{Name: "a.pdf", Data: NewPDF()}})
	ExpectCode(t, err, letters.ECONFLICT)
	if !strings.Contains(letters.ErrorMessage(err), "menunggu diagendakan") {
		t.Fatalf("message %q", letters.ErrorMessage(err))
	}

	got, err := svc.Transition(clerk, mail.ID, letters.TransitionInput{Action: letters.ActionRegister})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != letters.StatusRegistered || got.AgendaNumber != "2/BKPSDMD/III/2026" || got.RegisteredAt == nil {
		t.Fatalf("after register: %s %q (first was %q)", got.Status, got.AgendaNumber, first.AgendaNumber)
	}
	found, _, err := svc.FindLetters(clerk, letters.LetterFilter{Query: "2/BKPSDMD/III/2026"})
	if err != nil || len(found) != 1 || found[0].ID != mail.ID {
		t.Fatalf("find by agenda number: %d (%v)", len(found), err)
	}
}
