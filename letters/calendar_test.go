package letters_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

func calLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// nationalCalendar is the calendar of an office in zone name with the
// embedded national days and extra.
func calNational(t *testing.T, name string, extra ...letters.CalendarDay) *letters.Calendar {
	t.Helper()
	cal, err := letters.NewCalendar(calLoc(t, name), append(letters.NationalHolidays(), extra...))
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// at is a local time; eod the end of a local day.
func calAt(loc *time.Location, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

func calEnd(loc *time.Location, y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 23, 59, 59, 0, loc)
}

func calWantErr(t *testing.T, err error, code, contains string) {
	t.Helper()
	if letters.ErrorCode(err) != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	if msg := letters.ErrorMessage(err); !strings.Contains(msg, contains) {
		t.Fatalf("message %q does not contain %q", msg, contains)
	}
}

func TestNationalHolidays(t *testing.T) {
	days := letters.NationalHolidays()
	if len(days) != 52 {
		t.Fatalf("got %d national days, want the 52 rows of the CSV", len(days))
	}
	want := map[string]letters.CalendarDay{
		"2025-01-01": {Date: "2025-01-01", Kind: "libur_nasional", Name: "Tahun Baru 2025 Masehi"},
		"2026-03-19": {Date: "2026-03-19", Kind: "libur_nasional", Name: "Hari Suci Nyepi (Tahun Baru Saka 1948)"},
		"2026-12-24": {Date: "2026-12-24", Kind: "cuti_bersama", Name: "Kelahiran Yesus Kristus"},
	}
	for _, d := range days {
		if w, ok := want[d.Date]; ok {
			if d != w {
				t.Errorf("got %+v, want %+v", d, w)
			}
			delete(want, d.Date)
		}
	}
	if len(want) != 0 {
		t.Errorf("missing %v", want)
	}
	days[0].Name = "changed"
	if letters.NationalHolidays()[0].Name != "Tahun Baru 2025 Masehi" {
		t.Error("NationalHolidays shares its slice with callers")
	}
}

func TestAddWorkingDays(t *testing.T) {
	jkt := calLoc(t, "Asia/Jakarta")
	cal := calNational(t, "Asia/Jakarta")
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		{"Fri 27 Mar 2026, skips Good Friday 3 Apr", calAt(jkt, 2026, 3, 27, 10, 0), 7, calEnd(jkt, 2026, 4, 8)},
		{"Tue 17 Mar 2026, skips Nyepi and Idulfitri 18-24 Mar", calAt(jkt, 2026, 3, 17, 9, 0), 7, calEnd(jkt, 2026, 4, 2)},
		{"received Saturday 14 Feb 2026, skips Imlek 16-17 Feb", calAt(jkt, 2026, 2, 14, 11, 0), 5, calEnd(jkt, 2026, 2, 24)},
		{"Wed 24 Dec 2025, skips Natal, cuti bersama and New Year", calAt(jkt, 2025, 12, 24, 8, 0), 5, calEnd(jkt, 2026, 1, 5)},
		{"Wed 23 Dec 2026 into 2027 (no 2027 data)", calAt(jkt, 2026, 12, 23, 8, 0), 7, calEnd(jkt, 2027, 1, 5)},
		{"n=0 on a working day", calAt(jkt, 2026, 3, 26, 8, 0), 0, calEnd(jkt, 2026, 3, 26)},
		{"n=0 on Saturday before Imlek", calAt(jkt, 2026, 2, 14, 8, 0), 0, calEnd(jkt, 2026, 2, 18)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.AddWorkingDays(tt.from, tt.n); !got.Equal(tt.want) || got.Location().String() != "Asia/Jakarta" {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// The same instant is a different local day in each zone.
func TestTimeZones(t *testing.T) {
	received := time.Date(2026, 4, 23, 16, 30, 0, 0, time.UTC) // Thursday 23.30 WIB, Friday 00.30 WITA
	tests := []struct {
		zone string
		want time.Time // 5 working days
	}{
		{"Asia/Jakarta", calEnd(calLoc(t, "Asia/Jakarta"), 2026, 4, 30)},
		{"Asia/Makassar", calEnd(calLoc(t, "Asia/Makassar"), 2026, 5, 4)}, // Fri 24 Apr not counted, 1 May Hari Buruh
		{"Asia/Jayapura", calEnd(calLoc(t, "Asia/Jayapura"), 2026, 5, 4)},
		{"UTC", calEnd(time.UTC, 2026, 4, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			cal := calNational(t, tt.zone)
			if got := cal.AddWorkingDays(received, 5); !got.Equal(tt.want) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}

	// 23.30 UTC on Thursday 30 April is Friday 1 May (Hari Buruh) in WITA.
	late := time.Date(2026, 4, 30, 23, 30, 0, 0, time.UTC)
	if !calNational(t, "UTC").IsWorkingDay(late) {
		t.Error("Thursday 30 April 2026 in UTC should be a working day")
	}
	wita := calNational(t, "Asia/Makassar")
	if wita.IsWorkingDay(late) {
		t.Error("1 May 2026 in WITA should not be a working day")
	}
	if d, ok := wita.DayOff(late); !ok || d.Name != "Hari Buruh Internasional" {
		t.Errorf("DayOff = %+v, %v", d, ok)
	}
	// 16.30 UTC on 30 April: still Thursday in WIB, already 1 May in WIT.
	evening := time.Date(2026, 4, 30, 16, 30, 0, 0, time.UTC)
	if !calNational(t, "Asia/Jakarta").IsWorkingDay(evening) || calNational(t, "Asia/Jayapura").IsWorkingDay(evening) {
		t.Error("16.30 UTC on 30 April 2026 should be a working day in WIB and a holiday in WIT")
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	jkt := calLoc(t, "Asia/Jakarta")
	cal := calNational(t, "Asia/Jakarta")
	tests := []struct {
		a, b time.Time
		want int
	}{
		{calAt(jkt, 2026, 3, 27, 10, 0), calAt(jkt, 2026, 4, 8, 15, 0), 7},
		{calAt(jkt, 2026, 3, 17, 10, 0), calAt(jkt, 2026, 4, 2, 8, 0), 7},
		{calAt(jkt, 2025, 12, 24, 10, 0), calAt(jkt, 2026, 1, 5, 8, 0), 5},
		{calAt(jkt, 2026, 4, 2, 10, 0), calAt(jkt, 2026, 4, 6, 9, 0), 1}, // Good Friday and weekend between
		{calAt(jkt, 2026, 3, 18, 8, 0), calAt(jkt, 2026, 3, 24, 17, 0), 0},
		{calAt(jkt, 2026, 4, 8, 8, 0), calAt(jkt, 2026, 4, 8, 17, 0), 0},
		{calAt(jkt, 2026, 4, 8, 8, 0), calAt(jkt, 2026, 3, 27, 17, 0), 0},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDayOff(t *testing.T) {
	jkt := calLoc(t, "Asia/Jakarta")
	cal := calNational(t, "Asia/Jakarta")
	tests := []struct {
		day     time.Time
		working bool
		kind    string
	}{
		{calAt(jkt, 2026, 3, 19, 10, 0), false, "libur_nasional"}, // Nyepi
		{calAt(jkt, 2026, 3, 23, 10, 0), false, "cuti_bersama"},   // Idulfitri
		{calAt(jkt, 2026, 3, 28, 10, 0), false, ""},               // Saturday, not listed
		{calAt(jkt, 2026, 3, 25, 10, 0), true, ""},
	}
	for _, tt := range tests {
		if got := cal.IsWorkingDay(tt.day); got != tt.working {
			t.Errorf("IsWorkingDay(%s) = %v", tt.day, got)
		}
		d, ok := cal.DayOff(tt.day)
		if ok != (tt.kind != "") || d.Kind != tt.kind {
			t.Errorf("DayOff(%s) = %+v, %v; want kind %q", tt.day, d, ok, tt.kind)
		}
	}
	if d, _ := cal.DayOff(calAt(jkt, 2026, 3, 23, 10, 0)); d.KindLabel() != "Cuti bersama" {
		t.Errorf("KindLabel = %q", d.KindLabel())
	}
}

func TestProfileCalendar(t *testing.T) {
	p := &letters.Profile{
		TimeZone: "Asia/Pontianak",
		Holidays: []letters.Holiday{{Date: "2026-10-23", Name: "Hari Jadi Kota Pontianak"}},
	}
	cal, err := p.Calendar([]letters.CalendarDay{{Date: "2026-06-02", Kind: "libur_daerah", Name: "Libur daerah"}})
	if err != nil {
		t.Fatal(err)
	}
	ptk := calLoc(t, "Asia/Pontianak")
	if cal.Location().String() != "Asia/Pontianak" {
		t.Errorf("Location = %s", cal.Location())
	}
	if d, ok := cal.DayOff(calAt(ptk, 2026, 10, 23, 9, 0)); !ok || d.Kind != "libur_kantor" || d.Name != "Hari Jadi Kota Pontianak" {
		t.Errorf("office day = %+v, %v", d, ok)
	}
	if got, want := cal.AddWorkingDays(calAt(ptk, 2026, 10, 22, 9, 0), 1), calEnd(ptk, 2026, 10, 26); !got.Equal(want) {
		t.Errorf("over the office day: %s, want %s", got, want)
	}
	// Fri 29 May → Mon 1 Jun Pancasila, Tue 2 Jun regional → Wed 3 Jun.
	if got, want := cal.AddWorkingDays(calAt(ptk, 2026, 5, 29, 9, 0), 1), calEnd(ptk, 2026, 6, 3); !got.Equal(want) {
		t.Errorf("over the regional day: %s, want %s", got, want)
	}

	for _, tz := range []string{"", "Asia/Atlantis"} {
		_, err := (&letters.Profile{TimeZone: tz}).Calendar(nil)
		calWantErr(t, err, letters.EINVALID, "time_zone")
	}
	_, err = (&letters.Profile{TimeZone: "Asia/Jayapura", Holidays: []letters.Holiday{{Date: "2026-02-30", Name: "Salah"}}}).Calendar(nil)
	calWantErr(t, err, letters.EINVALID, "2026-02-30")
}

func TestNewCalendarErrors(t *testing.T) {
	_, err := letters.NewCalendar(time.UTC, []letters.CalendarDay{{Date: "17-08-2026", Kind: "libur_kantor", Name: "Salah tulis"}})
	calWantErr(t, err, letters.EINVALID, "17-08-2026")
	_, err = letters.NewCalendar(time.UTC, []letters.CalendarDay{{Date: "2026-08-18", Kind: "libur_panjang", Name: "X"}})
	calWantErr(t, err, letters.EINVALID, "libur_panjang")
	_, err = letters.NewCalendar(nil, nil)
	calWantErr(t, err, letters.EINVALID, "Zona waktu")
}

func TestLastYearCovers(t *testing.T) {
	jkt := calLoc(t, "Asia/Jakarta")
	cal := calNational(t, "Asia/Jakarta")
	if cal.LastYear() != 2026 {
		t.Errorf("LastYear = %d, want 2026", cal.LastYear())
	}
	if !cal.Covers(calAt(jkt, 2026, 12, 31, 23, 0)) {
		t.Error("31 December 2026 should be covered")
	}
	// 17.30 UTC on 31 December 2026 is already 2027 in WIB.
	if cal.Covers(time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC)) {
		t.Error("1 January 2027 WIB should not be covered")
	}
	// Office days do not make a year covered; national ones do.
	office := calNational(t, "Asia/Jakarta", letters.CalendarDay{Date: "2028-01-03", Kind: "libur_kantor", Name: "Kantor"})
	if office.LastYear() != 2026 {
		t.Errorf("LastYear with an office day in 2028 = %d, want 2026", office.LastYear())
	}
	added := calNational(t, "Asia/Jakarta", letters.CalendarDay{Date: "2027-01-01", Kind: "libur_nasional", Name: "Tahun Baru 2027 Masehi"})
	if added.LastYear() != 2027 || !added.Covers(calAt(jkt, 2027, 6, 1, 9, 0)) {
		t.Errorf("LastYear with 2027 added = %d", added.LastYear())
	}
	// The added New Year moves the 23 Dec 2026 deadline by a day.
	if got, want := added.AddWorkingDays(calAt(jkt, 2026, 12, 23, 8, 0), 7), calEnd(jkt, 2027, 1, 6); !got.Equal(want) {
		t.Errorf("with 1 Jan 2027 off: %s, want %s", got, want)
	}
	empty, err := letters.NewCalendar(jkt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if empty.LastYear() != 0 || empty.Covers(calAt(jkt, 2026, 1, 2, 9, 0)) {
		t.Error("a calendar without national days covers nothing")
	}
}

func TestAdd(t *testing.T) {
	jkt := calLoc(t, "Asia/Jakarta")
	mks := calLoc(t, "Asia/Makassar")
	cal := calNational(t, "Asia/Jakarta")
	ntt := calNational(t, "Asia/Makassar")
	tests := []struct {
		name  string
		cal   *letters.Calendar
		start time.Time
		d     letters.Duration
		want  time.Time
	}{
		{"30 minutes face to face", cal, calAt(jkt, 2026, 3, 27, 14, 5), letters.Duration{Value: 30, Unit: "minutes"}, calAt(jkt, 2026, 3, 27, 14, 35)},
		{"minutes run into a holiday", cal, calAt(jkt, 2025, 12, 24, 23, 50), letters.Duration{Value: 30, Unit: "minutes"}, calAt(jkt, 2025, 12, 25, 0, 20)},
		{"2 hours", cal, calAt(jkt, 2026, 3, 27, 14, 5), letters.Duration{Value: 2, Unit: "hours"}, calAt(jkt, 2026, 3, 27, 16, 5)},
		{"7 working days", cal, calAt(jkt, 2026, 3, 27, 14, 5), letters.Duration{Value: 7, Unit: "working_days"}, calEnd(jkt, 2026, 4, 8)},
		{"7 calendar days (NTT)", ntt, calAt(mks, 2026, 3, 16, 10, 0), letters.Duration{Value: 7, Unit: "days"}, calEnd(mks, 2026, 3, 23)},
		{"8 calendar days over New Year", ntt, calAt(mks, 2026, 12, 28, 10, 0), letters.Duration{Value: 8, Unit: "days"}, calEnd(mks, 2027, 1, 5)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.cal.Add(tt.start, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) || got.Location() != tt.cal.Location() {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	for _, d := range []letters.Duration{{Value: 1, Unit: "weeks"}, {Value: 0, Unit: "days"}, {Value: -3, Unit: "working_days"}} {
		_, err := cal.Add(calAt(jkt, 2026, 3, 27, 14, 5), d)
		calWantErr(t, err, letters.EINVALID, "tenggat")
	}
}

func TestParseHolidaysCSV(t *testing.T) {
	in := "\ufefftanggal,jenis,keterangan\n" +
		"2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n" +
		"\n" +
		"2027-04-15, libur_daerah ,\"Hari Jadi Kabupaten Sanggau, ke-20\"\n"
	days, err := letters.ParseHolidaysCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []letters.CalendarDay{
		{Date: "2027-01-01", Kind: "libur_nasional", Name: "Tahun Baru 2027 Masehi"},
		{Date: "2027-04-15", Kind: "libur_daerah", Name: "Hari Jadi Kabupaten Sanggau, ke-20"},
	}
	if len(days) != len(want) || days[0] != want[0] || days[1] != want[1] {
		t.Fatalf("got %+v, want %+v", days, want)
	}

	const header = "tanggal,jenis,keterangan\n"
	tests := []struct {
		name, in string
		want     []string // parts of the message
	}{
		{"empty file", "", []string{"kosong"}},
		{"wrong header", "date,kind,name\n2027-01-01,libur_nasional,X\n", []string{"Baris 1", "tanggal,jenis,keterangan"}},
		{"bad date", header + "2027-01-01,libur_nasional,Tahun Baru\n2027-02-30,cuti_bersama,Imlek\n", []string{"Baris 3", "2027-02-30", "tidak valid"}},
		{"date in another format", header + "17/08/2027,libur_nasional,Proklamasi\n", []string{"Baris 2", "17/08/2027"}},
		{"unknown kind", header + "2027-01-01,libur_bersama,Tahun Baru\n", []string{"Baris 2", "libur_bersama", "tidak dikenal"}},
		{"duplicate date", header + "2027-01-01,libur_nasional,A\n2027-01-02,cuti_bersama,B\n\n2027-01-01,libur_daerah,C\n", []string{"Baris 5", "2027-01-01", "baris 2"}},
		{"missing column", header + "2027-01-01,libur_nasional\n", []string{"Baris 2", "3 kolom"}},
		{"missing name", header + "2027-01-01,libur_nasional,  \n", []string{"Baris 2", "keterangan"}},
		{"bare quote", header + "2027-01-01,libur_nasional,Hari \"Raya\"\n", []string{"Baris 2", "tanda petik"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := letters.ParseHolidaysCSV(strings.NewReader(tt.in))
			for _, part := range tt.want {
				calWantErr(t, err, letters.EINVALID, part)
			}
		})
	}
}

// TestWorkingDaysBetweenMatchesDayByDay checks the arithmetic count against
// stepping through every day, over ranges crossing holidays, weekends,
// month and year ends, and days off added while the calendar is in use.
func TestWorkingDaysBetweenMatchesDayByDay(t *testing.T) {
	cal := calNational(t, "Asia/Pontianak")
	if err := cal.AddDays([]letters.CalendarDay{{Date: "2026-10-28", Kind: letters.KindLiburDaerah, Name: "Hari Jadi"}, {Date: "2026-10-31", Kind: letters.KindLiburDaerah, Name: "Sabtu"}}); err != nil {
		t.Fatal(err)
	}
	loc := cal.Location()
	slow := func(a, b time.Time) int {
		n := 0
		for d := a.AddDate(0, 0, 1); !d.After(b); d = d.AddDate(0, 0, 1) {
			if cal.IsWorkingDay(d) {
				n++
			}
		}
		return n
	}
	start := time.Date(2024, 12, 20, 10, 0, 0, 0, loc)
	for i := 0; i < 800; i += 3 {
		a := start.AddDate(0, 0, i)
		for _, span := range []int{-2, 0, 1, 2, 6, 9, 30, 95, 400} {
			b := a.AddDate(0, 0, span).Add(time.Duration(i%5) * time.Hour)
			if got, want := cal.WorkingDaysBetween(a, b), slow(a, b); got != want {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, day by day %d", a.Format(time.DateOnly), b.Format(time.DateOnly), got, want)
			}
		}
	}
}
