package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"naskah/reports"
)

// workbook is a written report opened again, both with excelize and as the
// zip of XML parts it is.
type workbook struct {
	*excelize.File
	parts map[string]string // zip path → content
}

func openWorkbook(tb testing.TB, data []byte) *workbook {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("excelize cannot open the report: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	wb := &workbook{File: f, parts: map[string]string{}}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		wb.parts[zf.Name] = string(b)
	}
	return wb
}

type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func (wb *workbook) rels(tb testing.TB, part string) []rel {
	tb.Helper()
	dir, file := path.Split(part)
	var doc struct {
		Rels []rel `xml:"Relationship"`
	}
	if s, ok := wb.parts[dir+"_rels/"+file+".rels"]; ok {
		if err := xml.Unmarshal([]byte(s), &doc); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range doc.Rels {
		if !strings.HasPrefix(doc.Rels[i].Target, "/") {
			doc.Rels[i].Target = path.Clean(dir + doc.Rels[i].Target)
		} else {
			doc.Rels[i].Target = strings.TrimPrefix(doc.Rels[i].Target, "/")
		}
	}
	return doc.Rels
}

// sheetPart returns the zip path of the sheet named name.
func (wb *workbook) sheetPart(tb testing.TB, name string) string {
	tb.Helper()
	var doc struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal([]byte(wb.parts["xl/workbook.xml"]), &doc); err != nil {
		tb.Fatal(err)
	}
	for _, s := range doc.Sheets {
		if s.Name != name {
			continue
		}
		for _, r := range wb.rels(tb, "xl/workbook.xml") {
			if r.ID == s.RID {
				return r.Target
			}
		}
	}
	tb.Fatalf("no sheet %q in the workbook", name)
	return ""
}

// charts returns the chart parts a sheet really shows: the sheet's XML has
// a <drawing r:id>, its relationship leads to a drawing part, and that
// drawing's relationships lead to chart parts that exist.
func (wb *workbook) charts(tb testing.TB, sheet string) []string {
	tb.Helper()
	part := wb.sheetPart(tb, sheet)
	xmlText := wb.parts[part]
	i := strings.Index(xmlText, "<drawing ")
	if i < 0 {
		return nil
	}
	_, after, _ := strings.Cut(xmlText[i:], `r:id="`)
	rid, _, _ := strings.Cut(after, `"`)
	var out []string
	for _, r := range wb.rels(tb, part) {
		if r.ID != rid || !strings.HasSuffix(r.Type, "/drawing") {
			continue
		}
		if _, ok := wb.parts[r.Target]; !ok {
			tb.Fatalf("sheet %s references missing drawing %s", sheet, r.Target)
		}
		for _, cr := range wb.rels(tb, r.Target) {
			if strings.HasSuffix(cr.Type, "/chart") {
				if _, ok := wb.parts[cr.Target]; ok {
					out = append(out, cr.Target)
				}
			}
		}
	}
	return out
}

// total reads the number next to a label on the Ringkasan.
func (wb *workbook) total(tb testing.TB, label string) float64 {
	tb.Helper()
	rows, err := wb.GetRows(reports.SheetSummary, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 && r[0] == label {
			v, err := strconv.ParseFloat(r[1], 64)
			if err != nil {
				tb.Fatalf("%s: %q is not a number", label, r[1])
			}
			return v
		}
	}
	tb.Fatalf("no %q on the Ringkasan", label)
	return 0
}

// cellXML returns the XML of the cell whose text is value on sheet.
func (wb *workbook) cellXML(tb testing.TB, sheet, value string) string {
	tb.Helper()
	cells, err := wb.SearchSheet(sheet, value)
	if err != nil || len(cells) == 0 {
		tb.Fatalf("%q not found on %s (%v)", value, sheet, err)
	}
	xmlText := wb.parts[wb.sheetPart(tb, sheet)]
	i := strings.Index(xmlText, `<c r="`+cells[0]+`"`)
	if i < 0 {
		tb.Fatalf("cell %s not in the sheet XML", cells[0])
	}
	end := strings.Index(xmlText[i:], "</c>")
	return xmlText[i : i+end+4]
}
