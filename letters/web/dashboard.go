package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// dashboardMonths is how many months the dashboard charts.
const dashboardMonths = 6

// Chart colours: the brand blue, a green for done, a red for late.
const (
	colorReceived  = "#1f5f8b"
	colorCompleted = "#2e7d4f"
	colorLate      = "#b3261e"
)

// overdueSource is the part of a LetterService that counts the late cases
// per holding position in one query (store.LetterService.OverdueByHolder).
type overdueSource interface {
	OverdueByHolder(ctx context.Context) (map[string]int, error)
}

// dashboard: GET /dasbor, the heads' dashboard: complaints received and
// completed this month and in each of the last six, the within-deadline
// rate, the open cases past their deadline per unit, and the reports owed
// with the days left. Only the positions that may view reports
// (Profile.MayViewReports: heads and report preparers). The counts are the
// report's (letters.ReportSummary over letters.ReportService), so the
// dashboard and the monthly workbook never disagree.
func (a *app) dashboard(c *gin.Context) {
	ctx := c.Request.Context()
	src, ok := a.reportSource(c, "membuka dasbor pimpinan", "Dasbor")
	if !ok {
		return
	}
	now, loc := a.now(), a.cal.Location()
	cur, err := letters.PeriodAt(letters.PeriodMonthly, now, loc)
	if err != nil {
		a.fail(c, err)
		return
	}
	periods := make([]letters.Period, dashboardMonths)
	for i, p := dashboardMonths-1, cur; i >= 0; i, p = i-1, p.Prev() {
		periods[i] = p
	}
	sums := make([]*letters.ReportSummary, len(periods))
	for i, per := range periods {
		s := letters.NewReportSummary(a.Profile, a.cal, per, now)
		if err := src.ReportCases(ctx, per, func(rc *letters.ReportCase) error { s.Add(rc); return nil }); err != nil {
			a.fail(c, fmt.Errorf("web: dashboard %s: %w", per, err))
			return
		}
		s.Finish()
		sums[i] = s
	}
	page := templates.DashboardPage{Base: a.base(c, "Dasbor Pimpinan"), Month: cur.Label(),
		AsOf: letters.FormatDateTime(now.In(loc)), OverdueURL: "/agenda?terlambat=1"}
	a.dashboardMonths(&page, periods, sums)
	if err := a.dashboardUnits(ctx, &page, sums); err != nil {
		a.fail(c, err)
		return
	}
	a.dashboardReports(&page, now)
	a.render(c, http.StatusOK, templates.PageDashboard, page)
}

// dashboardMonths fills this month's figures, the rates and the six-month
// chart.
func (a *app) dashboardMonths(page *templates.DashboardPage, periods []letters.Period, sums []*letters.ReportSummary) {
	this := sums[len(sums)-1]
	page.Received, page.Completed, page.InProgress, page.Overdue = this.Received, this.Completed, this.InProgress, this.Overdue
	page.HasRate, page.Rate = this.Completed > 0, templates.FormatPercent(this.WithinDeadlineRate)
	var received, completed []float64
	var labels []string
	within, done := 0, 0
	for i, s := range sums {
		per := periods[i]
		label := letters.MonthName(time.Month(per.N))[:3] + " " + strconv.Itoa(per.Year)
		rate := "—"
		if s.Completed > 0 {
			rate = templates.FormatPercent(s.WithinDeadlineRate)
		}
		page.Months = append(page.Months, templates.DashboardMonth{Label: label, Period: per.String(),
			Received: s.Received, Completed: s.Completed, Rate: rate})
		labels = append(labels, label)
		received, completed = append(received, float64(s.Received)), append(completed, float64(s.Completed))
		within, done = within+s.WithinDeadline, done+s.Completed
	}
	if done > 0 {
		page.HasRateSixMonths, page.RateSixMonths = true, templates.FormatPercent(float64(within)/float64(done))
	}
	page.MonthsChart = templates.BarChart{ID: "grafik-bulanan", Title: "Pengaduan diterima dan selesai per bulan",
		Desc: fmt.Sprintf("Diagram batang %d bulan terakhir, %s sampai %s: jumlah pengaduan yang diterima tiap bulan dan berapa di antaranya sudah selesai. Angkanya ada pada tabel di bawah diagram.",
			len(labels), periods[0].Label(), periods[len(periods)-1].Label()),
		Labels: labels, Series: []templates.Series{
			{Name: "Diterima", Color: colorReceived, Values: received},
			{Name: "Selesai", Color: colorCompleted, Values: completed},
		}}
	page.RateMeter = templates.Meter{ID: "grafik-tepat-waktu", Title: "Selesai tepat waktu bulan ini",
		Desc:  "Bagian pengaduan yang selesai bulan ini tidak melewati batas waktu: " + page.Rate + ".",
		Value: this.WithinDeadlineRate, Color: colorCompleted}
	if done > 0 {
		page.SixMonthsMeter = templates.Meter{ID: "grafik-tepat-waktu-6", Title: "Selesai tepat waktu, 6 bulan terakhir",
			Desc:  "Bagian pengaduan yang selesai dalam 6 bulan terakhir tidak melewati batas waktu: " + page.RateSixMonths + ".",
			Value: float64(within) / float64(done), Color: colorCompleted}
	}
}

