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
		got, total, err := svc.FindLetters(ctx, letters.LetterFilter{Query: tc.query})
		if err != nil {
			t.Fatalf("query %q: %v", tc.query, err)
		}
		var ids []int64
		for _, l := range got {
			ids = append(ids, l.ID)
		}
		if fmt.Sprint(ids) != fmt.Sprint(tc.want) || total != len(tc.want) {
			t.Errorf("query %q found %v (total %d), want %v", tc.query, ids, total, tc.want)
		}
	}
	got, total, err := svc.FindLetters(ctx, letters.LetterFilter{Query: "pengaduan", Limit: 1})
	if err != nil || total != 2 || len(got) != 1 || got[0].ID != secret.ID {
		t.Fatalf("common word: %d of %d (%v), want the newest of 2", len(got), total, err)
	}
}

// A search for a common word lists only the newest matches and says there
// are more than it counted, instead of counting every match (issue 8).
func TestFindLetters_SearchCapsTheNewestMatches(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	var all []*letters.Letter
	for i := range 12 {
		l := NewLetter(fmt.Sprintf("Pengaduan jalan rusak ke-%d", i+1))
		l.ReceivedAt = start.Add(time.Duration(i) * time.Hour)
		if i%2 == 1 {
			l.Channel = "kotak_saran"
		}
		clock.Set(start.Add(time.Duration(i)*time.Hour + time.Minute))
		MustCreateLetter(t, db, ctx, l)
		all = append(all, l)
	}
	restore := store.SetSearchLimit(4)
	defer restore()

	got, total, err := svc.FindLetters(ctx, letters.LetterFilter{Query: "jalan"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 5 || len(got) != 5 || got[0].ID != all[11].ID || got[4].ID != all[7].ID {
		t.Fatalf("12 matches, limit 4: %d letters (total %d), want the 5 newest and total 5 (more than 4)", len(got), total)
	}
	// The filter is applied while the newest matches are read: 6 letters
	// of the channel match, the 5 newest of them are listed.
	got, total, err = svc.FindLetters(ctx, letters.LetterFilter{Query: "jalan", Channel: "kotak_saran"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 5 || len(got) != 5 || got[0].ID != all[11].ID || got[4].ID != all[3].ID {
		t.Fatalf("channel and word: %d letters (total %d), want the 5 newest of the channel", len(got), total)
	}
	for _, l := range got {
		if l.Channel != "kotak_saran" {
			t.Fatalf("letter %d of channel %s listed under kotak_saran", l.ID, l.Channel)
		}
	}
	// Below the limit the count is exact.
	_, total, err = svc.FindLetters(ctx, letters.LetterFilter{Query: "jalan ke-3"})
	if err != nil || total != 1 {
		t.Fatalf("one match: total %d (%v), want 1", total, err)
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
	// Without the count, the same page; past the end, an empty one.
	page, total, err = svc.FindLetters(ctx, letters.LetterFilter{Overdue: true, Limit: 7, Offset: 3, NoCount: true})
	if err != nil || total != -1 || len(page) != 7 || page[0].ID != all[56].ID {
		t.Fatalf("overdue without count: total %d, %d rows (%v)", total, len(page), err)
	}
	// The most overdue first: the earliest deadline, i.e. the first received.
	page, _, err = svc.FindLetters(ctx, letters.LetterFilter{Overdue: true, Limit: 3, NoCount: true, ByDeadline: true})
	if err != nil || len(page) != 3 || page[0].ID != all[0].ID || page[2].ID != all[2].ID {
		t.Fatalf("overdue by deadline: %d rows, first %v (%v)", len(page), page, err)
	}
	page, _, err = svc.FindLetters(ctx, letters.LetterFilter{Offset: 60, NoCount: true})
	if err != nil || len(page) != 0 {
		t.Fatalf("past the end without count: %d rows (%v)", len(page), err)
	}
}

// A unit's search finds only the letters disposed to it, with and without
// another filter, even when the word is in letters it may not see.
func TestFindLetters_SearchKeepsVisibility(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	desk := o.As(t, "petugas_pengaduan")
	var mine *letters.Letter
	for i := range 6 {
		l := NewLetter(fmt.Sprintf("Retribusi aset daerah %d", i))
		l.Channel = "tatap_muka"
		MustCreateLetter(t, o.DB, desk, l)
		if i == 2 {
			mine = l
		}
	}
	kepala, bmd := o.As(t, "kepala"), o.As(t, "kabid_bmd")
	if _, err := o.WF.Dispose(kepala, letters.DisposeInput{LetterID: mine.ID, To: []string{"kabid_bmd"},
		Instructions: []string{"untuk ditindaklanjuti"}}); err != nil {
		t.Fatal(err)
	}
	disposed, err := o.L.FindLetterByID(bmd, mine.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []letters.LetterFilter{
		{Query: "retribusi"},
		{Query: "retri"},
		{Query: "retribusi", Channel: "tatap_muka"},
		{Query: "retribusi", Status: disposed.Status},
	} {
		got, total, err := o.L.FindLetters(bmd, f)
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(got) != 1 || got[0].ID != mine.ID {
			t.Errorf("%+v: the unit found %d letters (total %d), want only the one disposed to it", f, len(got), total)
		}
	}
	if _, total, err := o.L.FindLetters(desk, letters.LetterFilter{Query: "retribusi", Channel: "tatap_muka"}); err != nil || total != 6 {
		t.Errorf("the desk finds %d letters (%v), want 6", total, err)
	}
}
