package letters_test

import (
	"slices"
	"testing"
	"time"

	"naskah/letters"
)

const calWarning2027 = "Kalender hari libur belum memuat tahun 2027: tenggat dihitung tanpa hari libur nasional tahun itu."

func calProfile() *letters.Profile {
	wd := func(n int) letters.Duration { return letters.Duration{Value: n, Unit: "working_days"} }
	first := wd(7)
	ext := wd(5)
	return &letters.Profile{
		TimeZone: "Asia/Jakarta",
		Channels: []letters.Channel{
			{Code: "tatap_muka", Name: "Tatap Muka", Deadline: letters.Duration{Value: 30, Unit: "minutes"}},
			{Code: "surat", Name: "Surat", Deadline: wd(7)},
			{Code: "lapor", Name: "SP4N-LAPOR!", Deadline: letters.Duration{Value: 8, Unit: "days"}},
			{Code: "kotak_saran", Name: "Kotak Saran", Deadline: wd(14), FirstResponse: &first},
			{Code: "rusak", Name: "Rusak", Deadline: letters.Duration{Value: 0, Unit: "working_days"}},
		},
		Classes: []letters.Class{
			{Code: "ringan", Name: "Ringan", Deadline: wd(2)},
			{Code: "normatif", Name: "Normatif", Deadline: wd(5)},
		},
		Extension: &ext,
	}
}

func TestDeadlines(t *testing.T) {
	p := calProfile()
	cal, err := p.Calendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	jkt := cal.Location()
	tests := []struct {
		name           string
		channel, class string
		received       time.Time
		completion     time.Time
		first          time.Time // zero: none
		warnings       []string
	}{
		{"letter before Good Friday", "surat", "", calAt(jkt, 2026, 3, 27, 10, 0), calEnd(jkt, 2026, 4, 8), time.Time{}, nil},
		{"letter on a Saturday before Imlek", "surat", "", calAt(jkt, 2026, 2, 14, 10, 0), calEnd(jkt, 2026, 2, 26), time.Time{}, nil},
		{"letter over New Year 2027", "surat", "", calAt(jkt, 2026, 12, 23, 10, 0), calEnd(jkt, 2027, 1, 5), time.Time{}, []string{calWarning2027}},
		{"face to face", "tatap_muka", "", calAt(jkt, 2026, 3, 27, 14, 5), calAt(jkt, 2026, 3, 27, 14, 35), time.Time{}, nil},
		{"LAPOR! 8 calendar days", "lapor", "", calAt(jkt, 2026, 12, 28, 9, 0), calEnd(jkt, 2027, 1, 5), time.Time{}, []string{calWarning2027}},
		{"class ringan on Christmas Eve 2025", "surat", "ringan", calAt(jkt, 2025, 12, 24, 9, 0), calEnd(jkt, 2025, 12, 30), time.Time{}, nil},
		{"class normatif on Christmas Eve 2025", "surat", "normatif", calAt(jkt, 2025, 12, 24, 9, 0), calEnd(jkt, 2026, 1, 5), time.Time{}, nil},
		{"first response around Idulfitri", "kotak_saran", "", calAt(jkt, 2026, 3, 17, 9, 0), calEnd(jkt, 2026, 4, 14), calEnd(jkt, 2026, 4, 2), nil},
		{"first response in 2026, completion in 2027", "kotak_saran", "", calAt(jkt, 2026, 12, 14, 9, 0), calEnd(jkt, 2027, 1, 5), calEnd(jkt, 2026, 12, 23), []string{calWarning2027}},
		{"both in 2027: one warning", "kotak_saran", "", calAt(jkt, 2027, 1, 4, 9, 0), calEnd(jkt, 2027, 1, 22), calEnd(jkt, 2027, 1, 13), []string{calWarning2027}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Deadlines(cal, tt.channel, tt.class, tt.received)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Completion.Equal(tt.completion) {
				t.Errorf("Completion = %s, want %s", got.Completion, tt.completion)
			}
			switch {
			case tt.first.IsZero() && got.FirstResponse != nil:
				t.Errorf("FirstResponse = %s, want none", got.FirstResponse)
			case !tt.first.IsZero() && (got.FirstResponse == nil || !got.FirstResponse.Equal(tt.first)):
				t.Errorf("FirstResponse = %v, want %s", got.FirstResponse, tt.first)
			}
			if !slices.Equal(got.Warnings, tt.warnings) {
				t.Errorf("Warnings = %q, want %q", got.Warnings, tt.warnings)
			}
		})
	}

	received := calAt(jkt, 2026, 3, 27, 10, 0)
	_, err = p.Deadlines(cal, "faksimile", "", received)
	calWantErr(t, err, letters.EINVALID, `"faksimile"`)
	_, err = p.Deadlines(cal, "surat", "berat", received)
	calWantErr(t, err, letters.EINVALID, `"berat"`)
	_, err = p.Deadlines(cal, "rusak", "", received)
	calWantErr(t, err, letters.EINVALID, "Rusak")
}

