package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// coverService is the draft service's cover letter part, when it has one
// (the store's workflow service does).
func (a *app) coverService() letters.ReportCoverService {
	cs, _ := a.DraftService.(letters.ReportCoverService)
	return cs
}

// createReportCover: POST /laporan/pengantar with periode (2026-10) and
// tugas (the duty's number, 1-based; 0 or absent: the first duty of the
// period's kind) starts the Surat Pengantar Laporan and opens its draft
// page, where paraf and signature work as for any outgoing letter. Only the
// duty's responsible position may (the service answers 403 to others).
func (a *app) createReportCover(c *gin.Context) {
	cs := a.coverService()
	if cs == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan."))
		return
	}
	per, err := letters.ParsePeriod(c.PostForm("periode"))
	if err != nil {
		a.fail(c, err)
		return
	}
	n, _ := strconv.Atoi(c.PostForm("tugas"))
	idx, err := a.Profile.ReportDutyIndex(per, n)
	if err != nil {
		a.fail(c, err)
		return
	}
	d, err := cs.CreateReportCover(c.Request.Context(), idx, per)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.actionDone(c, nil, 0, fmt.Sprintf("/konsep/%d", d.ID),
		"Konsep surat pengantar laporan dibuat dari ringkasan laporan; periksa, simpan, lalu ajukan untuk paraf.")
}

// coverKey identifies a duty's period among the cover letters.
func coverKey(d letters.ReportDuty, per letters.Period) string {
	return d.Period + "\x00" + d.Recipient + "\x00" + d.Responsible + "\x00" + per.String()
}

// reportTasks builds the report part of Tugas saya for the positions the
// user acts for: each report owed (Profile.ReportTasks, late ones too) with
// its cover letter's state or the button to start it, and, as ordinary
// task rows, the cover letters waiting on the user (paraf, signature),
// which MyTasks does not list since they belong to no letter.
func (a *app) reportTasks(ctx context.Context, acting map[string]string) ([]templates.ReportTaskRow, []templates.TaskRow, error) {
	cs := a.coverService()
	covers := map[string]*letters.ReportCover{}
	var waiting []templates.TaskRow
	if cs != nil {
		list, err := cs.FindReportCovers(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, cv := range list {
			covers[coverKey(cv.Duty, cv.Period)] = cv
			if _, mine := acting[cv.Holder]; !mine || cv.Signed() || cv.Step == letters.StepDraft {
				continue // the drafter's turn shows on the report line below
			}
			due := letters.ReportDueDay(cv.Duty, cv.Period, a.cal.Location())
			waiting = append(waiting, templates.TaskRow{Kind: taskKindOf(cv.Step), URL: fmt.Sprintf("/konsep/%d", cv.DraftID),
				Subject:  "Surat pengantar Laporan " + cv.Period.KindLabel() + " " + cv.Period.Label() + " kepada " + cv.Duty.Recipient,
				Document: a.Profile.ReportCoverDocument().Name, Position: a.Profile.PositionTitle(cv.Holder),
				Deadline: a.due(&letters.Letter{Status: letters.StatusInReview}, due, a.now())})
		}
	}
	var sent func(letters.ReportDuty, letters.Period) bool
	if src, ok := a.LetterService.(reportSentSource); ok {
		var err error
		if sent, err = src.ReportSent(ctx); err != nil {
			return nil, nil, err
		}
	}
	var rows []templates.ReportTaskRow
	seen := map[string]bool{}
	for pos := range acting {
		for _, t := range a.Profile.ReportTasks(a.cal, a.now(), pos, sent) {
			key := coverKey(t.Duty, t.Period)
			if seen[key] {
				continue
			}
			seen[key] = true
			row := templates.ReportTaskRow{Text: t.Text(), Period: t.Period.String(), Late: t.Late()}
			for i, d := range a.Profile.Reports {
				if d == t.Duty {
					row.Duty = i + 1
				}
			}
			if cv := covers[key]; cv != nil {
				row.CoverURL, row.Waiting = fmt.Sprintf("/konsep/%d", cv.DraftID), cv.Waiting(a.Profile)
			} else {
				row.CanCover = cs != nil
			}
			rows = append(rows, row)
		}
	}
	return rows, waiting, nil
}

// taskKindOf is the task kind of a chain step kind.
func taskKindOf(step string) string {
	switch step {
	case letters.StepParaf:
		return letters.TaskParaf
	case letters.StepSign:
		return letters.TaskSign
	}
	return letters.TaskDraft
}

// draftLetter is the letter draft d answers, or for a report cover letter
// (no letter) a stand-in naming the report, due on the report's due day.
func (a *app) draftLetter(ctx context.Context, d *letters.Draft) (*letters.Letter, error) {
	if d.LetterID != 0 {
		return a.LetterService.FindLetterByID(ctx, d.LetterID)
	}
	l := &letters.Letter{Subject: d.Title, Status: letters.StatusInReview}
	if d.DocumentID != 0 {
		l.Status = letters.StatusClosed
	}
	if cs := a.coverService(); cs != nil {
		covers, err := cs.FindReportCovers(ctx)
		if err != nil {
			return nil, err
		}
		for _, cv := range covers {
			if cv.DraftID == d.ID {
				l.Subject = "Surat pengantar Laporan " + cv.Period.KindLabel() + " " + cv.Period.Label() + " kepada " + cv.Duty.Recipient
				l.Deadline = letters.ReportDueDay(cv.Duty, cv.Period, a.cal.Location())
			}
		}
	}
	return l, nil
}

// coverStates says, per duty and period (coverKey), where each cover letter
// stands ("surat pengantar menunggu paraf Sekretaris"); empty when the
// service has none or cannot tell.
func (a *app) coverStates(ctx context.Context) map[string]string {
	out := map[string]string{}
	cs := a.coverService()
	if cs == nil {
		return out
	}
	covers, err := cs.FindReportCovers(ctx)
	if err != nil {
		a.log.Error("report covers", "err", err)
		return out
	}
	for _, cv := range covers {
		out[coverKey(cv.Duty, cv.Period)] = cv.Waiting(a.Profile)
	}
	return out
}
