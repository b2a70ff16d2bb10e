package reports_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/reports"
)

func agendaOptions(tb testing.TB) reports.AgendaOptions {
	tb.Helper()
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		tb.Fatal(err)
	}
	cal, err := p.Calendar(nil)
	if err != nil {
		tb.Fatal(err)
	}
	return reports.AgendaOptions{Profile: p, Calendar: cal, Filters: []string{"Status: Teragenda"},
		Issued: time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)}
}

// Text that a spreadsheet would take for a formula (=, +, -, @) stays the
// text typed; dates are dates in the office's zone; the filters and the
// header are above the rows, which the filter covers.
func TestWriteAgenda_TextStaysText(t *testing.T) {
	o := agendaOptions(t)
	subjects := []string{"=1+1", "+62 812", "-SUM(A1)", "@cmd|' /C calc'!A0", `=HYPERLINK("http://x","klik")`}
	received := time.Date(2026, 11, 23, 17, 30, 0, 0, time.UTC) // 24 November, 00.30 WIB
	var buf bytes.Buffer
	n, err := reports.WriteAgenda(&buf, o, func(add func(reports.AgendaRow) error) error {
		for i, s := range subjects {
			if err := add(reports.AgendaRow{AgendaNumber: fmt.Sprintf("000.8.3/%d/BKAD/XI/2026", i+1), ReceivedAt: received,
				Channel: "Tatap Muka", Category: "Pengaduan", Subject: s, Complainant: "=cmd", Status: "Teragenda",
				Deadline: received.AddDate(0, 0, 7)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || n != len(subjects) {
		t.Fatalf("WriteAgenda: %d rows, %v", n, err)
	}
	wb := openWorkbook(t, buf.Bytes())
	rows, err := wb.GetRows(reports.SheetAgenda)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+len(subjects) || rows[3][1] != "Nomor agenda" || !strings.Contains(rows[1][0], "Status: Teragenda") {
		t.Fatalf("rows: %q", rows)
	}
	for i, s := range subjects {
		cell := fmt.Sprintf("G%d", 5+i)
		if v, _ := wb.GetCellValue(reports.SheetAgenda, cell); v != s {
			t.Errorf("%s = %q, want %q", cell, v, s)
		}
		if f, _ := wb.GetCellFormula(reports.SheetAgenda, cell); f != "" {
			t.Errorf("%s holds the formula %q", cell, f)
		}
	}
	if v, _ := wb.GetCellValue(reports.SheetAgenda, "C5"); v != "24/11/2026" {
		t.Errorf("received date %q, want 24/11/2026 (the office's day)", v)
	}
	if !strings.Contains(wb.parts["xl/worksheets/sheet1.xml"], `<autoFilter ref="$A$4:$K$9"`) {
		t.Error("the filter does not cover the header and the rows (A4:K9)")
	}
}

// An error from the rows stops the export and leaves the writer untouched;
// no row gives a workbook that says so.
func TestWriteAgenda_ErrorsAndEmpty(t *testing.T) {
	o := agendaOptions(t)
	var buf bytes.Buffer
	boom := errors.New("database gone")
	_, err := reports.WriteAgenda(&buf, o, func(add func(reports.AgendaRow) error) error {
		add(reports.AgendaRow{Subject: "satu"})
		return boom
	})
	if !errors.Is(err, boom) || buf.Len() != 0 {
		t.Fatalf("error %v and %d bytes written, want the rows' error and nothing", err, buf.Len())
	}
	n, err := reports.WriteAgenda(&buf, o, func(func(reports.AgendaRow) error) error { return nil })
	if err != nil || n != 0 {
		t.Fatal(n, err)
	}
	rows, _ := openWorkbook(t, buf.Bytes()).GetRows(reports.SheetAgenda)
	if !strings.Contains(strings.Join(rows[len(rows)-1], ""), "Tidak ada surat") {
		t.Errorf("empty export: %q", rows)
	}
}

// BenchmarkWriteAgenda streams 100,000 agenda rows (the load the agenda
// page is measured at).
func BenchmarkWriteAgenda(b *testing.B) {
	o := agendaOptions(b)
	received := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	for b.Loop() {
		_, err := reports.WriteAgenda(io.Discard, o, func(add func(reports.AgendaRow) error) error {
			for i := range 100_000 {
				if err := add(reports.AgendaRow{AgendaNumber: fmt.Sprintf("000.8.3/%d/BKAD/XI/2026", i), ReceivedAt: received,
					Channel: "Tatap Muka", Category: letters.Categories[0].Label, Subject: "Hibah kelompok tani belum cair",
					Complainant: "Budi Santoso", Status: "Teragenda", Holder: "Kepala Bidang Perbendaharaan",
					Deadline: received.AddDate(0, 0, 7), Overdue: i%3 == 0}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
