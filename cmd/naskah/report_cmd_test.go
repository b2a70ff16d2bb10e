package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
	"naskah/reports"
)

func TestReportCommand(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	year := strconv.Itoa(time.Now().Year())
	out := filepath.Join(t.TempDir(), "tahunan.xlsx")
	text, err := runNaskah(t, "report", "--period", year, "--data", dir, "-o", out, "--json")
	if err != nil {
		t.Fatalf("report --period %s: %v\n%s", year, err, text)
	}
	var sum letters.ReportSummary
	if err := json.Unmarshal([]byte(text), &sum); err != nil {
		t.Fatalf("summary JSON: %v\n%s", err, text)
	}
	if sum.Received == 0 {
		t.Fatalf("the demo office received no complaint this year: %s", text)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("the report does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(reports.SheetCases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != sum.Received {
		t.Errorf("Daftar pengaduan has %d cases, the summary says %d", len(rows)-1, sum.Received)
	}

	// The subcommands take their own period forms and refuse others.
	month := time.Now().Format("2006-01")
	sem := year + "-" + strconv.Itoa((int(time.Now().Month())-1)/6+1)
	for _, args := range [][]string{{"monthly", "--month", month}, {"semester", "--semester", sem}} {
		file := filepath.Join(t.TempDir(), "laporan.xlsx")
		text, err := runNaskah(t, append([]string{"report"}, append(args, "--data", dir, "-o", file)...)...)
		if err != nil || !strings.Contains(text, "ditulis ke "+file) {
			t.Errorf("report %v: %v\n%s", args, err, text)
		}
	}
	for _, c := range []struct{ args []string }{
		{[]string{"semester", "--semester", year + "-3"}},
		{[]string{"monthly", "--month", year + "-Q1"}},
		{[]string{"--period", "Oktober"}},
		{[]string{"monthly"}},
	} {
		text, err := runNaskah(t, append(append([]string{"report"}, c.args...), "--data", dir)...)
		if err == nil || !strings.Contains(text, "eriode") {
			t.Errorf("report %v: want a refusal naming the period, got %v\n%s", c.args, err, text)
		}
	}
}

func TestReportDue(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	text, err := runNaskah(t, "report", "due", "--data", dir, "--date", "2026-12-01")
	if err != nil {
		t.Fatalf("report due: %v\n%s", err, text)
	}
	for _, want := range []string{"November 2026", "Gubernur Kalimantan Barat", "15 Desember 2026", "sisa 14 hari", "Kepala Sub Bagian"} {
		if !strings.Contains(text, want) {
			t.Errorf("report due lacks %q:\n%s", want, text)
		}
	}
}
