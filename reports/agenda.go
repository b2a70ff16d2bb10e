package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
)

// SheetAgenda is the one sheet of an agenda export.
const SheetAgenda = "Buku Agenda"

// AgendaRow is one letter of the agenda register as the page lists it:
// names and labels already resolved, and the complainant already shown as
// the user may see it (a name, "Anonim", "Dirahasiakan"); the workbook adds
// no personal data of its own.
type AgendaRow struct {
	AgendaNumber string
	ReceivedAt   time.Time
	Channel      string // the channel's name
	Category     string // the category's label
	Subject      string
	Complainant  string
	Status       string // the status's label
	Holder       string // the title of the position that must act next
	Deadline     time.Time
	Overdue      bool
}

// AgendaOptions describe an agenda export.
type AgendaOptions struct {
	Profile  *letters.Profile
	Calendar *letters.Calendar // for the office's zone
	// Filters are the filters of the list in words, e.g. "Status:
	// Diregistrasi"; written under the title. None means every letter.
	Filters []string
	Issued  time.Time // printed under the title; zero means time.Now()
}

var agendaColumns = []column{
	{"No.", 6}, {"Nomor agenda", 24}, {"Tanggal diterima", 12}, {"Saluran", 16},
	{"Kategori", 14}, {"Pengadu", 24}, {"Perihal", 48}, {"Status", 18},
	{"Posisi berkas", 30}, {"Batas waktu", 12}, {"Terlambat", 11},
}

// agendaHeaderRow is the row of the column headers; the title and the
// filters are above it.
const agendaHeaderRow = 4

// AgendaFileName is the usual name of an agenda export:
// "buku-agenda-bkad-kalbar-2026-11-24.xlsx".
func AgendaFileName(p *letters.Profile, issued time.Time, loc *time.Location) string {
	return "buku-agenda-" + p.Slug + "-" + issued.In(loc).Format("2006-01-02") + ".xlsx"
}

// WriteAgenda writes the agenda register to w as a one-sheet workbook.
// each calls its argument with every row, in order; the rows are streamed
// to the sheet (excelize StreamWriter), so a register of any length keeps
// memory flat. The workbook goes to w only once every row is written: an
// error leaves w untouched. It returns the number of rows. Every text is
// written as a string cell, never a formula, whatever its first character.
func WriteAgenda(w io.Writer, o AgendaOptions, each func(add func(AgendaRow) error) error) (int, error) {
	if o.Profile == nil || o.Calendar == nil || each == nil {
		return 0, errors.New("reports: profile, calendar and rows are required")
	}
	if o.Issued.IsZero() {
		o.Issued = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetAgenda); err != nil {
		return 0, fmt.Errorf("reports: %w", err)
	}
	b := &book{f: f, o: Options{Profile: o.Profile, Calendar: o.Calendar, Issued: o.Issued}, loc: o.Calendar.Location()}
	var err error
	if b.st, err = newStyles(f); err != nil {
		return 0, err
	}
	if err := b.printSetup(SheetAgenda); err != nil {
		return 0, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Buku Agenda " + o.Profile.Office.Name,
		Subject: o.Profile.Office.Name, Creator: "Naskah", Language: "id-ID",
		Created: o.Issued.UTC().Format(time.RFC3339)}); err != nil {
		return 0, fmt.Errorf("reports: %w", err)
	}
	sw, err := f.NewStreamWriter(SheetAgenda)
	if err != nil {
		return 0, fmt.Errorf("reports: stream %s: %w", SheetAgenda, err)
	}
	if err := agendaHead(b, sw, o); err != nil {
		return 0, err
	}
	l := &list{b: b, sheet: SheetAgenda, cols: agendaColumns, sw: sw}
	n := 0
	err = each(func(r AgendaRow) error {
		n++
		cell, _ := excelize.CoordinatesToCellName(1, agendaHeaderRow+n)
		if err := sw.SetRow(cell, agendaCells(l, n, r)); err != nil {
			return fmt.Errorf("reports: agenda row %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if n == 0 {
		cell, _ := excelize.CoordinatesToCellName(1, agendaHeaderRow+2)
		if err := sw.SetRow(cell, []any{excelize.Cell{StyleID: b.st.italic, Value: "Tidak ada surat yang sesuai dengan filter."}}); err != nil {
			return 0, fmt.Errorf("reports: %s: %w", SheetAgenda, err)
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, agendaHeaderRow)
	last, _ := excelize.CoordinatesToCellName(len(agendaColumns), agendaHeaderRow+n)
	if err := f.AutoFilter(SheetAgenda, first+":"+last, nil); err != nil {
		return 0, fmt.Errorf("reports: filter %s: %w", SheetAgenda, err)
	}
	if err := sw.Flush(); err != nil {
		return 0, fmt.Errorf("reports: flush %s: %w", SheetAgenda, err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", SheetAgenda, agendaHeaderRow, agendaHeaderRow), Scope: SheetAgenda}); err != nil {
		return 0, fmt.Errorf("reports: print titles: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return 0, fmt.Errorf("reports: write workbook: %w", err)
	}
	return n, nil
}

// agendaHead writes the column widths, the title, the filters and the
// column headers, and freezes the rows above the list.
func agendaHead(b *book, sw *excelize.StreamWriter, o AgendaOptions) error {
	for i, c := range agendaColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("reports: column width: %w", err)
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, agendaHeaderRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: agendaHeaderRow, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("reports: freeze header: %w", err)
	}
	filters := "Filter: semua surat"
	if len(o.Filters) > 0 {
		filters = "Filter: " + strings.Join(o.Filters, "; ")
	}
	issued := "Diunduh " + letters.FormatDateTime(o.Issued.In(b.loc))
	for i, line := range []excelize.Cell{
		{StyleID: b.st.title, Value: "Buku Agenda " + o.Profile.Office.Name},
		{StyleID: b.st.italic, Value: filters + " · " + issued},
	} {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), []any{line}); err != nil {
			return fmt.Errorf("reports: agenda title: %w", err)
		}
	}
	header := make([]any, len(agendaColumns))
	for i, c := range agendaColumns {
		header[i] = excelize.Cell{StyleID: b.st.header, Value: c.title}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", agendaHeaderRow), header, excelize.RowOpts{Height: 32}); err != nil {
		return fmt.Errorf("reports: agenda header: %w", err)
	}
	return nil
}

// agendaCells are the cells of row n.
func agendaCells(l *list, n int, r AgendaRow) []any {
	b := l.b
	number := r.AgendaNumber
	if number == "" {
		number = "(belum diagendakan)"
	}
	deadline := l.text("-")
	if !r.Deadline.IsZero() {
		deadline = excelize.Cell{StyleID: b.st.date, Value: b.excelDate(r.Deadline)}
	}
	return []any{
		excelize.Cell{StyleID: b.st.number, Value: n},
		l.text(number),
		excelize.Cell{StyleID: b.st.date, Value: b.excelDate(r.ReceivedAt)},
		l.text(r.Channel),
		l.text(r.Category),
		l.text(r.Complainant),
		excelize.Cell{StyleID: b.st.wrap, Value: nonEmpty(r.Subject)},
		l.text(r.Status),
		l.text(r.Holder),
		deadline,
		l.text(yesNo(r.Overdue)),
	}
}
