// Package reports writes an office's periodic complaint report as an Excel
// workbook (excelize): Ringkasan, Rekap per saluran, Rekap per bulan, Daftar
// pengaduan and Terlambat. The case lists are streamed row by row, so a
// period of any size keeps memory flat; the small recap sheets and their
// charts are written in normal mode, never on a streamed sheet (a chart
// added to a streamed sheet is not shown, excelize issue 1766).
//
// Every cell that comes from what people typed is written as a string cell,
// never as a formula, whatever its first character.
package reports

import (
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
)

// Sheet names, in workbook order.
const (
	SheetSummary   = "Ringkasan"
	SheetByChannel = "Rekap per saluran"
	SheetByMonth   = "Rekap per bulan"
	SheetCases     = "Daftar pengaduan"
	SheetLate      = "Terlambat"
)

// Sheets lists the sheets in workbook order.
var Sheets = []string{SheetSummary, SheetByChannel, SheetByMonth, SheetCases, SheetLate}

// Options says which report to write.
type Options struct {
	Profile  *letters.Profile  // the office: letterhead, channels, positions
	Calendar *letters.Calendar // the office's working days
	Period   letters.Period
	// Issued is the date of issue; cases are judged as they stand then
	// (overdue, days late). Zero means time.Now().
	Issued time.Time
}

// FileName is the usual name of the workbook: "laporan-pengaduan-bkad-kalbar-2026-10.xlsx".
func FileName(p *letters.Profile, period letters.Period) string {
	return "laporan-pengaduan-" + p.Slug + "-" + period.String() + ".xlsx"
}

// Write builds the report of o.Period from the cases src gives and writes
// the workbook to w. It returns the summary it counted. EINVALID for missing
// options.
func Write(ctx context.Context, w io.Writer, src letters.ReportService, o Options) (*letters.ReportSummary, error) {
	if o.Profile == nil || o.Calendar == nil || src == nil {
		return nil, errors.New("reports: profile, calendar and source are required")
	}
	if _, err := letters.NewPeriod(o.Period.Kind, o.Period.Year, o.Period.N); err != nil {
		return nil, err
	}
	if o.Issued.IsZero() {
		o.Issued = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(fastZip)
	b, err := newBook(f, o)
	if err != nil {
		return nil, err
	}
	sum := letters.NewReportSummary(o.Profile, o.Calendar, o.Period, o.Issued)
	cases, err := b.newCaseList()
	if err != nil {
		return nil, err
	}
	late, err := b.newLateList()
	if err != nil {
		return nil, err
	}
	err = src.ReportCases(ctx, o.Period, func(c *letters.ReportCase) error {
		out := sum.Add(c)
		if err := cases.add(c, out); err != nil {
			return err
		}
		if out.Late() {
			return late.add(c, out)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sum.Finish()
	if err := cases.finish(sum.Received == 0); err != nil {
		return nil, err
	}
	if err := late.finish(sum.Received == 0); err != nil {
		return nil, err
	}
	if err := b.writeSummary(sum); err != nil {
		return nil, err
	}
	if err := b.writeByChannel(sum); err != nil {
		return nil, err
	}
	if err := b.writeByMonth(sum); err != nil {
		return nil, err
	}
	if _, err := f.WriteTo(w); err != nil {
		return nil, fmt.Errorf("reports: write workbook: %w", err)
	}
	return sum, nil
}

// book is a workbook being written, with its styles.
type book struct {
	f   *excelize.File
	o   Options
	loc *time.Location
	st  styles
}

func newBook(f *excelize.File, o Options) (*book, error) {
	b := &book{f: f, o: o, loc: o.Calendar.Location()}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	for _, name := range Sheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("reports: %w", err)
		}
	}
	f.SetActiveSheet(0)
	var err error
	if b.st, err = newStyles(f); err != nil {
		return nil, err
	}
	for _, name := range Sheets {
		if err := b.printSetup(name); err != nil {
			return nil, err
		}
	}
	p := o.Profile
	title := "Laporan " + o.Period.KindLabel() + " Pengelolaan Pengaduan " + o.Period.Label()
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Subject: p.Office.Name, Creator: "Naskah", Language: "id-ID",
		Created: o.Issued.UTC().Format(time.RFC3339),
	}); err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	return b, nil
}

// printSetup makes a sheet print on A4 landscape, as wide as one page.
func (b *book) printSetup(sheet string) error {
	size, orient, one, zero := 9, "landscape", 1, 0 // 9 = A4
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return fmt.Errorf("reports: page layout: %w", err)
	}
	fit := true
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("reports: sheet properties: %w", err)
	}
	margin := 0.5
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
	}); err != nil {
		return fmt.Errorf("reports: page margins: %w", err)
	}
	footer := "&L" + escapeHF(b.o.Profile.Office.Name) + "&R" + escapeHF(sheet) + " — halaman &P dari &N"
	return b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer})
}

// repeatHeader prints row 1 of sheet on every page.
func (b *book) repeatHeader(sheet string) error {
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet,
	})
}

// escapeHF escapes & in header and footer text, where it starts a code.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// excelDate returns t's wall clock in the office's zone as an Excel serial
// date (days since 1899-12-30, the time as the fraction), for a cell with a
// date style. A number rather than a time.Time: excelize formats every
// time value it is given, a cost seen on a 100,000-row report.
func (b *book) excelDate(t time.Time) float64 {
	_, off := t.In(b.loc).Zone()
	return float64(t.Unix()+int64(off))/86400 + 25569
}

// positionTitle is a position's title, or "-" for none.
func (b *book) positionTitle(code string) string {
	if code == "" {
		return "-"
	}
	return b.o.Profile.PositionTitle(code)
}

// positionTitles joins the titles of codes, or "-" for none.
func (b *book) positionTitles(codes []string) string {
	if len(codes) == 0 {
		return "-"
	}
	titles := make([]string, len(codes))
	for i, c := range codes {
		titles[i] = b.o.Profile.PositionTitle(c)
	}
	return strings.Join(titles, "; ")
}

// channelName is a channel's name.
func (b *book) channelName(code string) string {
	if ch := b.o.Profile.Channel(code); ch != nil {
		return ch.Name
	}
	return code
}

// fastZip compresses the workbook's parts at flate.BestSpeed rather than the
// default level: deflate was the largest single cost of a big workbook
// (BenchmarkSemesterReport), and the file grows only a little.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}
