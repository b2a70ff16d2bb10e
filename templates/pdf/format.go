package pdf

import (
	"fmt"
	"time"

	"naskah/letters"
)

var weekdays = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// officeZone loads the profile's time zone. EINVALID when it is unknown.
func officeZone(p *letters.Profile) (*time.Location, error) {
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil || p.TimeZone == "" || p.TimeZone == "Local" {
		return nil, letters.Errorf(letters.EINVALID, "Zona waktu kantor (time_zone) %q tidak dikenal; gunakan Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT).", p.TimeZone)
	}
	return loc, nil
}

// longDate is "Senin, 23 November 2026" in loc.
func longDate(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return weekdays[t.Weekday()] + ", " + letters.FormatDate(t)
}

// longDateTime is "Senin, 23 November 2026 14.05 WIB" in loc.
func longDateTime(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return weekdays[t.Weekday()] + ", " + letters.FormatDateTime(t)
}

// durationText writes a deadline length as the service standards do:
// "5 hari kerja", "30 menit".
func durationText(d letters.Duration) string {
	unit := d.Unit
	switch d.Unit {
	case letters.UnitMinutes:
		unit = "menit"
	case letters.UnitHours:
		unit = "jam"
	case letters.UnitWorkingDays:
		unit = "hari kerja"
	case letters.UnitDays:
		unit = "hari kalender"
	}
	return fmt.Sprintf("%d %s", d.Value, unit)
}

// clockUnit reports whether a deadline of this length falls at a time of day
// (minutes, hours) rather than at the end of a day.
func clockUnit(d letters.Duration) bool {
	return d.Unit == letters.UnitMinutes || d.Unit == letters.UnitHours
}
