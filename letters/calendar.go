package letters

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // offices run on machines without a zoneinfo database
)

// Kinds of days off.
const (
	KindLiburNasional = "libur_nasional" // national holiday (SKB 3 Menteri)
	KindCutiBersama   = "cuti_bersama"   // collective leave (SKB 3 Menteri)
	KindLiburDaerah   = "libur_daerah"   // regional holiday
	KindLiburKantor   = "libur_kantor"   // a day off of the office itself
)

var kindLabels = map[string]string{
	KindLiburNasional: "Libur nasional",
	KindCutiBersama:   "Cuti bersama",
	KindLiburDaerah:   "Libur daerah",
	KindLiburKantor:   "Libur kantor",
}

// dateLayout is how days off are written: YYYY-MM-DD.
const dateLayout = "2006-01-02"

// CalendarDay is a day off: national holiday, cuti bersama, regional or office day.
type CalendarDay struct {
	Date string `json:"date"` // YYYY-MM-DD
	Kind string `json:"kind"` // libur_nasional, cuti_bersama, libur_daerah, libur_kantor
	Name string `json:"name"`
}

// KindLabel is the kind as a user reads it.
func (d CalendarDay) KindLabel() string {
	if l, ok := kindLabels[d.Kind]; ok {
		return l
	}
	return d.Kind
}

// Calendar knows the working days of one office: Monday to Friday in the
// office's time zone, except its days off. Deadlines counted in working days
// end at 23:59:59 local time of their last day. A Calendar is read-only after
// NewCalendar and safe for concurrent use.
type Calendar struct {
	loc      *time.Location
	mu       sync.RWMutex           // guards days and lastYear: AddDays may run while others read
	days     map[string]CalendarDay // by date
	off      map[int32]struct{}     // the same dates by dayKey: the hot lookup of workingDate
	offWeek  []int64                // days off on Monday–Friday as day numbers, sorted (calendar_count.go)
	lastYear int                    // last year with national data
}

// dayKey is a date as yyyymmdd, a map key cheaper than the formatted date.
func dayKey(y int, m time.Month, d int) int32 { return int32(y*10000 + int(m)*100 + d) }

// NewCalendar returns the calendar of an office in zone loc with the given
// days off (national days, the profile's days and days the office added).
// A date given twice keeps its first entry, so national days listed first
// keep their names. An empty kind counts as libur_kantor. It is EINVALID for
// a missing zone, a bad date or an unknown kind.
func NewCalendar(loc *time.Location, days []CalendarDay) (*Calendar, error) {
	if loc == nil {
		return nil, Errorf(EINVALID, "Zona waktu kalender belum ditentukan.")
	}
	c := &Calendar{loc: loc, days: make(map[string]CalendarDay, len(days)), off: make(map[int32]struct{}, len(days))}
	for _, d := range days {
		t, err := time.Parse(dateLayout, d.Date)
		if err != nil {
			return nil, Errorf(EINVALID, "Hari libur %q: tanggal %q tidak valid (format TTTT-BB-HH, mis. 2026-08-17).", d.Name, d.Date)
		}
		if d.Kind == "" {
			d.Kind = KindLiburKantor
		}
		if _, ok := kindLabels[d.Kind]; !ok {
			return nil, Errorf(EINVALID, "Hari libur %q: jenis %q tidak dikenal (yang dikenal: libur_nasional, cuti_bersama, libur_daerah, libur_kantor).", d.Name, d.Kind)
		}
		if _, dup := c.days[d.Date]; !dup {
			c.days[d.Date] = d
			c.off[dayKey(t.Date())] = struct{}{}
			c.addOffWeekday(t)
		}
		if (d.Kind == KindLiburNasional || d.Kind == KindCutiBersama) && t.Year() > c.lastYear {
			c.lastYear = t.Year()
		}
	}
	return c, nil
}

