package letters

import (
	"slices"
	"strconv"
	"time"
)

// ReportTask is a report the office owes: the period it covers, the day it
// is due and the position that prepares it.
type ReportTask struct {
	Duty     ReportDuty `json:"duty"`
	Period   Period     `json:"period"`
	From     time.Time  `json:"from"`      // the first working day after the period: the task shows from then
	Due      time.Time  `json:"due"`       // 23:59:59 local of the due day in the month after the period
	DaysLeft int        `json:"days_left"` // calendar days from today to the due day; negative when late
}

// Late reports whether the due day has passed.
func (t ReportTask) Late() bool { return t.DaysLeft < 0 }

// Text is the task as a dashboard line shows it, e.g. "Laporan Bulanan
// Oktober 2026 kepada Gubernur Kalimantan Barat: jatuh tempo 15 November
// 2026 (sisa 3 hari)".
func (t ReportTask) Text() string {
	s := "Laporan " + t.Period.KindLabel() + " " + t.Period.Label()
	if t.Duty.Recipient != "" {
		s += " kepada " + t.Duty.Recipient
	}
	s += ": jatuh tempo " + FormatDate(t.Due)
	switch {
	case t.DaysLeft > 0:
		s += " (sisa " + strconv.Itoa(t.DaysLeft) + " hari)"
	case t.DaysLeft == 0:
		s += " (hari ini)"
	default:
		s += " (terlambat " + strconv.Itoa(-t.DaysLeft) + " hari)"
	}
	return s
}

// maxOpenReports bounds how many past periods of one duty are listed.
const maxOpenReports = 12

// ReportTasks returns the reports owed at now for the position (every
// position when position is ""). For each duty of the profile, the latest
// period that has ended is owed from the first working day after it until
// sent reports it sent; earlier periods are listed too while sent says they
// were not (up to 12). A nil sent counts every earlier period as sent, so
// only the latest period is listed. Tasks are ordered by due day.
func (p *Profile) ReportTasks(cal *Calendar, now time.Time, position string, sent func(ReportDuty, Period) bool) []ReportTask {
	loc := cal.Location()
	var out []ReportTask
	for _, d := range p.Reports {
		if position != "" && d.Responsible != position {
			continue
		}
		cur, err := PeriodAt(d.Period, now, loc)
		if err != nil {
			continue // an unknown period kind; profile validation reports it
		}
		for i, per := 0, cur.Prev(); i < maxOpenReports; i, per = i+1, per.Prev() {
			from := cal.AddWorkingDays(per.End(loc), 0)
			from = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, loc)
			if now.Before(from) { // not owed yet: the days after the period are days off
				if sent == nil {
					break
				}
				continue
			}
			if sent != nil && sent(d, per) {
				break
			}
			due := dueDay(per, d.DueDay, loc)
			out = append(out, ReportTask{Duty: d, Period: per, From: from, Due: due, DaysLeft: daysBetween(now, due, loc)})
			if sent == nil {
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b ReportTask) int { return a.Due.Compare(b.Due) })
	return out
}

// dueDay is 23:59:59 of day in the month after per (the month's last day
// when it is shorter; the 15th when day is not set).
func dueDay(per Period, day int, loc *time.Location) time.Time {
	end := per.End(loc) // first day of the month after
	last := end.AddDate(0, 1, -1).Day()
	if day <= 0 {
		day = 15
	}
	day = min(day, last)
	return time.Date(end.Year(), end.Month(), day, 23, 59, 59, 0, loc)
}

// daysBetween counts calendar days from a's local date to b's.
func daysBetween(a, b time.Time, loc *time.Location) int {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC)
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}

// MayViewReports reports whether position may download the office's
// reports: a position responsible for a report duty (or, when the profile
// has no duties, the responsible position), or a head (a position without a
// parent).
func (p *Profile) MayViewReports(position string) bool {
	if position == "" {
		return false
	}
	for _, d := range p.Reports {
		if d.Responsible == position {
			return true
		}
	}
	if len(p.Reports) == 0 && p.Responsible == position {
		return true
	}
	pos := p.Position(position)
	return pos != nil && pos.Parent == ""
}
