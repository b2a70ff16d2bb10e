package profile_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// Each profile's deadlines as its seed states them, for real dates. The
// expected times were counted by hand on the 2026 calendar: Monday
// 2 November 2026 has no holiday in the following weeks; 17 August 2026
// (Monday) is Proklamasi Kemerdekaan. Working-day and calendar-day limits
// end at 23:59:59 local time of their last day.
func TestSeedDeadlines(t *testing.T) {
	for _, tc := range []struct {
		profile, channel, class string
		received                string // local time of the office
		completion, first       string // local; first "" when the channel sets none
		seed                    string
	}{
		{"bkad-kalbar", "surat", "", "2026-11-02 10:00", "2026-11-09 23:59:59", "", "5 (lima) hari kerja sejak diterima"},
		{"bkad-kalbar", "telepon", "", "2026-11-02 10:00", "2026-11-09 23:59:59", "", "5 hari kerja, telepon"},
		// Thursday 13 August: Fri 14, (weekend, Mon 17 Aug holiday), Tue 18 … Fri 21.
		{"bkad-kalbar", "email", "", "2026-08-13 08:30", "2026-08-21 23:59:59", "", "5 hari kerja over 17 Agustus"},
		{"bkpsdmd-matim", "tatap_muka", "", "2026-11-02 10:00", "2026-11-02 10:30:00", "", "30 menit"},
		{"bkpsdmd-matim", "kotak_saran", "", "2026-11-02 10:00", "2026-11-11 23:59:59", "", "paling lama 7 hari kerja"},
		{"bkpsdmd-matim", "surat", "", "2026-11-02 10:00", "2026-11-11 23:59:59", "", "paling lama 7 hari kerja"},
		{"biro-organisasi-ntt", "lapor", "", "2026-11-02 10:00", "2026-11-10 23:59:59", "", "paling lama 8 (delapan) hari"},
		{"biro-organisasi-ntt", "surat", "", "2026-11-02 10:00", "2026-11-09 23:59:59", "", "paling lama 7 (tujuh) hari"},
		{"biro-organisasi-ntt", "tatap_muka", "", "2026-11-02 10:00", "2026-11-02 10:15:00", "", "15 (lima belas) menit"},
		// First response 7 working days: Tue 3 … Wed 11 November.
		{"disarpus-sanggau", "whatsapp", "", "2026-11-02 10:00", "2027-01-01 23:59:59", "2026-11-11 23:59:59", "tanggapan paling lama 7 hari kerja"},
		{"disarpus-sanggau", "tatap_muka", "", "2026-11-02 10:00", "2027-01-01 23:59:59", "2026-11-11 23:59:59", "tanggapan paling lama 7 hari kerja"},
		{"dpmptsp", "tatap_muka", "ringan", "2026-11-02 10:00", "2026-11-04 23:59:59", "", "2 hari kerja (ringan)"},
		{"dpmptsp", "surat", "sedang", "2026-11-02 10:00", "2026-11-09 23:59:59", "", "5 hari kerja (sedang)"},
		{"dpmptsp", "email", "", "2026-11-02 10:00", "2026-11-16 23:59:59", "", "s/d 10 hari kerja"},
	} {
		p := mustLoad(t, tc.profile)
		cal, err := p.Calendar(nil)
		if err != nil {
			t.Fatal(err)
		}
		loc := cal.Location()
		received := localTime(t, tc.received, loc)
		d, err := p.Deadlines(cal, tc.channel, tc.class, received)
		if err != nil {
			t.Errorf("%s %s: %v", tc.profile, tc.channel, err)
			continue
		}
		name := tc.profile + " " + tc.channel + " " + tc.class + " (" + tc.seed + ")"
		if want := localTime(t, tc.completion, loc); !d.Completion.Equal(want) {
			t.Errorf("%s: completion %s, want %s", name, d.Completion.In(loc), want)
		}
		switch {
		case tc.first == "" && d.FirstResponse != nil:
			t.Errorf("%s: unexpected first response %s", name, d.FirstResponse)
		case tc.first != "" && (d.FirstResponse == nil || !d.FirstResponse.Equal(localTime(t, tc.first, loc))):
			t.Errorf("%s: first response %v, want %s", name, d.FirstResponse, tc.first)
		}
		// 2027's national days are not published yet: a date there warns.
		if warned := strings.Contains(strings.Join(d.Warnings, " "), "2027"); warned != strings.HasPrefix(tc.completion, "2027") {
			t.Errorf("%s: warnings %q", name, d.Warnings)
		}
	}
}

// The office's zone matters: 10:00 WITA in Kupang is 09:00 WIB.
func TestDeadlinesUseTheOfficeZone(t *testing.T) {
	p := mustLoad(t, "biro-organisasi-ntt")
	cal, err := p.Calendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	received := mustTime(t, "2026-11-02T10:00:00+08:00")
	d, err := p.Deadlines(cal, "tatap_muka", "", received)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Completion.Format(time.RFC3339); got != "2026-11-02T10:15:00+08:00" {
		t.Errorf("completion %s", got)
	}
	if got := letters.FormatDateTime(d.Completion); got != "2 November 2026 10.15 WITA" {
		t.Errorf("FormatDateTime = %q", got)
	}
}

func localTime(t *testing.T, s string, loc *time.Location) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if v, err := time.ParseInLocation(layout, s, loc); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
