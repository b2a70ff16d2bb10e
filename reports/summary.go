package reports

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
)

// Labels of the totals on the Ringkasan, in order. Tests and readers find
// the totals by them.
const (
	LabelReceived       = "Jumlah pengaduan diterima"
	LabelCompleted      = "Selesai"
	LabelInProgress     = "Dalam proses"
	LabelOverdue        = "Terlambat (melewati batas waktu)"
	LabelEscalated      = "Dieskalasi"
	LabelWithin         = "Selesai tepat waktu"
	LabelWithinRate     = "Persentase selesai tepat waktu"
	LabelAvgDays        = "Rata-rata lama penyelesaian (hari kerja)"
	LabelMedianDays     = "Median lama penyelesaian (hari kerja)"
	EmptyPeriodMessage  = "Tidak ada pengaduan yang diterima pada periode ini."
	statusTableHeading  = "Menurut status"
	summaryChartAnchorC = "H"
)

// sheetWriter writes rows of a normal (not streamed) sheet, tracking the
// widest text per column.
type sheetWriter struct {
	b      *book
	sheet  string
	row    int
	widths map[int]int
}

func (b *book) sheetWriter(sheet string) *sheetWriter {
	return &sheetWriter{b: b, sheet: sheet, widths: map[int]int{}}
}

// put writes v at (col, w.row) with style. Strings are set as string cells.
func (w *sheetWriter) put(col int, v any, style int) error {
	cell, _ := excelize.CoordinatesToCellName(col, w.row)
	var err error
	switch v := v.(type) {
	case string:
		err = w.b.f.SetCellStr(w.sheet, cell, v)
		if n := utf8.RuneCountInString(v); n > w.widths[col] {
			w.widths[col] = n
		}
	default:
		err = w.b.f.SetCellValue(w.sheet, cell, v)
		if w.widths[col] < 10 {
			w.widths[col] = 10
		}
	}
	if err == nil && style != 0 {
		err = w.b.f.SetCellStyle(w.sheet, cell, cell, style)
	}
	if err != nil {
		return fmt.Errorf("reports: %s %s: %w", w.sheet, cell, err)
	}
	return nil
}

