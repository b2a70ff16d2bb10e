package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"naskah/letters"
)

// demoReportCover drafts the cover letter of the last period of the
// profile's first report duty and submits it, so that the demo shows a
// Surat Pengantar Laporan waiting for its paraf (Tugas saya). A profile
// without report duties, or without a user for the responsible position,
// gets none.
func (a *app) demoReportCover(ctx context.Context, w io.Writer) error {
	if len(a.profile.Reports) == 0 {
		return nil
	}
	duty := a.profile.Reports[0]
	cur, err := letters.PeriodAt(duty.Period, time.Now(), a.db.Calendar.Location())
	if err != nil {
		return nil // an unknown period kind: profile validation reports it
	}
	per := cur.Prev()
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: duty.Responsible, Limit: 1})
	if err != nil || len(users) == 0 {
		return err
	}
	actx := letters.NewContextWithUser(ctx, users[0])
	d, err := a.workflow.CreateReportCover(actx, 0, per)
	if err != nil {
		return fmt.Errorf("demo report cover: %w", err)
	}
	if d, err = a.workflow.SubmitDraft(actx, d.ID); err != nil {
		return fmt.Errorf("demo report cover: %w", err)
	}
	fmt.Fprintf(w, "Surat pengantar Laporan %s %s: konsep %d menunggu %s (/konsep/%d).\n",
		per.KindLabel(), per.Label(), d.ID, a.profile.PositionTitle(d.Holder), d.ID)
	return nil
}
