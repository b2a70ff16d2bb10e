package web

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/reports"
	"naskah/templates"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// report: GET /laporan?periode=2026-10 (or 2026-Q3, 2026-S2, 2026), the
// report workbook of the period. Without periode, the latest period that has
// ended, of the kind of the profile's first report duty (a month when there
// is none). Only the positions that prepare reports and the heads may
// download it (Profile.MayViewReports). The cases come from the letter
// service when it also implements letters.ReportService (the store does).
// The workbook is built whole before anything is sent, so a failure is a
// clean error page rather than half a file.
func (a *app) report(c *gin.Context) {
	ctx := c.Request.Context()
	src, ok := a.reportSource(c, "mengunduh laporan pengaduan", "Laporan pengaduan")
	if !ok {
		return
	}
	per, err := a.reportPeriod(c.Query("periode"))
	if err != nil {
		a.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if _, err := reports.Write(ctx, &buf, src, reports.Options{
		Profile: a.Profile, Calendar: a.cal, Period: per, Issued: a.now(),
	}); err != nil {
		a.fail(c, fmt.Errorf("web: report %s: %w", per, err))
		return
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": reports.FileName(a.Profile, per)}))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
}

// reportPeriod reads the periode parameter, or gives the latest period
// that has ended.
func (a *app) reportPeriod(s string) (letters.Period, error) {
	if s != "" {
		return letters.ParsePeriod(s)
	}
	kind := letters.PeriodMonthly
	if len(a.Profile.Reports) > 0 {
		kind = a.Profile.Reports[0].Period
	}
	cur, err := letters.PeriodAt(kind, a.now(), a.cal.Location())
	if err != nil {
		return cur, err
	}
	return cur.Prev(), nil
}

// reportSentSource is the part of a LetterService that knows which reports
// were sent (store.LetterService.ReportSent).
type reportSentSource interface {
	ReportSent(ctx context.Context) (func(letters.ReportDuty, letters.Period) bool, error)
}

// reportNotice adds to base's notice the reports the user's position must
// prepare now (Profile.ReportTasks): from the first working day after the
// period up to the due day, or until the report is recorded as sent when the
// service can tell (store.LetterService.ReportSent).
func (a *app) reportNotice(user *letters.User, base *templates.Base) {
	if user == nil {
		return
	}
	var sent func(letters.ReportDuty, letters.Period) bool
	if src, ok := a.LetterService.(reportSentSource); ok {
		var err error
		if sent, err = src.ReportSent(context.Background()); err != nil {
			a.log.Error("report sent", "err", err)
			sent = nil
		}
	}
	covers := a.coverStates(context.Background()) // report_cover.go
	for _, t := range a.Profile.ReportTasks(a.cal, a.now(), user.Position, sent) {
		if t.Late() { // the agenda reminds within the period's window; `naskah report due` lists late ones
			continue
		}
		msg := "Tugas laporan: " + t.Text() + ". Unduh di /laporan?periode=" + t.Period.String() +
			"; surat pengantarnya dibuat di Tugas saya."
		if state := covers[coverKey(t.Duty, t.Period)]; state != "" {
			msg = "Tugas laporan: " + t.Text() + ": " + state + "."
		}
		if base.Notice != "" {
			base.Notice += " "
		}
		base.Notice += msg
	}
}

// reportSource checks that the signed-in user's position may see the
// office's reports (Profile.MayViewReports: heads and report preparers) and
// returns the cases' source. Otherwise it answers the error page (doing
// names the action refused, what the page missing) and reports false.
func (a *app) reportSource(c *gin.Context, doing, what string) (letters.ReportService, bool) {
	user := letters.UserFromContext(c.Request.Context())
	if user == nil {
		a.fail(c, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu."))
		return nil, false
	}
	if !a.Profile.MayViewReports(user.Position) {
		a.fail(c, letters.Errorf(letters.EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang %s.", a.Profile.PositionTitle(user.Position), doing))
		return nil, false
	}
	src, ok := a.LetterService.(letters.ReportService)
	if !ok {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "%s belum tersedia di kantor ini.", what))
		return nil, false
	}
	return src, true
}
