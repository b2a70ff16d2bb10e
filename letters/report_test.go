package letters_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

func TestParsePeriod(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Makassar")
	for _, c := range []struct {
		in, canon, label string
		start, end       string // local dates, end exclusive
		months           int
	}{
		{"2026-10", "2026-10", "Oktober 2026", "2026-10-01", "2026-11-01", 1},
		{"2026-02", "2026-02", "Februari 2026", "2026-02-01", "2026-03-01", 1},
		{"2026-12", "2026-12", "Desember 2026", "2026-12-01", "2027-01-01", 1},
		{"2026-Q3", "2026-Q3", "Triwulan III 2026", "2026-07-01", "2026-10-01", 3},
		{"2026-q4", "2026-Q4", "Triwulan IV 2026", "2026-10-01", "2027-01-01", 3},
		{"2026-S1", "2026-S1", "Semester I 2026", "2026-01-01", "2026-07-01", 6},
		{" 2026-s2 ", "2026-S2", "Semester II 2026", "2026-07-01", "2027-01-01", 6},
		{"2026", "2026", "Tahun 2026", "2026-01-01", "2027-01-01", 12},
	} {
		p, err := letters.ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if p.String() != c.canon || p.Label() != c.label {
			t.Errorf("%q: %s %q, want %s %q", c.in, p, p.Label(), c.canon, c.label)
		}
		start, end := p.Start(loc), p.End(loc)
		if start.Format("2006-01-02") != c.start || end.Format("2006-01-02") != c.end || start.Hour() != 0 || start.Location() != loc {
			t.Errorf("%q: [%v, %v), want [%s, %s) local midnight", c.in, start, end, c.start, c.end)
		}
		if len(p.Months()) != c.months || p.Months()[0].Start(loc) != start {
			t.Errorf("%q: months %v", c.in, p.Months())
		}
		if back, _ := letters.ParsePeriod(p.String()); back != p {
			t.Errorf("%q: String does not parse back", c.in)
		}
		if p.Next().Prev() != p || p.Next().Start(loc) != end {
			t.Errorf("%q: Next %v does not follow it", c.in, p.Next())
		}
	}
	for _, bad := range []string{"", "26-10", "2026-13", "2026-0", "2026-Q5", "2026-S3", "2026-S0", "2026-", "2026-X1", "Oktober", "2026-1-1", "1999", "2026-+1"} {
		_, err := letters.ParsePeriod(bad)
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), "eriode") {
			t.Errorf("%q: got %v, want EINVALID naming the period", bad, err)
		}
	}
}

func TestReportComplainant_NameOnly(t *testing.T) {
	full := letters.Party{Name: "Yohanes", NIK: "5319011203850001", Phone: "0852", Address: "Borong", Email: "y@contoh.id"}
	for _, c := range []struct {
		p    letters.Party
		want string
	}{
		{full, "Yohanes"},
		{letters.Party{Organisation: "LSM Peduli", NIK: "5319011203850001"}, "LSM Peduli"},
		{letters.Party{Name: "Rahasia", NIK: "5319011203850001", Confidential: true}, "Dirahasiakan"},
		{letters.Party{Anonymous: true}, "Anonim"},
		{letters.Party{NIK: "5319011203850001"}, "-"},
	} {
		if got := letters.ReportComplainant(c.p); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
}

func TestReportCase_OutcomeInWorkingDays(t *testing.T) {
	p := &letters.Profile{TimeZone: "Asia/Jakarta"}
	cal, err := p.Calendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	loc := cal.Location()
	d := func(m time.Month, day, h int) *time.Time { t := time.Date(2026, m, day, h, 0, 0, 0, loc); return &t }
	// Received Friday 14 August; Monday 17 August is Proklamasi.
	received := *d(8, 14, 10)
	deadline := cal.AddWorkingDays(received, 5) // Monday 24 August
	c := &letters.ReportCase{ReceivedAt: received, Deadline: deadline, Status: letters.StatusClosed, CompletedAt: d(8, 24, 15)}
	o := c.Outcome(cal, *d(9, 1, 9))
	if !o.Completed || o.WorkingDays != 5 || !o.WithinDeadline || o.Late() {
		t.Errorf("closed on the due day: %+v", o)
	}
	c.CompletedAt = d(8, 26, 9) // Tue 25 is Maulid: one working day late
	if o := c.Outcome(cal, *d(9, 1, 9)); o.WithinDeadline || o.DaysLate != 1 || o.WorkingDays != 6 {
		t.Errorf("closed on Wednesday 26 August: %+v", o)
	}
	open := &letters.ReportCase{ReceivedAt: received, Deadline: deadline, Status: letters.StatusDisposed, DisposedTo: []string{"analis"}, Holder: "kabid"}
	if o := open.Outcome(cal, *d(8, 27, 9)); !o.Overdue || o.DaysLate != 2 || o.Handler != "analis" || !o.Late() {
		t.Errorf("open on 27 August: %+v", o)
	}
	open.PausedAt = d(8, 20, 9)
	if o := open.Outcome(cal, *d(8, 27, 9)); o.Overdue || o.Late() {
		t.Errorf("a case waiting for the complainant is not overdue: %+v", o)
	}
}

func TestReportSummary_Fixture(t *testing.T) {
	p := &letters.Profile{TimeZone: "Asia/Jakarta", Channels: []letters.Channel{{Code: "surat", Name: "Surat"}, {Code: "email", Name: "Email"}}}
	cal, _ := p.Calendar(nil)
	loc := cal.Location()
	per, _ := letters.ParsePeriod("2026-S2")
	asOf := time.Date(2027, 1, 11, 9, 0, 0, 0, loc)
	s := letters.NewReportSummary(p, cal, per, asOf)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, loc) }
	ptr := func(t time.Time) *time.Time { return &t }
	add := func(ch string, recv time.Time, completed *time.Time, status letters.Status) {
		s.Add(&letters.ReportCase{Channel: ch, Category: letters.CategoryPengaduan, ReceivedAt: recv,
			Deadline: cal.AddWorkingDays(recv, 5), Status: status, CompletedAt: completed})
	}
	add("surat", day(7, 1), ptr(day(7, 3)), letters.StatusClosed)     // 2 days, within
	add("surat", day(7, 1), ptr(day(7, 13)), letters.StatusDelivered) // 8 days, late
	add("email", day(9, 1), ptr(day(9, 8)), letters.StatusClosed)     // 5 days, within
	add("email", day(12, 1), nil, letters.StatusDisposed)             // overdue
	s.Finish()
	if s.Received != 4 || s.Completed != 3 || s.InProgress != 1 || s.Overdue != 1 || s.WithinDeadline != 2 {
		t.Fatalf("totals %+v", s)
	}
	if s.WithinDeadlineRate != 2.0/3 || s.AvgWorkingDays != 5 || s.MedianWorkingDays != 5 {
		t.Errorf("rate %v avg %v median %v, want 2/3, 5, 5", s.WithinDeadlineRate, s.AvgWorkingDays, s.MedianWorkingDays)
	}
	if len(s.ByMonth) != 6 || s.ByMonth[0].Received != 2 || s.ByMonth[2].Received != 1 || s.ByMonth[5].Overdue != 1 {
		t.Errorf("by month %+v", s.ByMonth)
	}
	if s.ByChannel[0].Code != "surat" || s.ByChannel[0].Received != 2 || s.ByChannel[1].Completed != 1 {
		t.Errorf("by channel %+v", s.ByChannel)
	}
	if got := s.StatusLines(); len(got) != 3 || got[0].Code != "disposed" {
		t.Errorf("status lines %+v", got)
	}
}

