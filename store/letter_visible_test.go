package store_test

import (
	"fmt"
	"slices"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// A user who does not see every letter gets the same agenda, count,
// search and overdue list whether the set of letters they may see is read
// from its list (a small set) or each letter is tested (a large one): the
// letters disposed to their unit, none of the others.
func TestVisibleSetFormsAgree(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	drafter := positionsOf(o.P, letters.ActionDraft)
	if len(drafter) == 0 {
		t.Fatal("no position may draft")
	}
	unit := ""
	for _, p := range drafter {
		if !o.P.SeesAllLetters(p) {
			unit = p
		}
	}
	if unit == "" {
		t.Fatal("every drafter sees every letter")
	}
	var mine []int64
	for i := range 4 {
		mine = append(mine, disposedTo(t, o, unit, fmt.Sprintf("Jembatan desa rusak %d", i)).ID)
	}
	clerk := o.As(t, o.P.Channel("surat").Receiver)
	for i := range 5 { // never disposed: the unit does not see them
		l := NewLetter(fmt.Sprintf("Jembatan kota retak %d", i))
		l.Channel = "surat"
		MustCreateLetter(t, o.DB, clerk, l)
	}
	o.Clock.Set(o.Clock.Now().AddDate(0, 3, 0)) // every case past its deadline

	filters := map[string]letters.LetterFilter{
		"agenda":  {},
		"page 2":  {Limit: 3, Offset: 3},
		"search":  {Query: "jembatan"},
		"overdue": {Overdue: true, ByDeadline: true},
		"status":  {Status: letters.StatusDisposed},
	}
	ids := func(ls []*letters.Letter) []int64 {
		out := []int64{}
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	for _, pos := range o.P.Positions {
		ctx := o.As(t, pos.Code)
		for name, f := range filters {
			listed, n1, err := o.L.FindLetters(ctx, f)
			if err != nil {
				t.Fatalf("%s, %s: %v", pos.Code, name, err)
			}
			restore := store.SetVisibleSmall(0) // every set walked
			walked, n2, err := o.L.FindLetters(ctx, f)
			restore()
			if err != nil {
				t.Fatalf("%s, %s walked: %v", pos.Code, name, err)
			}
			if !slices.Equal(ids(listed), ids(walked)) || n1 != n2 {
				t.Errorf("%s, %s: from the list %v (%d), walked %v (%d)", pos.Code, name, ids(listed), n1, ids(walked), n2)
			}
			if pos.Code == unit && name == "agenda" {
				got := slices.Sorted(slices.Values(ids(listed)))
				if !slices.Equal(got, mine) || n1 != len(mine) {
					t.Errorf("%s sees %v (total %d), want the letters disposed to it %v", unit, got, n1, mine)
				}
			}
		}
	}
}
