package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// `report cover` drafts the cover letter of a period as the duty's
// responsible official and prints the draft's number; a second one for the
// same period, or one started by another position, is refused.
func TestReportCoverCommand(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	// Two months back: the demo may have drafted last month's cover already.
	period := time.Now().AddDate(0, -2, 0).Format("2006-01")
	text, err := runNaskah(t, "report", "cover", "--data", dir, "--period", period)
	if err != nil {
		t.Fatalf("report cover: %v\n%s", err, text)
	}
	if !regexp.MustCompile(`^Konsep \d+: surat pengantar Laporan Bulanan .* kepada Gubernur Kalimantan Barat`).MatchString(text) ||
		!strings.Contains(text, "/konsep/") {
		t.Errorf("report cover printed:\n%s", text)
	}
	// The reminder says where the demo's cover letter of last month is.
	text, err = runNaskah(t, "report", "due", "--data", dir)
	if err != nil || !regexp.MustCompile(`(?m)^Laporan Bulanan .* — disiapkan oleh [^;]+; surat pengantar menunggu paraf Sekretaris`).MatchString(text) {
		t.Errorf("report due does not say where the cover letter is: %v\n%s", err, text)
	}
	text, err = runNaskah(t, "report", "cover", "--data", dir, "--period", period)
	if err == nil || !strings.Contains(text, "sudah dibuat") {
		t.Errorf("second cover of %s: want a refusal, got %v\n%s", period, err, text)
	}
	prev := time.Now().AddDate(0, -3, 0).Format("2006-01")
	text, err = runNaskah(t, "report", "cover", "--data", dir, "--period", prev, "--as", "analis")
	if err == nil || !strings.Contains(text, "tidak bertugas") {
		t.Errorf("cover by the analyst: want a refusal, got %v\n%s", err, text)
	}
	text, err = runNaskah(t, "report", "cover", "--data", dir, "--period", prev, "--duty", "2")
	if err == nil || !strings.Contains(text, "Tugas laporan nomor 2 tidak ada") {
		t.Errorf("--duty 2 of a profile with one duty: want a refusal, got %v\n%s", err, text)
	}
}
