package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// Once the October report is recorded as sent, the agenda no longer
// reminds of it, though its due day has not come.
func TestAgendaReportReminderEndsWhenSent(t *testing.T) {
	e := newEnv(t, nil)
	e.clock.Set(time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)) // Monday 2 November, 09:00 WIB
	c := e.client()
	c.login(officer)
	if r := c.get("/agenda"); !strings.Contains(r.body, "Laporan Bulanan Oktober 2026") {
		t.Fatalf("before sending, the agenda lacks the October report")
	}
	var duty letters.ReportDuty
	for _, d := range e.profile.Reports {
		if d.Period == letters.PeriodMonthly {
			duty = d
		}
	}
	if err := e.db.MarkReportSent(context.Background(), duty, letters.Period{Kind: letters.PeriodMonthly, Year: 2026, N: 10}, ""); err != nil {
		t.Fatal(err)
	}
	if r := c.get("/agenda"); strings.Contains(r.body, "Laporan Bulanan Oktober 2026") {
		t.Errorf("after sending, the agenda still reminds of the October report")
	}
}
