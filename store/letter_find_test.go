package store_test

import (
	"fmt"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

func TestFindLetters_FullTextSearch(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)

	bridge := NewLetter("Pengaduan pelayanan")
	bridge.Body = "Jembatan di Desa Compang rusak sejak Januari."
	MustCreateLetter(t, db, ctx, bridge)
	other := NewLetter("Permohonan informasi formasi CPNS")
	other.Body = "Mohon informasi jumlah formasi tahun ini."
	other.Complainant.Name = "Maria Banggur"
	MustCreateLetter(t, db, ctx, other)
	secret := NewLetter("Pengaduan pungutan")
	secret.Body = "Ada pungutan di loket."
	secret.Complainant.Name, secret.Complainant.Confidential = "Rahasia Sekali", true
	MustCreateLetter(t, db, ctx, secret)

	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"jembatan", []int64{bridge.ID}},
		{"JEMBA", []int64{bridge.ID}},             // prefix, any case
		{"jembatan compang", []int64{bridge.ID}},  // all words
		{"jembatan formasi", nil},                 // not both in one letter
		{"banggur", []int64{other.ID}},            // sender's name
		{"rahasia", nil},                          // a confidential sender is not indexed
		{"gedung", nil},                           // nowhere
		{`"foo AND (`, nil},                       // FTS syntax is only text
		{`NEAR(jembatan) OR *`, nil},              // operators are words
		{`jembatan" OR "formasi`, nil},            // quotes cannot break out
		{`((( ))) ""`, nil},                       // no word at all
		{other.AgendaNumber, []int64{other.ID}},   // exact agenda number
		{secret.TrackingCode, []int64{secret.ID}}, // exact tracking code
	} {
		for _, threshold := range []int{2000, 0} { // look matches up; walk the date index
			restore := store.SetScanThreshold(threshold)
			got, total, err := svc.FindLetters(ctx, letters.LetterFilter{Query: tc.query})
			restore()
			if err != nil {
				t.Fatalf("query %q: %v", tc.query, err)
			}
			var ids []int64
			for _, l := range got {
				ids = append(ids, l.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tc.want) || total != len(tc.want) {
				t.Errorf("query %q (plan threshold %d) found %v (total %d), want %v", tc.query, threshold, ids, total, tc.want)
			}
		}
	}
	restore := store.SetScanThreshold(0)
	defer restore()
	got, total, err := svc.FindLetters(ctx, letters.LetterFilter{Query: "pengaduan", Limit: 1})
	if err != nil || total != 2 || len(got) != 1 || got[0].ID != secret.ID {
		t.Fatalf("common word, walking the index: %d of %d (%v), want the newest of 2", len(got), total, err)
	}
}

func TestFindLetters_NewestFirstWithFiltersAndPaging(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	var all []*letters.Letter
	for i := range 60 {
		l := NewLetter(fmt.Sprintf("Surat ke-%d", i+1))
		l.ReceivedAt = start.Add(time.Duration(i) * time.Minute) // not in creation order below
		if i%3 == 0 {
			l.Channel = "kotak_saran"
		}
		clock.Set(start.Add(2 * time.Hour))
		if err := svc.CreateLetter(ctx, l, nil); err != nil {
			t.Fatal(err)
		}
		all = append(all, l)
	}

	page, total, err := svc.FindLetters(ctx, letters.LetterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 60 || len(page) != store.DefaultLetterLimit || page[0].ID != all[59].ID || page[49].ID != all[10].ID {
		t.Fatalf("first page: total %d, %d rows, first %d", total, len(page), page[0].ID)
	}
	page, total, err = svc.FindLetters(ctx, letters.LetterFilter{Limit: 50, Offset: 50})
	if err != nil || total != 60 || len(page) != 10 || page[9].ID != all[0].ID {
		t.Fatalf("second page: total %d, %d rows (%v)", total, len(page), err)
	}
	page, total, err = svc.FindLetters(ctx, letters.LetterFilter{Offset: 100})
	if err != nil || total != 60 || len(page) != 0 {
		t.Fatalf("past the end: total %d, %d rows (%v)", total, len(page), err)
	}

	page, total, err = svc.FindLetters(ctx, letters.LetterFilter{Channel: "kotak_saran", Limit: 5})
	if err != nil || total != 20 || len(page) != 5 || page[0].Channel != "kotak_saran" {
		t.Fatalf("channel filter: total %d, %d rows (%v)", total, len(page), err)
	}
	from, to := start.Add(10*time.Minute), start.Add(20*time.Minute)
	_, total, err = svc.FindLetters(ctx, letters.LetterFilter{From: &from, To: &to})
	if err != nil || total != 10 {
		t.Fatalf("received between: total %d (%v), want 10", total, err)
	}
	_, total, err = svc.FindLetters(ctx, letters.LetterFilter{Status: letters.StatusClosed})
	if err != nil || total != 0 {
		t.Fatalf("closed: total %d (%v), want 0", total, err)
	}

	// A month later every open letter is overdue.
	clock.Set(start.AddDate(0, 1, 0))
	_, total, err = svc.FindLetters(ctx, letters.LetterFilter{Overdue: true})
	if err != nil || total != 60 {
		t.Fatalf("overdue: total %d (%v), want 60", total, err)
	}
}
