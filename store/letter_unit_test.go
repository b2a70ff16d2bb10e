package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// The agenda's period is read in the office's time across a month end,
// and its unit takes the letters held by or disposed to a position or any
// position below it (not a withdrawn disposition), alone, with a period,
// with the overdue ones and with a search.
func TestFindLetters_PeriodAndUnit(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	loc := o.DB.Calendar.Location() // Asia/Pontianak, WIB
	o.Clock.Set(time.Date(2026, 3, 2, 9, 0, 0, 0, loc))
	clerk, kepala, sekretaris := o.As(t, "petugas_pengaduan"), o.As(t, "kepala"), o.As(t, "sekretaris")
	create := func(subject string, received time.Time) int64 {
		l := NewLetter(subject)
		l.Channel, l.ReceivedAt = "tatap_muka", received
		return MustCreateLetter(t, o.DB, clerk, l).ID
	}
	dispose := func(ctx context.Context, id int64, to string) *letters.Disposition {
		t.Helper()
		d, err := o.WF.Dispose(ctx, letters.DisposeInput{LetterID: id, To: []string{to}, Instructions: []string{"untuk ditindaklanjuti"}})
		if err != nil {
			t.Fatalf("dispose %d to %s: %v", id, to, err)
		}
		return d
	}
	// 31 January 23:30 WIB and 1 February 00:15 WIB are the same UTC day.
	jan31 := create("Retribusi pasar Januari", time.Date(2026, 1, 31, 23, 30, 0, 0, loc))
	feb01 := create("Retribusi pasar Februari", time.Date(2026, 2, 1, 0, 15, 0, 0, loc))
	feb28 := create("Sewa aset gedung", time.Date(2026, 2, 28, 23, 59, 0, 0, loc))
	mar01 := create("Retribusi parkir", time.Date(2026, 3, 1, 0, 0, 0, 0, loc))
	ditarik := create("Retribusi salah alamat", time.Date(2026, 2, 10, 10, 0, 0, 0, loc))
	baru := create("Retribusi belum didisposisi", time.Date(2026, 2, 11, 10, 0, 0, 0, loc))

	dispose(kepala, jan31, "kabid_bmd")
	dispose(kepala, feb01, "sekretaris")
	dispose(sekretaris, feb01, "kasubag_rkme") // down the secretariat
	dispose(kepala, feb28, "analis")           // straight to a position below the secretariat
	dispose(kepala, mar01, "sekretaris")
	d := dispose(kepala, ditarik, "sekretaris")
	if err := o.WF.WithdrawDisposition(kepala, d.ID, "Salah bidang."); err != nil {
		t.Fatal(err)
	}
	// baru is held by the front office (below the secretariat) undisposed.

	// The text read from feb28's attachment is searched too.
	scans := store.NewScanService(o.DB)
	for {
		job, err := scans.ClaimScanJob(context.Background(), time.Minute)
		if letters.ErrorCode(err) == letters.ENOTFOUND || (err == nil && job == nil) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		text := "Surat biasa."
		if job.LetterID == feb28 {
			text = "Kuitansi sewa gudang terlampir."
		}
		if err := scans.FinishScanJob(context.Background(), job.AttachmentID, &letters.Scan{Status: letters.ScanDone, Text: text}); err != nil {
			t.Fatal(err)
		}
	}

	// expect checks the page and the total (the whole list unless a page
	// is asked for).
	expect := func(t *testing.T, ctx context.Context, f letters.LetterFilter, want []int64) {
		t.Helper()
		list, total, err := o.L.FindLetters(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, l := range list {
			got = append(got, l.ID)
		}
		wantTotal := len(want)
		if f.Limit > 0 {
			wantTotal = 4 // the one paged filter below: unit sekretaris
		}
		if !slices.Equal(got, want) || total != wantTotal {
			t.Errorf("%s: letters %v (total %d), want %v", letters.UserFromContext(ctx).Position, got, total, want)
		}
	}
	feb := time.Date(2026, 2, 1, 0, 0, 0, 0, loc)
	mar := time.Date(2026, 3, 1, 0, 0, 0, 0, loc)
	for _, tc := range []struct {
		name string
		f    letters.LetterFilter
		want []int64 // newest first
	}{
		{"February", letters.LetterFilter{From: &feb, To: &mar}, []int64{feb28, baru, ditarik, feb01}},
		{"from 1 March", letters.LetterFilter{From: &mar}, []int64{mar01}},
		{"before February", letters.LetterFilter{To: &feb}, []int64{jan31}},
		{"unit sekretaris", letters.LetterFilter{Unit: "sekretaris"}, []int64{mar01, feb28, baru, feb01}},
		{"unit kasubag_rkme", letters.LetterFilter{Unit: "kasubag_rkme"}, []int64{feb28, baru, feb01}},
		{"unit analis", letters.LetterFilter{Unit: "analis"}, []int64{feb28}},
		{"unit kabid_bmd", letters.LetterFilter{Unit: "kabid_bmd"}, []int64{jan31}},
		{"unit kabid_perbendaharaan", letters.LetterFilter{Unit: "kabid_perbendaharaan"}, nil},
		{"unit and February", letters.LetterFilter{Unit: "sekretaris", From: &feb, To: &mar}, []int64{feb28, baru, feb01}},
		{"unit, February and a search", letters.LetterFilter{Unit: "sekretaris", From: &feb, To: &mar, Query: "retribusi"}, []int64{baru, feb01}},
		{"unit and a search", letters.LetterFilter{Unit: "sekretaris", Query: "retribusi"}, []int64{mar01, baru, feb01}},
		{"unit and a scanned word", letters.LetterFilter{Unit: "sekretaris", Query: "kuitansi"}, []int64{feb28}},
		{"another unit and a scanned word", letters.LetterFilter{Unit: "kabid_bmd", Query: "kuitansi"}, nil},
		{"unit and a status", letters.LetterFilter{Unit: "sekretaris", Status: letters.StatusRegistered}, []int64{baru}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A unit alone walks the agenda when it holds enough of it, else
			// sorts its own letters: both give the same page.
			// A search tests a small unit's letters against the index, a
			// large unit's against the matches: both find the same.
			for _, walk := range []int{20000, 0} {
				for _, small := range []int{5000, 0} {
					restoreWalk, restoreSmall := store.SetUnitWalk(walk), store.SetUnitSmall(small)
					for _, ctx := range []context.Context{clerk, kepala} {
						expect(t, ctx, tc.f, tc.want)
					}
					restoreWalk()
					restoreSmall()
				}
			}
		})
	}
	bmd := o.As(t, "kabid_bmd")
	for _, walk := range []int{20000, 0} {
		restore := store.SetUnitWalk(walk)
		// A field head sees only what reached the field, whatever unit is asked.
		expect(t, bmd, letters.LetterFilter{Unit: "kabid_bmd"}, []int64{jan31})
		expect(t, bmd, letters.LetterFilter{Unit: "sekretaris"}, nil)
		expect(t, bmd, letters.LetterFilter{Unit: "kabid_bmd", From: &feb}, nil)
		// A page of a unit.
		expect(t, kepala, letters.LetterFilter{Unit: "sekretaris", Limit: 1, Offset: 1}, []int64{feb28})
		restore()
	}

	// The overdue ones of a unit: the clock past every deadline but one's.
	o.Clock.Set(time.Date(2026, 6, 1, 9, 0, 0, 0, loc))
	list, total, err := o.L.FindLetters(kepala, letters.LetterFilter{Unit: "kasubag_rkme", Overdue: true})
	if err != nil || total != 3 || len(list) != 3 {
		t.Errorf("overdue in unit kasubag_rkme: %d letters, total %d, %v; want 3", len(list), total, err)
	}

	_, _, err = o.L.FindLetters(kepala, letters.LetterFilter{Unit: "bidang_fiktif"})
	ExpectCode(t, err, letters.EINVALID)
}