func TestResume(t *testing.T) {
	cal := calNational(t, "Asia/Jakarta")
	jkt := cal.Location()
	tests := []struct {
		name                            string
		deadline, paused, resumed, want time.Time
	}{
		{"over Good Friday and a weekend: one day", calEnd(jkt, 2026, 4, 8), calAt(jkt, 2026, 4, 2, 10, 0), calAt(jkt, 2026, 4, 6, 9, 0), calEnd(jkt, 2026, 4, 9)},
		{"over Kenaikan, cuti bersama and a weekend: two days", calEnd(jkt, 2026, 5, 20), calAt(jkt, 2026, 5, 13, 10, 0), calAt(jkt, 2026, 5, 19, 11, 0), calEnd(jkt, 2026, 5, 22)},
		{"pushed over Iduladha and Pancasila", calEnd(jkt, 2026, 5, 26), calAt(jkt, 2026, 5, 13, 10, 0), calAt(jkt, 2026, 5, 19, 11, 0), calEnd(jkt, 2026, 6, 2)},
		{"paused Friday, resumed Saturday", calEnd(jkt, 2026, 4, 8), calAt(jkt, 2026, 3, 27, 15, 0), calAt(jkt, 2026, 3, 28, 9, 0), calEnd(jkt, 2026, 4, 8)},
		{"paused and resumed the same day", calEnd(jkt, 2026, 4, 8), calAt(jkt, 2026, 4, 1, 9, 0), calAt(jkt, 2026, 4, 1, 15, 0), calEnd(jkt, 2026, 4, 8)},
		{"30-minute deadline: elapsed time", calAt(jkt, 2026, 3, 27, 14, 35), calAt(jkt, 2026, 3, 27, 14, 10), calAt(jkt, 2026, 3, 27, 14, 50), calAt(jkt, 2026, 3, 27, 15, 15)},
		{"resumed before paused", calEnd(jkt, 2026, 4, 8), calAt(jkt, 2026, 4, 6, 9, 0), calAt(jkt, 2026, 4, 2, 9, 0), calEnd(jkt, 2026, 4, 8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.Resume(tt.deadline, tt.paused, tt.resumed); !got.Equal(tt.want) {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestExtend(t *testing.T) {
	p := calProfile()
	cal, err := p.Calendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	jkt := cal.Location()
	// Thu 17 Dec 2026 + 5 working days, skipping cuti bersama 24 and Natal 25 Dec.
	got, err := p.Extend(cal, calEnd(jkt, 2026, 12, 17), false)
	if err != nil {
		t.Fatal(err)
	}
	if want := calEnd(jkt, 2026, 12, 28); !got.Equal(want) {
		t.Errorf("Extend = %s, want %s", got, want)
	}
	_, err = p.Extend(cal, got, true)
	calWantErr(t, err, letters.ECONFLICT, "Tenggat sudah pernah diperpanjang.")

	p.Extension = nil
	_, err = p.Extend(cal, calEnd(jkt, 2026, 12, 17), false)
	calWantErr(t, err, letters.EINVALID, "perpanjangan")
}

func TestFormatDate(t *testing.T) {
	instant := time.Date(2026, 11, 23, 7, 5, 0, 0, time.UTC)
	tests := []struct {
		zone, date, dateTime string
	}{
		{"Asia/Jakarta", "23 November 2026", "23 November 2026 14.05 WIB"},
		{"Asia/Pontianak", "23 November 2026", "23 November 2026 14.05 WIB"},
		{"Asia/Makassar", "23 November 2026", "23 November 2026 15.05 WITA"},
		{"Asia/Jayapura", "23 November 2026", "23 November 2026 16.05 WIT"},
		{"UTC", "23 November 2026", "23 November 2026 07.05 UTC"},
	}
	for _, tt := range tests {
		local := instant.In(calLoc(t, tt.zone))
		if got := letters.FormatDate(local); got != tt.date {
			t.Errorf("FormatDate in %s = %q, want %q", tt.zone, got, tt.date)
		}
		if got := letters.FormatDateTime(local); got != tt.dateTime {
			t.Errorf("FormatDateTime in %s = %q, want %q", tt.zone, got, tt.dateTime)
		}
	}
	// 17.30 UTC on 16 August is already Proklamasi in WIB.
	eve := time.Date(2026, 8, 16, 17, 30, 0, 0, time.UTC)
	if got := letters.FormatDate(eve.In(calLoc(t, "Asia/Jakarta"))); got != "17 Agustus 2026" {
		t.Errorf("got %q", got)
	}
	if got := letters.FormatDateTime(time.Date(2027, 1, 1, 9, 5, 0, 0, calLoc(t, "Asia/Makassar"))); got != "1 Januari 2027 09.05 WITA" {
		t.Errorf("got %q", got)
	}
	months := ""
	for m := time.January; m <= time.December; m++ {
		months += letters.MonthName(m) + " "
	}
	if months != "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember " {
		t.Errorf("months = %q", months)
	}
}

func TestZoneLabel(t *testing.T) {
	for zone, want := range map[string]string{
		"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT", "UTC": "UTC",
	} {
		if got := letters.ZoneLabel(calLoc(t, zone)); got != want {
			t.Errorf("ZoneLabel(%s) = %q, want %q", zone, got, want)
		}
	}
	if got := letters.ZoneLabel(nil); got != "UTC" {
		t.Errorf("ZoneLabel(nil) = %q", got)
	}
}
