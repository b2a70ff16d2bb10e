package letters

import (
	"fmt"
	"time"
)

// Deadlines of a new case.
type Deadlines struct {
	FirstResponse *time.Time `json:"first_response,omitempty"` // only when the channel sets one
	Completion    time.Time  `json:"completion"`
	Warnings      []string   `json:"warnings,omitempty"` // in Indonesian, for the officer
}

// Deadlines computes the deadlines of a case received at received on
// channel, in the office's calendar. The completion deadline is the channel's,
// or the class's when class is not empty; the first response deadline is the
// channel's FirstResponse, if any. A warning is added for every year a
// computed date falls in whose national days the calendar does not know.
// EINVALID for an unknown channel or class or a bad duration in the profile.
func (p *Profile) Deadlines(cal *Calendar, channel, class string, received time.Time) (Deadlines, error) {
	var out Deadlines
	ch := p.Channel(channel)
	if ch == nil {
		return out, Errorf(EINVALID, "Saluran pengaduan %q tidak dikenal di profil kantor ini.", channel)
	}
	dur, source := ch.Deadline, "saluran "+ch.Name
	if class != "" {
		cl := p.class(class)
		if cl == nil {
			return out, Errorf(EINVALID, "Klasifikasi pengaduan %q tidak dikenal di profil kantor ini.", class)
		}
		dur, source = cl.Deadline, "klasifikasi "+cl.Name
	}
	completion, err := cal.Add(received, dur)
	if err != nil {
		return out, Errorf(EINVALID, "Tenggat penyelesaian %s: %s", source, ErrorMessage(err))
	}
	out.Completion = completion
	computed := []time.Time{completion}
	if ch.FirstResponse != nil {
		first, err := cal.Add(received, *ch.FirstResponse)
		if err != nil {
			return out, Errorf(EINVALID, "Tenggat tanggapan pertama saluran %s: %s", ch.Name, ErrorMessage(err))
		}
		out.FirstResponse = &first
		computed = append(computed, first)
	}
	warned := map[int]bool{}
	for _, t := range computed {
		if w := cal.CoverageWarning(t); w != "" && !warned[t.In(cal.loc).Year()] {
			warned[t.In(cal.loc).Year()] = true
			out.Warnings = append(out.Warnings, w)
		}
	}
	return out, nil
}

func (p *Profile) class(code string) *Class {
	for i := range p.Classes {
		if p.Classes[i].Code == code {
			return &p.Classes[i]
		}
	}
	return nil
}

// CoverageWarning returns the warning shown when t falls in a year whose
// national days the calendar does not know, or "" when it does.
func (c *Calendar) CoverageWarning(t time.Time) string {
	if c.Covers(t) {
		return ""
	}
	return fmt.Sprintf("Kalender hari libur belum memuat tahun %d: tenggat dihitung tanpa hari libur nasional tahun itu.", t.In(c.loc).Year())
}

// Resume returns deadline moved for the time the clock stood still while
// the case waited for the complainant, from pausedAt to resumedAt.
//
// The rule: a deadline at the end of a local day (23:59:59, as working-day
// and calendar-day deadlines are) moves by WorkingDaysBetween(pausedAt,
// resumedAt) working days, counted from the deadline's date. The day of
// pausing counts as used; the day of resuming is treated like a new day of
// receipt and does not count, so the days that move the deadline are the
// working days after the pause's date up to and including the resumption's
// date. Paused on Thursday 2 April 2026 and resumed on Monday 6 April
// (Good Friday and a weekend between) moves it by one working day; paused
// and resumed on the same day does not move it. Any other deadline (minutes
// or hours, e.g. 30 minutes face to face) moves by the time elapsed,
// resumedAt − pausedAt. When resumedAt is not after pausedAt the deadline is
// unchanged. The result is in c's zone.
func (c *Calendar) Resume(deadline, pausedAt, resumedAt time.Time) time.Time {
	deadline = deadline.In(c.loc)
	if !resumedAt.After(pausedAt) {
		return deadline
	}
	if h, m, s := deadline.Clock(); h == 23 && m == 59 && s == 59 {
		if n := c.WorkingDaysBetween(pausedAt, resumedAt); n > 0 {
			return c.AddWorkingDays(deadline, n)
		}
		return deadline
	}
	return deadline.Add(resumedAt.Sub(pausedAt))
}

// Extend returns deadline extended by the profile's Extension, counted from
// the deadline's date (working days: AddWorkingDays from it). A deadline is
// extended once only: ECONFLICT when alreadyExtended; EINVALID when the
// profile allows no extension. Use cal.CoverageWarning on the result to warn
// about a year without national days.
func (p *Profile) Extend(cal *Calendar, deadline time.Time, alreadyExtended bool) (time.Time, error) {
	if alreadyExtended {
		return time.Time{}, Errorf(ECONFLICT, "Tenggat sudah pernah diperpanjang.")
	}
	if p.Extension == nil {
		return time.Time{}, Errorf(EINVALID, "Profil kantor tidak mengatur perpanjangan tenggat (extension), sehingga tenggat tidak dapat diperpanjang.")
	}
	t, err := cal.Add(deadline, *p.Extension)
	if err != nil {
		return time.Time{}, Errorf(EINVALID, "Perpanjangan tenggat (extension): %s", ErrorMessage(err))
	}
	return t, nil
}

var monthNames = [...]string{
	"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember",
}

// MonthName is the Indonesian name of m: "Agustus".
func MonthName(m time.Month) string { return monthNames[m-1] }

// FormatDate writes t's date in its own location as Indonesian letters do:
// "23 November 2026".
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), MonthName(t.Month()), t.Year())
}

// FormatDateTime writes t in its own location with the zone label:
// "23 November 2026 14.05 WIB".
func FormatDateTime(t time.Time) string {
	return fmt.Sprintf("%s %02d.%02d %s", FormatDate(t), t.Hour(), t.Minute(), zoneLabelAt(t.Location(), t))
}

// ZoneLabel names an office's zone as Indonesians do: WIB for Asia/Jakarta
// and Asia/Pontianak, WITA for Asia/Makassar, WIT for Asia/Jayapura; any
// other zone by its current abbreviation (e.g. "UTC").
func ZoneLabel(loc *time.Location) string { return zoneLabelAt(loc, time.Now()) }

func zoneLabelAt(loc *time.Location, t time.Time) string {
	if loc == nil {
		loc = time.UTC
	}
	switch loc.String() {
	case "Asia/Jakarta", "Asia/Pontianak":
		return "WIB"
	case "Asia/Makassar":
		return "WITA"
	case "Asia/Jayapura":
		return "WIT"
	}
	name, _ := t.In(loc).Zone()
	return name
}
