package store_test

import (
	"testing"

	"naskah/letters"
	"naskah/store"
)

// The old action form (and the CLI) dispose through Transition: it follows
// the same rule as Dispose — down the hierarchy only. A Kabid cannot send a
// letter up to the Kepala or sideways to another Kabid; down to the analyst
// works.
func TestTransitionDispose_DownOnly(t *testing.T) {
	db, _ := MustOpenDBAt(t, t.TempDir(), "bkad-kalbar")
	ls := store.NewLetterService(db)
	l := MustCreateLetter(t, db, MustClerk(t, db), NewLetter("Disposisi berjenjang"))
	kabid, _ := MustUser(t, db, "kabid_bmd")
	for _, to := range []string{"kepala", "kabid_perbendaharaan"} {
		_, err := ls.Transition(kabid, l.ID, letters.TransitionInput{Action: letters.ActionDispose, To: to})
		ExpectCode(t, err, letters.EFORBIDDEN)
	}
	kasubag, _ := MustUser(t, db, "kasubag_rkme")
	if _, err := ls.Transition(kasubag, l.ID, letters.TransitionInput{Action: letters.ActionDispose, To: "analis"}); err != nil {
		t.Fatalf("dispose down to the analyst: %v", err)
	}
	got, err := ls.FindLetterByID(kasubag, l.ID)
	if err != nil || got.Status != letters.StatusDisposed || got.Holder != "analis" {
		t.Fatalf("after disposing down: %+v %v", got, err)
	}
}
