package main

import (
	"strings"
	"testing"
)

// `report sent` ends the reminder `report due` shows for that period.
func TestReportSentEndsDue(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	due := func() string {
		text, err := runNaskah(t, "report", "due", "--data", dir, "--date", "2026-12-01")
		if err != nil {
			t.Fatalf("report due: %v\n%s", err, text)
		}
		return text
	}
	if text := due(); !strings.Contains(text, "November 2026") {
		t.Fatalf("before: report due lacks November 2026:\n%s", text)
	}
	if text, err := runNaskah(t, "report", "sent", "--data", dir, "--period", "2026-Q4"); err == nil || !strings.Contains(text, "Triwulan") {
		t.Errorf("report sent for a kind the office does not owe: want a refusal, got %v\n%s", err, text)
	}
	text, err := runNaskah(t, "report", "sent", "--data", dir, "--period", "2026-11", "--note", "B/1/BKAD")
	if err != nil || !strings.Contains(text, "tercatat terkirim") {
		t.Fatalf("report sent: %v\n%s", err, text)
	}
	if text := due(); strings.Contains(text, "November 2026") {
		t.Errorf("after report sent, November is still due:\n%s", text)
	}
}
