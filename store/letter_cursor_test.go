package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// Paging the agenda with a cursor (LetterFilter.After) lists every letter
// of a filter exactly once, newest first, as the one page of all of them
// does — across letters received at the same moment (split between
// pages), with a status, a channel, a period, a unit (both of its plans,
// counted or not) and a user who sees only some letters.
func TestFindLetters_AfterCursorPagesEveryLetterOnce(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	ctx := context.Background()
	if _, err := o.DB.BulkLoadLetters(ctx, store.BulkOptions{Letters: 380, Years: 1}); err != nil {
		t.Fatal(err)
	}
	loc := o.DB.Calendar.Location()
	clerk, kepala := o.As(t, "petugas_pengaduan"), o.As(t, "kepala")
	// Three moments each shared by many letters, some disposed to the
	// secretariat so that they belong to its unit though another holds them.
	ties := []time.Time{
		time.Date(2026, 2, 2, 9, 0, 0, 0, loc),
		time.Date(2026, 2, 3, 10, 30, 0, 0, loc),
		time.Date(2025, 11, 4, 8, 0, 0, 0, loc),
	}
	for i := range 45 {
		l := NewLetter(fmt.Sprintf("Surat serentak %02d", i))
		l.Channel, l.ReceivedAt = "tatap_muka", ties[i%len(ties)]
		if i%2 == 0 {
			l.Channel = "surat"
		}
		id := MustCreateLetter(t, o.DB, clerk, l).ID
		if i%3 != 2 {
			if _, err := o.WF.Dispose(kepala, letters.DisposeInput{LetterID: id, To: []string{"sekretaris"},
				Instructions: []string{"untuk ditindaklanjuti"}}); err != nil {
				t.Fatalf("dispose %d: %v", id, err)
			}
		}
	}

	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, loc)
	mar := time.Date(2026, 3, 1, 0, 0, 0, 0, loc)
	nov := time.Date(2025, 11, 1, 0, 0, 0, 0, loc)
	sekretaris := o.As(t, "sekretaris")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		f    letters.LetterFilter
		min  int // at least this many letters match (the test must page)
	}{
		{"everything", kepala, letters.LetterFilter{}, 400},
		{"status", kepala, letters.LetterFilter{Status: letters.StatusClosed}, 50},
		{"channel", kepala, letters.LetterFilter{Channel: "tatap_muka"}, 40},
		{"period", kepala, letters.LetterFilter{From: &nov, To: &mar}, 60},
		{"unit", kepala, letters.LetterFilter{Unit: "sekretaris"}, 30},
		{"unit and period", kepala, letters.LetterFilter{Unit: "sekretaris", From: &feb, To: &mar}, 20},
		{"unit and status", kepala, letters.LetterFilter{Unit: "sekretaris", Status: letters.StatusDisposed}, 30},
		{"seen by the secretariat", sekretaris, letters.LetterFilter{}, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			f.Limit = store.MaxLetterLimit
			want, total, err := o.L.FindLetters(tc.ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) < tc.min || len(want) == store.MaxLetterLimit || total != len(want) {
				t.Fatalf("%d letters (total %d): want from %d to %d in one page", len(want), total, tc.min, store.MaxLetterLimit-1)
			}
			for i := 1; i < len(want); i++ {
				a, b := want[i-1], want[i]
				if a.ReceivedAt.Before(b.ReceivedAt) || a.ReceivedAt.Equal(b.ReceivedAt) && a.ID < b.ID {
					t.Fatalf("letters %d and %d are not newest first", a.ID, b.ID)
				}
			}
			// Both plans of a unit (walk the agenda testing each letter,
			// or read the unit's own list), with and without the total.
			for _, walk := range []int{1 << 30, 0} {
				restoreWalk, restoreSmall := store.SetUnitWalk(walk), store.SetUnitSmall(5000)
				if walk > 0 {
					store.SetUnitSmall(0)
				}
				for _, noCount := range []bool{true, false} {
					f := tc.f
					f.Limit, f.NoCount = 7, noCount // 7: each moment's letters are split between pages
					if noCount {
						f.After = &letters.Cursor{} // the start, as the export reads its first batch
					}
					var got []int64
					for pages := 0; ; pages++ {
						if pages > len(want) {
							t.Fatalf("walk %d, no count %v: still paging after %d pages", walk, noCount, pages)
						}
						list, n, err := o.L.FindLetters(tc.ctx, f)
						if err != nil {
							t.Fatal(err)
						}
						if !noCount && n != total {
							t.Errorf("page %d: total %d, want %d (a cursor does not change the total)", pages, n, total)
						}
						for _, l := range list {
							got = append(got, l.ID)
						}
						if len(list) < f.Limit {
							break
						}
						f.After = letters.CursorOf(list[len(list)-1])
					}
					if !slices.Equal(got, letterIDs(want)) {
						t.Errorf("walk %d, no count %v: paged %d letters %v\nwant %d %v", walk, noCount, len(got), got, len(want), letterIDs(want))
					}
				}
				restoreSmall()
				restoreWalk()
			}
		})
	}

	// A search and the overdue list have their own order: no cursor.
	after := &letters.Cursor{ReceivedAt: ties[0], ID: 10}
	_, _, err := o.L.FindLetters(kepala, letters.LetterFilter{Query: "serentak", After: after})
	ExpectCode(t, err, letters.EINVALID)
	_, _, err = o.L.FindLetters(kepala, letters.LetterFilter{Overdue: true, ByDeadline: true, After: after})
	ExpectCode(t, err, letters.EINVALID)
	_, _, err = o.L.FindLetters(kepala, letters.LetterFilter{After: &letters.Cursor{ID: 10}}) // no time
	ExpectCode(t, err, letters.EINVALID)
}

// letterIDs are the letters' ids in order.
func letterIDs(list []*letters.Letter) []int64 {
	out := make([]int64, len(list))
	for i, l := range list {
		out[i] = l.ID
	}
	return out
}
