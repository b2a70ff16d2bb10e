package reports_test

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
	"naskah/reports"
)

// build writes the report of period from the fixture's database.
func (x *fixture) build(tb testing.TB, period string) (*workbook, *letters.ReportSummary) {
	tb.Helper()
	per, err := letters.ParsePeriod(period)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	sum, err := reports.Write(context.Background(), &buf, x.o.svc, reports.Options{
		Profile: x.o.db.Profile, Calendar: x.o.db.Calendar, Period: per, Issued: x.issued,
	})
	if err != nil {
		tb.Fatalf("write report %s: %v", period, err)
	}
	return openWorkbook(tb, buf.Bytes()), sum
}

func TestSemesterReport_TotalsMatchTheCases(t *testing.T) {
	x := seedSemester(t)
	wb, _ := x.build(t, "2026-S2")

	if got := wb.GetSheetList(); strings.Join(got, "|") != strings.Join(reports.Sheets, "|") {
		t.Fatalf("sheets %v, want %v", got, reports.Sheets)
	}
	// The fixture's cases, counted by hand (see seedSemester).
	for _, c := range []struct {
		label string
		want  float64
	}{
		{reports.LabelReceived, 8}, {reports.LabelCompleted, 4}, {reports.LabelInProgress, 4},
		{reports.LabelOverdue, 3}, {reports.LabelEscalated, 1}, {reports.LabelWithin, 3},
		{reports.LabelWithinRate, 0.75}, {reports.LabelAvgDays, 4.75}, {reports.LabelMedianDays, 4.5},
	} {
		if got := wb.total(t, c.label); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.label, got, c.want)
		}
	}

	rows, err := wb.GetRows(reports.SheetCases)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+8 {
		t.Fatalf("Daftar pengaduan has %d rows, want header + 8", len(rows))
	}
	want := []*letters.Letter{x.A, x.C, x.B, x.D, x.E, x.H, x.G, x.F} // by time received
	for i, l := range want {
		if rows[i+1][1] != l.AgendaNumber {
			t.Errorf("row %d: agenda %q, want %q (%s)", i+2, rows[i+1][1], l.AgendaNumber, l.Subject)
		}
	}
	byAgenda := map[string][]string{}
	for _, r := range rows[1:] {
		byAgenda[r[1]] = r
	}
	// Working days taken, within deadline, complainant.
	for _, c := range []struct {
		l                  *letters.Letter
		days, within, name string
	}{
		{x.A, "5", "Ya", "Andi Wijaya"}, {x.B, "6", "Tidak", "Citra Lestari"},
		{x.D, "4", "Ya", "Dewi Anggraini"}, {x.F, "4", "Ya", "Fajar Nugroho"},
		{x.E, "-", "Belum selesai", "Eko Prasetyo"}, {x.G, "-", "Belum selesai", letters.ReportConfidential},
	} {
		r := byAgenda[c.l.AgendaNumber]
		if r[12] != c.days || r[13] != c.within || r[5] != c.name {
			t.Errorf("%s: days %q within %q complainant %q, want %q %q %q", c.l.Subject, r[12], r[13], r[5], c.days, c.within, c.name)
		}
	}
	if r := byAgenda[x.H.AgendaNumber]; !strings.Contains(r[7], "Kepala Bidang") || !strings.Contains(r[7], "Barang Milik Daerah") {
		t.Errorf("H disposed to %q, want the Kabid BMD", r[7])
	}
	if r := byAgenda[x.B.AgendaNumber]; r[14] != x.answerB {
		t.Errorf("B's answer number is %q, want the Berita Acara %q", r[14], x.answerB)
	}

	late, err := wb.GetRows(reports.SheetLate)
	if err != nil {
		t.Fatal(err)
	}
	var lateAgendas []string
	for _, r := range late[1:] {
		lateAgendas = append(lateAgendas, r[1])
	}
	if got, want := strings.Join(lateAgendas, ","), strings.Join([]string{x.C.AgendaNumber, x.E.AgendaNumber, x.H.AgendaNumber}, ","); got != want {
		t.Errorf("Terlambat lists %s, want %s", got, want)
	}
	// E was due Thu 8 Oct; the report is issued Mon 11 Jan 2027.
	if got, want := late[2][8], strconv.Itoa(x.o.db.Calendar.WorkingDaysBetween(x.E.Deadline, x.issued)); got != want {
		t.Errorf("E is %s working days late, want %s", got, want)
	}

	// Rekap per bulan: one column per month, July to December, then Jumlah.
	months, err := wb.GetRows(reports.SheetByMonth)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(months[0], "|"); got != "Uraian|Juli|Agustus|September|Oktober|November|Desember|Jumlah" {
		t.Errorf("month header %q", got)
	}
	if got := strings.Join(months[1], "|"); got != "Diterima|0|3|1|1|2|1|8" {
		t.Errorf("received per month %q", got)
	}
	if got := strings.Join(months[2], "|"); got != "Selesai|0|2|1|0|0|1|4" {
		t.Errorf("completed per month %q", got)
	}

	// Rekap per saluran: the channel totals add up to the cases.
	channels, err := wb.GetRows(reports.SheetByChannel)
	if err != nil {
		t.Fatal(err)
	}
	last := channels[len(channels)-1]
	if last[0] != "Jumlah" || last[1] != "8" || last[2] != "4" {
		t.Errorf("channel total row %q", last)
	}
	for _, r := range channels[1 : len(channels)-1] {
		if r[0] == "Tatap Muka" && r[1] != "8" {
			t.Errorf("Tatap Muka received %s, want 8", r[1])
		}
	}
}