// fitColumns sets every column to its widest text, within limits. Columns
// listed in skip keep their width.
func (w *sheetWriter) fitColumns(maxWidth int, skip ...int) error {
	for col, n := range w.widths {
		if contains(skip, col) {
			continue
		}
		name, _ := excelize.ColumnNumberToName(col)
		width := float64(min(max(n+2, 8), maxWidth))
		if err := w.b.f.SetColWidth(w.sheet, name, name, width); err != nil {
			return fmt.Errorf("reports: column width: %w", err)
		}
	}
	return nil
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// table writes a header and the count lines; it returns the first and last
// data rows.
func (w *sheetWriter) table(first string, lines []letters.ReportCount) (from, to int, err error) {
	st := w.b.st
	for i, h := range []string{first, "Diterima", "Selesai", "Dalam proses", "Terlambat"} {
		if err := w.put(i+1, h, st.header); err != nil {
			return 0, 0, err
		}
	}
	w.row++
	from = w.row
	for _, l := range lines {
		for i, v := range []any{l.Label, l.Received, l.Completed, l.InProgress, l.Overdue} {
			style := st.number
			if i == 0 {
				style = st.textCell
			}
			if err := w.put(i+1, v, style); err != nil {
				return 0, 0, err
			}
		}
		w.row++
	}
	return from, w.row - 1, nil
}

// writeSummary fills the Ringkasan: letterhead, period, totals, the recaps
// by channel, category, position and status, and a pie of the statuses.
func (b *book) writeSummary(s *letters.ReportSummary) error {
	p, o, st := b.o.Profile, b.o, b.st
	w := b.sheetWriter(SheetSummary)
	line := func(col int, v any, style int) error { w.row++; return w.put(col, v, style) }
	contact := strings.Join(nonBlank(p.Office.Address, p.Office.City, prefixed("Telp. ", p.Office.Phone), prefixed("Email: ", p.Office.Email)), ", ")
	for _, l := range []struct {
		v     string
		style int
	}{{strings.ToUpper(p.Office.Parent), st.bold}, {strings.ToUpper(p.Office.Name), st.bold}, {contact, 0}} {
		if l.v != "" {
			if err := line(1, l.v, l.style); err != nil {
				return err
			}
		}
	}
	w.row++
	if err := line(1, "LAPORAN "+strings.ToUpper(o.Period.KindLabel())+" PENGELOLAAN PENGADUAN", st.title); err != nil {
		return err
	}
	last := o.Period.End(b.loc).AddDate(0, 0, -1)
	info := [][2]string{
		{"Periode", fmt.Sprintf("%s (%s s.d. %s)", o.Period.Label(), letters.FormatDate(o.Period.Start(b.loc)), letters.FormatDate(last))},
		{"Tanggal terbit", letters.FormatDate(o.Issued.In(b.loc))},
	}
	if d := b.duty(); d != nil && d.Recipient != "" {
		to := d.Recipient
		if d.Via != "" {
			to += " melalui " + d.Via
		}
		info = append(info, [2]string{"Disampaikan kepada", to})
	}
	for _, kv := range info {
		if err := line(1, kv[0], st.bold); err != nil {
			return err
		}
		if err := w.put(2, kv[1], 0); err != nil {
			return err
		}
	}
	note := "Keadaan kasus pada tanggal terbit; lama penyelesaian dalam hari kerja menurut kalender kantor (hari libur nasional, cuti bersama dan libur kantor tidak dihitung)."
	if s.Received == 0 {
		note = EmptyPeriodMessage
	}
	if err := line(1, note, st.italic); err != nil {
		return err
	}
	w.widths[1], w.widths[2] = 0, 0 // the lines above spill over; they do not set the widths
	w.row++
	if err := line(1, "Jumlah", st.heading); err != nil {
		return err
	}
	totals := []struct {
		label string
		v     any
		style int
	}{
		{LabelReceived, s.Received, st.boldNum}, {LabelCompleted, s.Completed, st.number},
		{LabelInProgress, s.InProgress, st.number}, {LabelOverdue, s.Overdue, st.number},
		{LabelEscalated, s.Escalated, st.number}, {LabelWithin, s.WithinDeadline, st.number},
		{LabelWithinRate, s.WithinDeadlineRate, st.percent},
		{LabelAvgDays, s.AvgWorkingDays, st.decimal}, {LabelMedianDays, s.MedianWorkingDays, st.decimal},
	}
	for _, t := range totals {
		if err := line(1, t.label, st.textCell); err != nil {
			return err
		}
		if err := w.put(2, t.v, t.style); err != nil {
			return err
		}
	}
	chartRow := w.row - len(totals) + 1
	statusLines := s.StatusLines()
	if len(statusLines) == 0 {
		statusLines = []letters.ReportCount{{Label: "Belum ada pengaduan"}}
	}
	var statusFrom, statusTo int
	for _, t := range []struct {
		heading, first string
		lines          []letters.ReportCount
	}{
		{"Menurut saluran", "Saluran", s.ByChannel},
		{"Menurut kategori", "Kategori", s.ByCategory},
		{"Menurut jabatan yang menangani", "Jabatan", s.ByHandler},
		{statusTableHeading, "Status", statusLines},
	} {
		w.row++
		if err := line(1, t.heading, st.heading); err != nil {
			return err
		}
		w.row++
		from, to, err := w.table(t.first, t.lines)
		if err != nil {
			return err
		}
		statusFrom, statusTo = from, to
	}
	if err := w.fitColumns(70); err != nil {
		return err
	}
	return b.addChart(SheetSummary, fmt.Sprintf("%s%d", summaryChartAnchorC, chartRow), &excelize.Chart{
		Type:  excelize.Pie,
		Title: chartTitle("Status pengaduan"),
		Series: []excelize.ChartSeries{{
			Name:       "Status",
			Categories: rangeRef(SheetSummary, 1, statusFrom, 1, statusTo),
			Values:     rangeRef(SheetSummary, 2, statusFrom, 2, statusTo),
		}},
		Legend:   excelize.ChartLegend{Position: "right"},
		PlotArea: excelize.ChartPlotArea{ShowPercent: true},
	})
}

// duty is the profile's report duty for the period's kind, or nil.
func (b *book) duty() *letters.ReportDuty {
	for i, d := range b.o.Profile.Reports {
		if d.Period == b.o.Period.Kind {
			return &b.o.Profile.Reports[i]
		}
	}
	return nil
}

func nonBlank(items ...string) []string {
	var out []string
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}
