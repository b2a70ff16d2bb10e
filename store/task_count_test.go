package store_test

import (
	"fmt"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// CountMyTasks, the count in the navigation, agrees with the length of
// MyTasks for every position of two offices: new letters waiting to be
// disposed, a letter disposed to a unit, a draft in the paraf chain, and,
// weeks later, the late cases a position must escalate.
func TestCountMyTasksMatchesMyTasks(t *testing.T) {
	for _, slug := range []string{"dpmptsp", "bkad-kalbar"} {
		t.Run(slug, func(t *testing.T) {
			o := MustOffice(t, slug)
			check := func(when string) (escalations int) {
				t.Helper()
				for _, pos := range o.P.Positions {
					ctx := o.As(t, pos.Code)
					tasks, err := o.WF.MyTasks(ctx)
					if err != nil {
						t.Fatal(err)
					}
					n, err := o.WF.CountMyTasks(ctx, letters.TaskCountCap)
					if err != nil {
						t.Fatal(err)
					}
					if n != len(tasks) {
						t.Errorf("%s, %s: CountMyTasks %d, MyTasks lists %d", when, pos.Code, n, len(tasks))
					}
					for _, task := range tasks {
						if task.Kind == letters.TaskEscalate {
							escalations++
						}
					}
				}
				return escalations
			}
			receiver := o.As(t, o.P.Channel("tatap_muka").Receiver)
			for _, s := range []string{"Izin belum terbit", "Loket tutup lebih awal"} {
				l := NewLetter(s)
				l.Channel = "tatap_muka"
				MustCreateLetter(t, o.DB, receiver, l)
			}
			drafter := positionsOf(o.P, letters.ActionDraft)
			if len(drafter) == 0 {
				t.Fatal("no position may draft")
			}
			l := disposedTo(t, o, drafter[len(drafter)-1], "Berkas hilang")
			check("after intake and a disposition")

			d, err := o.WF.CreateDraft(o.As(t, drafter[len(drafter)-1]), l.ID, o.P.Documents[0].Code)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := o.WF.SubmitDraft(o.As(t, drafter[len(drafter)-1]), d.ID); err != nil {
				t.Fatal(err)
			}
			check("with a draft in the chain")

			o.Clock.Add(60 * 24 * time.Hour) // every case is late by now
			if n := check("two months later"); o.P.Escalation != nil && n == 0 {
				t.Error("two months late and nobody must escalate: the escalation part is not tested")
			}
			if o.P.Escalation != nil {
				// Exactly at the escalation rule's edge too.
				o.Clock.Set(o.DB.Calendar.AddWorkingDays(l.Deadline, o.P.Escalation.After))
				check("on the escalation day")
			}
		})
	}
}

// The count stops at the cap: a position holding more open letters than the
// cap counts exactly the cap, one holding fewer counts them all.
func TestCountMyTasksStopsAtTheCap(t *testing.T) {
	defer store.SetTaskCountCap(3)()
	o := MustOffice(t, "bkad-kalbar")
	clerk := o.As(t, o.P.Channel("surat").Receiver)
	var holder string
	for i := range 5 {
		l := NewLetter(fmt.Sprintf("Pengaduan ke-%d", i+1))
		l.Channel = "surat"
		MustCreateLetter(t, o.DB, clerk, l)
		holder = l.Holder
	}
	ctx := o.As(t, holder)
	n, err := o.WF.CountMyTasks(ctx, letters.TaskCountCap)
	if err != nil {
		t.Fatal(err)
	}
	// The navigation asks for less: it stops there.
	if nav, err := o.WF.CountMyTasks(ctx, 2); err != nil || nav != 2 {
		t.Errorf("CountMyTasks up to 2 gave %d, %v; want 2", nav, err)
	}
	tasks, err := o.WF.MyTasks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) < 5 || n != 3 {
		t.Errorf("%s has %d tasks; CountMyTasks with a cap of 3 gave %d, want 3", holder, len(tasks), n)
	}
}
