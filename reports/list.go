package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
)

// column is a column of a streamed list: its header and width (in
// characters, chosen for the longest usual content: the rows are streamed,
// so widths are set before any row is known).
type column struct {
	title string
	width float64
}

var caseColumns = []column{
	{"No.", 6}, {"Nomor agenda", 24}, {"Tanggal diterima", 12}, {"Saluran", 16},
	{"Kategori", 14}, {"Pengadu", 24}, {"Perihal", 48}, {"Disposisi kepada", 30},
	{"Posisi berkas", 30}, {"Status", 18}, {"Batas waktu", 12}, {"Tanggal selesai", 12},
	{"Lama penyelesaian (hari kerja)", 14}, {"Tepat waktu", 13},
	{"Nomor Berita Acara / Surat Jawaban", 28},
}

var lateColumns = []column{
	{"No.", 6}, {"Nomor agenda", 24}, {"Tanggal diterima", 12}, {"Saluran", 16},
	{"Pengadu", 24}, {"Perihal", 48}, {"Status", 18}, {"Batas waktu", 12},
	{"Terlambat (hari kerja)", 12}, {"Tanggal eskalasi", 12}, {"Dipegang oleh", 34},
}

// list is a streamed sheet of cases with a header row.
type list struct {
	b     *book
	sheet string
	cols  []column
	sw    *excelize.StreamWriter
	n     int // data rows written
	row   func(l *list, c *letters.ReportCase, o letters.CaseOutcome) []any
}

func (b *book) newList(sheet string, cols []column, row func(*list, *letters.ReportCase, letters.CaseOutcome) []any) (*list, error) {
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("reports: stream %s: %w", sheet, err)
	}
	l := &list{b: b, sheet: sheet, cols: cols, sw: sw, row: row}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return nil, fmt.Errorf("reports: column width: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, fmt.Errorf("reports: freeze header: %w", err)
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: b.st.header, Value: c.title}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 32}); err != nil {
		return nil, fmt.Errorf("reports: header: %w", err)
	}
	if err := b.repeatHeader(sheet); err != nil {
		return nil, fmt.Errorf("reports: print titles: %w", err)
	}
	return l, nil
}

func (b *book) newCaseList() (*list, error) { return b.newList(SheetCases, caseColumns, caseRow) }
func (b *book) newLateList() (*list, error) { return b.newList(SheetLate, lateColumns, lateRow) }

// add writes the row of c.
func (l *list) add(c *letters.ReportCase, o letters.CaseOutcome) error {
	l.n++
	cell, _ := excelize.CoordinatesToCellName(1, l.n+1)
	if err := l.sw.SetRow(cell, l.row(l, c, o)); err != nil {
		return fmt.Errorf("reports: %s row %d: %w", l.sheet, l.n+1, err)
	}
	return nil
}

// finish sets the filter over the written rows (or writes a note when there
// are none) and flushes the stream.
func (l *list) finish(emptyPeriod bool) error {
	if l.n == 0 {
		note := "Tidak ada kasus terlambat atau dieskalasi pada periode ini."
		if emptyPeriod {
			note = "Tidak ada pengaduan yang diterima pada periode ini."
		}
		if err := l.sw.SetRow("A3", []any{excelize.Cell{StyleID: l.b.st.italic, Value: note}}); err != nil {
			return fmt.Errorf("reports: %s: %w", l.sheet, err)
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(l.cols), l.n+1)
	// The filter is set on the sheet the stream writes: Flush puts it out.
	if err := l.b.f.AutoFilter(l.sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("reports: filter %s: %w", l.sheet, err)
	}
	if err := l.sw.Flush(); err != nil {
		return fmt.Errorf("reports: flush %s: %w", l.sheet, err)
	}
	return nil
}

// text is a string cell; strings are never formulas in a stream.
func (l *list) text(s string) excelize.Cell {
	if s == "" {
		s = "-"
	}
	return excelize.Cell{StyleID: l.b.st.text, Value: s}
}

func caseRow(l *list, c *letters.ReportCase, o letters.CaseOutcome) []any {
	b := l.b
	completed, days, within := l.text("-"), l.text("-"), l.text("Belum selesai")
	if o.Completed && c.CompletedAt != nil {
		completed = excelize.Cell{StyleID: b.st.date, Value: b.excelDate(*c.CompletedAt)}
		days = excelize.Cell{StyleID: b.st.number, Value: o.WorkingDays}
		within = l.text(yesNo(o.WithinDeadline))
	}
	return []any{
		excelize.Cell{StyleID: b.st.number, Value: l.n},
		l.text(c.AgendaNumber),
		excelize.Cell{StyleID: b.st.date, Value: b.excelDate(c.ReceivedAt)},
		l.text(b.channelName(c.Channel)),
		l.text(categoryLabel(c.Category)),
		l.text(c.Complainant),
		excelize.Cell{StyleID: b.st.wrap, Value: nonEmpty(c.Subject)},
		l.text(b.positionTitles(c.DisposedTo)),
		l.text(b.positionTitle(c.Holder)),
		l.text(c.Status.Label()),
		l.deadline(c),
		completed, days, within,
		l.text(c.AnswerNumber),
	}
}

func lateRow(l *list, c *letters.ReportCase, o letters.CaseOutcome) []any {
	b := l.b
	escalated := l.text("-")
	if c.EscalatedAt != nil {
		escalated = excelize.Cell{StyleID: b.st.date, Value: b.excelDate(*c.EscalatedAt)}
	}
	holder := c.Holder
	if holder == "" {
		holder = o.Handler
	}
	return []any{
		excelize.Cell{StyleID: b.st.number, Value: l.n},
		l.text(c.AgendaNumber),
		excelize.Cell{StyleID: b.st.date, Value: b.excelDate(c.ReceivedAt)},
		l.text(b.channelName(c.Channel)),
		l.text(c.Complainant),
		excelize.Cell{StyleID: b.st.wrap, Value: nonEmpty(c.Subject)},
		l.text(c.Status.Label()),
		l.deadline(c),
		excelize.Cell{StyleID: b.st.number, Value: o.DaysLate},
		escalated,
		l.text(b.positionTitle(holder)),
	}
}

// deadline is the case's deadline as a date cell.
func (l *list) deadline(c *letters.ReportCase) excelize.Cell {
	if c.Deadline.IsZero() {
		return l.text("-")
	}
	return excelize.Cell{StyleID: l.b.st.date, Value: l.b.excelDate(c.Deadline)}
}

func yesNo(b bool) string {
	if b {
		return "Ya"
	}
	return "Tidak"
}

func nonEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func categoryLabel(code string) string {
	for _, c := range letters.Categories {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}