// dashboardUnits fills the late cases per unit: office-wide from the
// store's grouped count when it has one, else the late cases of the six
// months' reports.
func (a *app) dashboardUnits(ctx context.Context, page *templates.DashboardPage, sums []*letters.ReportSummary) error {
	byHolder := map[string]int{}
	if src, ok := a.LetterService.(overdueSource); ok {
		var err error
		if byHolder, err = src.OverdueByHolder(ctx); err != nil {
			return err
		}
	} else {
		for _, s := range sums {
			for _, l := range s.ByHandler {
				byHolder[l.Code] += l.Overdue
			}
		}
	}
	units := map[string]int{}
	for code, n := range byHolder {
		if n > 0 {
			units[a.unitLabel(code)] += n
			page.OverdueTotal += n
		}
	}
	for label, n := range units {
		page.Units = append(page.Units, templates.DashboardUnit{Label: label, Overdue: n})
	}
	slices.SortFunc(page.Units, func(x, y templates.DashboardUnit) int {
		return cmp.Or(cmp.Compare(y.Overdue, x.Overdue), cmp.Compare(x.Label, y.Label))
	})
	chart := templates.HBarChart{ID: "grafik-terlambat", Title: "Pengaduan terlambat per unit", Color: colorLate,
		Desc: fmt.Sprintf("Diagram batang: %d berkas terbuka yang melewati batas waktu, dikelompokkan menurut unit yang memegangnya. Angkanya ada pada tabel di bawah diagram.", page.OverdueTotal)}
	for _, u := range page.Units {
		chart.Labels, chart.Values = append(chart.Labels, u.Label), append(chart.Values, float64(u.Overdue))
	}
	page.UnitsChart = chart
	return nil
}

// unitLabel is the unit of a position: the branch under the head it
// belongs to (a Kabid's field with its staff), named by its head's short
// title; the head itself is its own unit.
func (a *app) unitLabel(code string) string {
	pos := a.Profile.Position(code)
	if pos == nil {
		if code == "" {
			return "(belum ditentukan)"
		}
		return code
	}
	for pos.Parent != "" {
		parent := a.Profile.Position(pos.Parent)
		if parent == nil || parent.Parent == "" {
			break
		}
		pos = parent
	}
	return cmp.Or(pos.Short, pos.Title)
}

// dashboardReports lists the reports the office owes now, late ones
// included, with the days left.
func (a *app) dashboardReports(page *templates.DashboardPage, now time.Time) {
	var sent func(letters.ReportDuty, letters.Period) bool
	if src, ok := a.LetterService.(reportSentSource); ok { // report.go
		var err error
		if sent, err = src.ReportSent(context.Background()); err != nil {
			a.log.Error("report sent", "err", err)
			sent = nil
		}
	}
	for _, t := range a.Profile.ReportTasks(a.cal, now, "", sent) {
		left := "hari ini"
		switch {
		case t.DaysLeft > 0:
			left = "sisa " + strconv.Itoa(t.DaysLeft) + " hari"
		case t.DaysLeft < 0:
			left = "terlambat " + strconv.Itoa(-t.DaysLeft) + " hari"
		}
		page.Reports = append(page.Reports, templates.DashboardReport{
			Text: "Laporan " + t.Period.KindLabel() + " " + t.Period.Label(), Due: letters.FormatDate(t.Due),
			DaysLeft: t.DaysLeft, Left: left, Late: t.Late(), URL: "/laporan?periode=" + t.Period.String(),
			Prepared: a.Profile.PositionTitle(t.Duty.Responsible), To: t.Duty.Recipient,
		})
	}
}
