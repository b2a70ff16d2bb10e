package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of a report.
type styles struct {
	header   int // bold, shaded, bordered, wrapped column header
	text     int // plain text, top aligned
	wrap     int // long text (subject), wrapped
	date     int // dd/mm/yyyy
	number   int // whole number
	decimal  int // one decimal
	percent  int // 0.0%
	title    int // the report's title
	heading  int // a section heading
	bold     int // letterhead lines and totals labels
	boldNum  int // a total
	italic   int // a note
	textCell int // text in a bordered table
}

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top"}
	dateFmt, pctFmt := "dd/mm/yyyy", "0.0%"
	var s styles
	for _, d := range []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Border: border, Alignment: top}},
		{&s.wrap, excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.date, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &dateFmt}},
		{&s.number, excelize.Style{Border: border, Alignment: top, NumFmt: 1}},
		{&s.decimal, excelize.Style{Border: border, Alignment: top, NumFmt: 2}},
		{&s.percent, excelize.Style{Border: border, Alignment: top, CustomNumFmt: &pctFmt}},
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.heading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&s.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&s.boldNum, excelize.Style{Border: border, Font: &excelize.Font{Bold: true}, NumFmt: 1}},
		{&s.italic, excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&s.textCell, excelize.Style{Border: border, Alignment: top}},
	} {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, fmt.Errorf("reports: style: %w", err)
		}
		*d.id = id
	}
	return s, nil
}