func TestReportTasks(t *testing.T) {
	p := &letters.Profile{TimeZone: "Asia/Pontianak", Reports: []letters.ReportDuty{
		{Period: letters.PeriodMonthly, DueDay: 15, Recipient: "Gubernur Kalimantan Barat", Responsible: "kasubag_rkme"},
		{Period: letters.PeriodSemester, DueDay: 10, Recipient: "Kepala Dinas", Responsible: "kasubag_umum"},
	}, Positions: []letters.Position{{Code: "kepala"}, {Code: "kasubag_rkme", Parent: "kepala"}, {Code: "analis", Parent: "kasubag_rkme"}}}
	cal, _ := p.Calendar(nil)
	loc := cal.Location()
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, loc) }

	// Saturday 1 August 2026: the first working day after July is Monday 3 August.
	if got := p.ReportTasks(cal, at(2026, 8, 1), "kasubag_rkme", nil); len(got) != 0 {
		t.Errorf("on a Saturday before the first working day: %v", got)
	}
	got := p.ReportTasks(cal, at(2026, 8, 3), "kasubag_rkme", nil)
	if len(got) != 1 || got[0].Period.String() != "2026-07" || got[0].DaysLeft != 12 || got[0].Due.Day() != 15 {
		t.Fatalf("on 3 August: %+v", got)
	}
	if txt := got[0].Text(); !strings.Contains(txt, "Juli 2026") || !strings.Contains(txt, "15 Agustus 2026") || !strings.Contains(txt, "sisa 12 hari") {
		t.Errorf("text %q", txt)
	}
	// July still unsent on 17 September, August too: both are listed, July late.
	sent := func(d letters.ReportDuty, per letters.Period) bool { return per.String() < "2026-07" }
	got = p.ReportTasks(cal, at(2026, 9, 17), "kasubag_rkme", sent)
	if len(got) != 2 || got[0].Period.String() != "2026-07" || !got[0].Late() || got[1].Period.String() != "2026-08" || got[1].DaysLeft != -2 {
		t.Errorf("unsent July and August on 17 September: %+v", got)
	}
	// The semester report of the first half is owed from 1 July (Wednesday).
	got = p.ReportTasks(cal, at(2026, 7, 1), "kasubag_umum", nil)
	if len(got) != 1 || got[0].Period.String() != "2026-S1" || got[0].DaysLeft != 9 {
		t.Errorf("semester on 1 July: %+v", got)
	}
	if all := p.ReportTasks(cal, at(2026, 7, 1), "", nil); len(all) != 2 {
		t.Errorf("all positions: %+v", all)
	}
	for pos, want := range map[string]bool{"kasubag_rkme": true, "kasubag_umum": true, "kepala": true, "analis": false, "": false} {
		if p.MayViewReports(pos) != want {
			t.Errorf("MayViewReports(%q) = %v", pos, !want)
		}
	}
}
