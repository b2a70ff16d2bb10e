package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
)

// writeByChannel fills Rekap per saluran: one row per channel, a total row
// and a bar chart of received and completed cases by channel.
func (b *book) writeByChannel(s *letters.ReportSummary) error {
	w := b.sheetWriter(SheetByChannel)
	w.row = 1
	from, to, err := w.table("Saluran", s.ByChannel)
	if err != nil {
		return err
	}
	if err := b.totalRow(w, s); err != nil {
		return err
	}
	if err := b.headerSheet(SheetByChannel, 5, to); err != nil {
		return err
	}
	if err := w.fitColumns(40); err != nil {
		return err
	}
	return b.addChart(SheetByChannel, fmt.Sprintf("A%d", to+4), &excelize.Chart{
		Type:  excelize.Col,
		Title: chartTitle("Pengaduan menurut saluran"),
		Series: []excelize.ChartSeries{
			{Name: rangeRef(SheetByChannel, 2, 1, 2, 1), Categories: rangeRef(SheetByChannel, 1, from, 1, to), Values: rangeRef(SheetByChannel, 2, from, 2, to)},
			{Name: rangeRef(SheetByChannel, 3, 1, 3, 1), Categories: rangeRef(SheetByChannel, 1, from, 1, to), Values: rangeRef(SheetByChannel, 3, from, 3, to)},
		},
		Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:  axis(false),
		YAxis:  axis(true),
	})
}

// totalRow writes "Jumlah" and the period's totals under a table.
func (b *book) totalRow(w *sheetWriter, s *letters.ReportSummary) error {
	for i, v := range []any{"Jumlah", s.Received, s.Completed, s.InProgress, s.Overdue} {
		style := b.st.boldNum
		if i == 0 {
			style = b.st.header
		}
		if err := w.put(i+1, v, style); err != nil {
			return err
		}
	}
	w.row++
	return nil
}

// writeByMonth fills Rekap per bulan: one column per month of the period
// with a total column, rows received, completed, in progress and overdue
// (of the cases received that month), and a line chart of received against
// completed per month.
func (b *book) writeByMonth(s *letters.ReportSummary) error {
	st := b.st
	w := b.sheetWriter(SheetByMonth)
	w.row = 1
	months := s.ByMonth
	if err := w.put(1, "Uraian", st.header); err != nil {
		return err
	}
	for i, m := range months {
		if err := w.put(i+2, m.Label, st.header); err != nil {
			return err
		}
	}
	totalCol := len(months) + 2
	if err := w.put(totalCol, "Jumlah", st.header); err != nil {
		return err
	}
	rows := []struct {
		label string
		get   func(letters.ReportCount) int
		total int
	}{
		{"Diterima", func(c letters.ReportCount) int { return c.Received }, s.Received},
		{"Selesai", func(c letters.ReportCount) int { return c.Completed }, s.Completed},
		{"Dalam proses", func(c letters.ReportCount) int { return c.InProgress }, s.InProgress},
		{"Terlambat", func(c letters.ReportCount) int { return c.Overdue }, s.Overdue},
	}
	for _, r := range rows {
		w.row++
		if err := w.put(1, r.label, st.textCell); err != nil {
			return err
		}
		for i, m := range months {
			if err := w.put(i+2, r.get(m), st.number); err != nil {
				return err
			}
		}
		if err := w.put(totalCol, r.total, st.boldNum); err != nil {
			return err
		}
	}
	if err := b.headerSheet(SheetByMonth, totalCol, w.row); err != nil {
		return err
	}
	if err := w.fitColumns(30); err != nil {
		return err
	}
	lastMonthCol := len(months) + 1
	series := make([]excelize.ChartSeries, 2)
	for i := range series {
		series[i] = excelize.ChartSeries{
			Name:       rangeRef(SheetByMonth, 1, i+2, 1, i+2),
			Categories: rangeRef(SheetByMonth, 2, 1, lastMonthCol, 1),
			Values:     rangeRef(SheetByMonth, 2, i+2, lastMonthCol, i+2),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 6},
		}
	}
	return b.addChart(SheetByMonth, fmt.Sprintf("A%d", w.row+3), &excelize.Chart{
		Type:   excelize.Line,
		Title:  chartTitle("Pengaduan diterima dan selesai per bulan"),
		Series: series,
		Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:  axis(false),
		YAxis:  axis(true),
	})
}

// headerSheet freezes the header row of a small sheet, filters rows 1 to
// last and repeats the header when printed.
func (b *book) headerSheet(sheet string, cols, last int) error {
	if err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("reports: freeze %s: %w", sheet, err)
	}
	end, _ := excelize.CoordinatesToCellName(cols, max(last, 1))
	if err := b.f.AutoFilter(sheet, "A1:"+end, nil); err != nil {
		return fmt.Errorf("reports: filter %s: %w", sheet, err)
	}
	return b.repeatHeader(sheet)
}

// addChart puts a chart on a sheet written in normal mode.
func (b *book) addChart(sheet, cell string, c *excelize.Chart) error {
	if c.Dimension.Width == 0 {
		c.Dimension = excelize.ChartDimension{Width: 640, Height: 360}
	}
	if err := b.f.AddChart(sheet, cell, c); err != nil {
		return fmt.Errorf("reports: chart on %s: %w", sheet, err)
	}
	return nil
}

// axis is a chart axis with dark labels (the default grey is faint on paper).
func axis(grid bool) excelize.ChartAxis {
	return excelize.ChartAxis{MajorGridLines: grid, Font: excelize.Font{Color: "333333"}}
}

func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s}}}
}

// rangeRef is an absolute reference to a range of sheet.
func rangeRef(sheet string, c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1, true)
	z, _ := excelize.CoordinatesToCellName(c2, r2, true)
	return fmt.Sprintf("'%s'!%s:%s", sheet, a, z)
}