func TestReport_ChartsAreShown(t *testing.T) {
	x := seedSemester(t)
	for _, period := range []string{"2026-S2", "2026-07"} { // with cases, and empty
		wb, _ := x.build(t, period)
		for _, sheet := range []string{reports.SheetSummary, reports.SheetByChannel, reports.SheetByMonth} {
			if got := wb.charts(t, sheet); len(got) != 1 {
				t.Errorf("%s: sheet %s shows %d charts, want 1", period, sheet, len(got))
			}
		}
		for _, sheet := range []string{reports.SheetCases, reports.SheetLate} {
			if got := wb.charts(t, sheet); len(got) != 0 {
				t.Errorf("%s: streamed sheet %s has charts %v", period, sheet, got)
			}
		}
		kinds := map[string]string{reports.SheetSummary: "<pieChart>", reports.SheetByChannel: "<barChart>", reports.SheetByMonth: "<lineChart>"}
		for sheet, kind := range kinds {
			for _, c := range wb.charts(t, sheet) {
				if !strings.Contains(wb.parts[c], kind) {
					t.Errorf("%s: chart on %s is not a %s", period, sheet, kind)
				}
			}
		}
	}
}

func TestReport_UserTextIsNeverAFormula(t *testing.T) {
	x := seedSemester(t)
	wb, _ := x.build(t, "2026-S2")
	for _, subject := range []string{formulaSubject, x.H.Subject} {
		cellXML := wb.cellXML(t, reports.SheetCases, subject)
		if strings.Contains(cellXML, "<f>") || strings.Contains(cellXML, "<f ") {
			t.Errorf("subject %q became a formula: %s", subject, cellXML)
		}
		if !strings.Contains(cellXML, `t="inlineStr"`) && !strings.Contains(cellXML, `t="s"`) {
			t.Errorf("subject %q is not a string cell: %s", subject, cellXML)
		}
	}
	for part, content := range wb.parts {
		if strings.HasPrefix(part, "xl/worksheets/") && strings.Contains(content, "<f>") {
			t.Errorf("%s holds a formula", part)
		}
	}
}

func TestReport_NoNIKAnywhere(t *testing.T) {
	x := seedSemester(t)
	for _, period := range []string{"2026-S2", "2026-08", "2026-11", "2026"} {
		wb, _ := x.build(t, period)
		for _, sheet := range wb.GetSheetList() {
			rows, err := wb.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				for _, cell := range r {
					for _, nik := range seededNIKs {
						if strings.Contains(cell, nik) {
							t.Errorf("%s %s: a NIK in cell %q", period, sheet, cell)
						}
					}
					if strings.Contains(cell, "Gita Rahasia") || strings.Contains(cell, "0812345") || strings.Contains(cell, "Gajah Mada") {
						t.Errorf("%s %s: personal data in cell %q", period, sheet, cell)
					}
				}
			}
		}
		for part, content := range wb.parts {
			for _, nik := range seededNIKs {
				if strings.Contains(content, nik) {
					t.Errorf("%s: a NIK in %s", period, part)
				}
			}
		}
	}
}

