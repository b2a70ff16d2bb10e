package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// A monthly duty of bkad-kalbar is reminded from the first working day
// after the month until its report is recorded as sent, and no longer
// afterwards (ReportTasks stops at the latest period sent); the record survives reopening the database.
func TestReportSent_EndsTheReminder(t *testing.T) {
	dir := t.TempDir()
	db, _ := MustOpenDBAt(t, dir, "bkad-kalbar")
	ctx := context.Background()
	p := db.Profile
	var duty letters.ReportDuty
	for _, d := range p.Reports {
		if d.Period == letters.PeriodMonthly {
			duty = d
		}
	}
	if duty.Period == "" {
		t.Fatal("bkad-kalbar has no monthly report duty")
	}
	loc := db.Calendar.Location()
	now := time.Date(2026, 12, 20, 9, 0, 0, 0, loc) // after the due day of November
	per, err := letters.ParsePeriod("2026-11")
	if err != nil {
		t.Fatal(err)
	}
	owed := func() []string {
		sent, err := db.ReportSent(ctx)
		if err != nil {
			t.Fatalf("ReportSent: %v", err)
		}
		var out []string
		for _, task := range p.ReportTasks(db.Calendar, now, duty.Responsible, sent) {
			if task.Duty.Period == letters.PeriodMonthly {
				out = append(out, task.Text())
			}
		}
		return out
	}
	before := strings.Join(owed(), "\n")
	if !strings.Contains(before, "November 2026") || !strings.Contains(before, "terlambat") {
		t.Fatalf("before sending, the late November report must be reminded, got:\n%s", before)
	}
	// The database began recording on 10 March 2026 (the test clock): the
	// February report, due in March, is still owed; January's is not.
	if !strings.Contains(before, "Februari 2026") || strings.Contains(before, "Januari 2026") || strings.Contains(before, "2025") {
		t.Errorf("before sending, want the months from February 2026 only, got:\n%s", before)
	}
	if err := db.MarkReportSent(ctx, duty, letters.Period{Kind: letters.PeriodQuarterly, Year: 2026, N: 4}, ""); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("a quarter for a monthly duty: want EINVALID, got %v", err)
	}
	if err := db.MarkReportSent(ctx, duty, per, "B/123/BKAD"); err != nil {
		t.Fatalf("MarkReportSent: %v", err)
	}
	if err := db.MarkReportSent(ctx, duty, per, "again"); err != nil {
		t.Fatalf("MarkReportSent twice: %v", err)
	}
	after := strings.Join(owed(), "\n")
	if strings.Contains(after, "November 2026") {
		t.Errorf("after sending, November is still reminded:\n%s", after)
	}
	if after != "" {
		t.Errorf("after sending the latest month, no monthly report is reminded, got:\n%s", after)
	}
	db.Close()
	db2, _ := MustOpenDBAt(t, dir, "bkad-kalbar")
	sent, err := db2.ReportSent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sent(duty, per) {
		t.Error("the sent record did not survive reopening")
	}
}
