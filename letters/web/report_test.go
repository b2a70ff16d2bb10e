package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestReportDownload(t *testing.T) {
	e := newEnv(t, nil)
	e.createLetter("Honor belum cair") // Tuesday 24 November 2026

	c := e.client()
	c.login(officer) // kasubag_rkme prepares the monthly report
	r := c.get("/laporan?periode=2026-11")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("status %d, type %q: %.300s", r.StatusCode, r.Header.Get("Content-Type"), r.body)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "laporan-pengaduan-bkad-kalbar-2026-11.xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("the download is not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Daftar pengaduan")
	if err != nil || len(rows) != 2 || rows[1][6] != "Honor belum cair" || rows[1][5] != "Budi Santoso" {
		t.Errorf("Daftar pengaduan %q (%v)", rows, err)
	}
	if strings.Contains(r.body, "6171010101900001") {
		t.Errorf("the NIK is in the download")
	}

	// Without a period: the last month that has ended (October), empty.
	if r := c.get("/laporan"); r.StatusCode != http.StatusOK || !strings.Contains(r.Header.Get("Content-Disposition"), "2026-10.xlsx") {
		t.Errorf("default period: status %d, %q", r.StatusCode, r.Header.Get("Content-Disposition"))
	}
	if r := c.get("/laporan?periode=2026-13"); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.body, "eriode laporan") {
		t.Errorf("bad period: status %d", r.StatusCode)
	}

	// A Kabid neither prepares reports nor heads the office; the front office neither.
	for _, who := range []string{fieldHead, clerk} {
		other := e.client()
		other.login(who)
		if r := other.get("/laporan?periode=2026-11"); r.StatusCode != http.StatusForbidden || !strings.Contains(r.body, "tidak berwenang") {
			t.Errorf("%s: status %d", who, r.StatusCode)
		}
	}
	if r := e.client().get("/laporan?periode=2026-11"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("signed out: status %d", r.StatusCode)
	}
}

func TestAgendaShowsReportDuty(t *testing.T) {
	e := newEnv(t, nil)
	e.clock.Set(time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)) // Monday 2 November, 09:00 WIB
	officerClient := e.client()
	officerClient.login(officer)
	r := officerClient.get("/agenda")
	for _, want := range []string{"Laporan Bulanan Oktober 2026", "Gubernur Kalimantan Barat", "15 November 2026", "sisa 13 hari", "/laporan?periode=2026-10"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the complaint officer's agenda lacks %q", want)
		}
	}
	clerkClient := e.client()
	clerkClient.login(clerk)
	if r := clerkClient.get("/agenda"); strings.Contains(r.body, "Tugas laporan") {
		t.Errorf("the front office is reminded of a report it does not prepare")
	}
	e.clock.Set(time.Date(2026, 11, 16, 2, 0, 0, 0, time.UTC)) // after the due day
	if r := officerClient.get("/agenda"); strings.Contains(r.body, "Tugas laporan") {
		t.Errorf("the reminder stays after the due day")
	}
}
