package web_test

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// The export reads the agenda in batches, each continuing after the last
// letter of the one before: the workbook holds every matching letter once,
// in the page's order, when batches end among letters received at the same
// moment — alone, for a unit, a status, and a channel within a period. The
// rows are checked against the agenda paged as the list pages it.
func TestAgendaExportContinuesAfterTheLastRow(t *testing.T) {
	e := newEnv(t, nil)
	// 520 letters at two moments: a batch (500) ends inside each moment.
	moments := []time.Time{start.Add(-2 * time.Hour), start.Add(-26 * time.Hour)}
	tiedLetters(t, e, 1200, 520, moments, func(i int, l *letters.Letter) {
		if i%5 == 0 {
			l.Channel = "surat"
			l.Origin, l.RefNumber = "Dinas Pendidikan", fmt.Sprintf("800/%d/DISDIK", i)
			l.Complainant.Address = "Jl. Ahmad Yani, Pontianak"
		}
	})
	c := e.as(clerk)
	// The period from the day of the older moment to today, in the
	// office's days: the store's range ends the next day at 00:00.
	loc := e.db.Calendar.Location()
	first, today := moments[1].In(loc), start.In(loc)
	from := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	to := time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, loc)
	period := "dari=" + from.Format(time.DateOnly) + "&sampai=" + today.Format(time.DateOnly)
	for _, tc := range []struct {
		query string
		f     letters.LetterFilter
		min   int
	}{
		{"", letters.LetterFilter{}, 1720},
		{"unit=kasubag_rkme", letters.LetterFilter{Unit: "kasubag_rkme"}, 520},
		{"status=registered", letters.LetterFilter{Status: letters.StatusRegistered}, 520},
		{"saluran=tatap_muka&" + period, letters.LetterFilter{Channel: "tatap_muka", From: &from, To: &to}, 416},
	} {
		t.Run(cmp.Or(tc.query, "semua"), func(t *testing.T) {
			want := agendaByOffset(t, e, tc.f)
			if len(want) < tc.min {
				t.Fatalf("the agenda lists %d letters, want at least %d", len(want), tc.min)
			}
			path := "/agenda.xlsx"
			if tc.query != "" {
				path += "?" + tc.query
			}
			r := c.get(path)
			wantStatus(t, "export "+path, r, http.StatusOK)
			_, rows := openWorkbook(t, r.body)
			var got []string
			for _, row := range rows[4:] {
				got = append(got, row[1])
			}
			if !slices.Equal(got, want) {
				t.Errorf("export %s has %d letters, want the agenda's %d in its order", path, len(got), len(want))
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Fatalf("row %d: %s, want %s", i+1, got[i], want[i])
					}
				}
			}
		})
	}
}

// agendaByOffset is the agenda numbers of every letter of f, for the
// clerk, paged by offset as the agenda page pages.
func agendaByOffset(t *testing.T, e *env, f letters.LetterFilter) []string {
	t.Helper()
	var out []string
	for f.Limit = store.MaxLetterLimit; ; f.Offset += f.Limit {
		list, total, err := e.letters.FindLetters(e.user(clerk), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range list {
			out = append(out, l.AgendaNumber)
		}
		if f.Offset+len(list) >= total {
			return out
		}
	}
}

// tiedLetters fills e's office with bulk generated letters and n more
// received at moments in turn ("Tunjangan serentak NNN"): ties in the time
// received that a page or a batch must split. edit, when set, changes
// letter i before it is stored.
func tiedLetters(t *testing.T, e *env, bulk, n int, moments []time.Time, edit func(int, *letters.Letter)) {
	t.Helper()
	if _, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: bulk, Years: 1}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka",
			Subject: fmt.Sprintf("Tunjangan serentak %03d", i), Body: "Belum dibayar.",
			Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001"}, ReceivedAt: moments[i%len(moments)]}
		if edit != nil {
			edit(i, l)
		}
		if err := e.letters.CreateLetter(e.user(clerk), l, nil); err != nil {
			t.Fatal(err)
		}
	}
}