func TestReport_PeriodsAndMonthEnds(t *testing.T) {
	x := seedSemester(t)
	for _, c := range []struct {
		period   string
		received float64
		agendas  []string
	}{
		{"2026-09", 1, []string{x.D.AgendaNumber}}, // 30 Sep 23:30 WIB
		{"2026-10", 1, []string{x.E.AgendaNumber}}, // 1 Oct 00:30 WIB, 30 Sep in UTC
		{"2026-Q3", 4, []string{x.A.AgendaNumber, x.C.AgendaNumber, x.B.AgendaNumber, x.D.AgendaNumber}},
		{"2026-Q4", 4, []string{x.E.AgendaNumber, x.H.AgendaNumber, x.G.AgendaNumber, x.F.AgendaNumber}},
		{"2026", 9, nil}, // the semester's 8 and June's
	} {
		wb, sum := x.build(t, c.period)
		if got := wb.total(t, reports.LabelReceived); got != c.received || float64(sum.Received) != c.received {
			t.Errorf("%s: received %v (summary %d), want %v", c.period, got, sum.Received, c.received)
		}
		if c.agendas == nil {
			continue
		}
		rows, _ := wb.GetRows(reports.SheetCases)
		var got []string
		for _, r := range rows[1:] {
			got = append(got, r[1])
		}
		if strings.Join(got, ",") != strings.Join(c.agendas, ",") {
			t.Errorf("%s lists %v, want %v", c.period, got, c.agendas)
		}
	}
}

func TestReport_EmptyPeriodSaysSo(t *testing.T) {
	x := seedSemester(t)
	wb, sum := x.build(t, "2026-07")
	if sum.Received != 0 || wb.total(t, reports.LabelReceived) != 0 || wb.total(t, reports.LabelWithinRate) != 0 {
		t.Fatalf("July 2026 should be empty")
	}
	found, err := wb.SearchSheet(reports.SheetSummary, reports.EmptyPeriodMessage)
	if err != nil || len(found) == 0 {
		t.Errorf("the Ringkasan does not say the period is empty (%v)", err)
	}
	if found, _ := wb.SearchSheet(reports.SheetCases, reports.EmptyPeriodMessage); len(found) == 0 {
		t.Errorf("the Daftar pengaduan does not say the period is empty")
	}
}

func TestReport_Formats(t *testing.T) {
	x := seedSemester(t)
	wb, _ := x.build(t, "2026-S2")
	for _, sheet := range []string{reports.SheetCases, reports.SheetLate} {
		part := wb.parts[wb.sheetPart(t, sheet)]
		for _, want := range []string{`state="frozen"`, `<autoFilter ref="$A$1:`, `paperSize="9"`, `orientation="landscape"`} {
			if !strings.Contains(part, want) {
				t.Errorf("%s lacks %s", sheet, want)
			}
		}
	}
	if !strings.Contains(wb.parts["xl/workbook.xml"], `_xlnm.Print_Titles`) {
		t.Errorf("no repeated header rows for printing")
	}
	// Dates are real dates: a serial number with a date format.
	cell, _ := excelize.CoordinatesToCellName(3, 2)
	raw, _ := wb.GetCellValue(reports.SheetCases, cell, excelize.Options{RawCellValue: true})
	shown, _ := wb.GetCellValue(reports.SheetCases, cell)
	if v, err := strconv.ParseFloat(raw, 64); err != nil || v < 46000 || v > 47000 {
		t.Errorf("date received of A is %q raw, want an Excel serial date of 2026", raw)
	}
	if shown != "14/08/2026" {
		t.Errorf("date received of A shows %q, want 14/08/2026", shown)
	}
	if typ, _ := wb.GetCellType(reports.SheetCases, "M2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("working days is a %v cell, want a number", typ)
	}
	pct, _ := wb.SearchSheet(reports.SheetSummary, reports.LabelWithinRate)
	col, row, _ := excelize.CellNameToCoordinates(pct[0])
	pctCell, _ := excelize.CoordinatesToCellName(col+1, row)
	if shown, _ := wb.GetCellValue(reports.SheetSummary, pctCell); shown != "75.0%" {
		t.Errorf("within-deadline rate shows %q, want 75.0%%", shown)
	}
}