// Calendar returns the office's calendar in p.TimeZone: the national days
// (NationalHolidays), the profile's own days (kind libur_kantor) and extra,
// e.g. the days the office added itself. EINVALID for an empty or unknown
// zone or a bad day.
func (p *Profile) Calendar(extra []CalendarDay) (*Calendar, error) {
	if p.TimeZone == "" {
		return nil, Errorf(EINVALID, "Zona waktu kantor (time_zone) belum diisi; isi dengan Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).")
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil || p.TimeZone == "Local" {
		return nil, Errorf(EINVALID, "Zona waktu kantor (time_zone) %q tidak dikenal; gunakan Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).", p.TimeZone)
	}
	days := NationalHolidays()
	for _, h := range p.Holidays {
		days = append(days, CalendarDay{Date: h.Date, Kind: KindLiburKantor, Name: h.Name})
	}
	days = append(days, extra...)
	return NewCalendar(loc, days)
}

// Location is the office's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// date returns t's local date in c's zone as midnight UTC, so that stepping
// with AddDate is exact whatever the zone.
func (c *Calendar) date(t time.Time) time.Time {
	y, m, d := t.In(c.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// endOfDay is 23:59:59 local time of date (a value from c.date).
func (c *Calendar) endOfDay(date time.Time) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, 23, 59, 59, 0, c.loc)
}

func (c *Calendar) workingDate(date time.Time) bool {
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	k := dayKey(date.Date())
	c.mu.RLock()
	_, off := c.off[k]
	c.mu.RUnlock()
	return !off
}

// IsWorkingDay reports whether t's local date is Monday to Friday and not a day off.
func (c *Calendar) IsWorkingDay(t time.Time) bool { return c.workingDate(c.date(t)) }

// DayOff returns the day off on t's local date. Weekends are not days off
// unless listed.
func (c *Calendar) DayOff(t time.Time) (CalendarDay, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	d, ok := c.days[c.date(t).Format(dateLayout)]
	return d, ok
}

// AddWorkingDays returns the end (23:59:59 local) of the n-th working day
// after t's local date: the day of receipt does not count, as in "7 hari
// kerja terhitung surat diterima". For n <= 0 it returns the end of t's day
// if that is a working day, else of the next working day.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	date := c.date(t)
	if n <= 0 {
		for !c.workingDate(date) {
			date = date.AddDate(0, 0, 1)
		}
		return c.endOfDay(date)
	}
	for n > 0 {
		date = date.AddDate(0, 0, 1)
		if c.workingDate(date) {
			n--
		}
	}
	return c.endOfDay(date)
}

// LastYear is the last year for which national days (libur nasional or cuti
// bersama) are known; 0 when none are.
func (c *Calendar) LastYear() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lastYear
}

// Covers reports whether the national days of t's local year are known.
func (c *Calendar) Covers(t time.Time) bool { return t.In(c.loc).Year() <= c.LastYear() }

// DaysOfYear lists the days off of a year in date order.
func (c *Calendar) DaysOfYear(year int) []CalendarDay {
	c.mu.RLock()
	defer c.mu.RUnlock()
	prefix := strconv.Itoa(year) + "-"
	var out []CalendarDay
	for date, d := range c.days {
		if strings.HasPrefix(date, prefix) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b CalendarDay) int { return strings.Compare(a.Date, b.Date) })
	return out
}

// HasDay reports whether date (YYYY-MM-DD) is already a day off.
func (c *Calendar) HasDay(date string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	_, ok := c.days[date]
	return ok
}

// AddDays adds days off to a calendar in use, e.g. a year's holidays the
// office imports while Naskah runs. Dates already known keep their entry.
// EINVALID for a bad date or kind; then nothing is added.
func (c *Calendar) AddDays(days []CalendarDay) error {
	add, err := NewCalendar(c.loc, days)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for date, d := range add.days {
		if _, ok := c.days[date]; !ok {
			c.days[date] = d
			t, _ := time.Parse(dateLayout, date) // checked by NewCalendar
			c.off[dayKey(t.Date())] = struct{}{}
			c.addOffWeekday(t)
		}
	}
	c.lastYear = max(c.lastYear, add.lastYear)
	return nil
}

// Add returns start plus d. Minutes and hours are added as they are, days
// off or not; working_days is AddWorkingDays; days (calendar days) ends at
// 23:59:59 local of the d.Value-th day after start's date. The result is in
// c's zone. EINVALID for an unknown unit or a Value <= 0.
func (c *Calendar) Add(start time.Time, d Duration) (time.Time, error) {
	if d.Value <= 0 {
		return time.Time{}, Errorf(EINVALID, "Lama tenggat harus lebih dari nol (tertulis %d %s).", d.Value, d.Unit)
	}
	switch d.Unit {
	case UnitMinutes:
		return start.Add(time.Duration(d.Value) * time.Minute).In(c.loc), nil
	case UnitHours:
		return start.Add(time.Duration(d.Value) * time.Hour).In(c.loc), nil
	case UnitWorkingDays:
		return c.AddWorkingDays(start, d.Value), nil
	case UnitDays:
		return c.endOfDay(c.date(start).AddDate(0, 0, d.Value)), nil
	}
	return time.Time{}, Errorf(EINVALID, "Satuan tenggat %q tidak dikenal (yang dikenal: minutes, hours, working_days, days).", d.Unit)
}
