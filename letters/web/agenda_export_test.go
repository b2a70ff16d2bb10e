package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
	"naskah/reports"
	"naskah/store"
)

// openWorkbook reads an .xlsx body with excelize and returns the rows of
// the agenda sheet.
func openWorkbook(t *testing.T, body string) (*excelize.File, [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("open the downloaded workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	rows, err := f.GetRows(reports.SheetAgenda)
	if err != nil {
		t.Fatalf("read sheet %s: %v", reports.SheetAgenda, err)
	}
	return f, rows
}

// The agenda page links to its Excel export with the same filters; the
// workbook holds every matching letter (more than one store page), a
// subject that looks like a formula stays text, and the complainant is
// shown as on the page: a confidential one as "Dirahasiakan" to the clerk,
// and no NIK or phone anywhere.
func TestAgendaExportHasEveryMatchingLetter(t *testing.T) {
	e := newEnv(t, nil)
	const many = 510 // more than one page of the store (500)
	for i := range many {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka",
			Subject: fmt.Sprintf("Hibah kelompok %03d", i), Body: "Belum cair.",
			Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001", Phone: "081234567890"}}
		if err := e.letters.CreateLetter(e.user(clerk), l, nil); err != nil {
			t.Fatal(err)
		}
	}
	formula := &letters.Letter{Category: letters.CategoryAspirasi, Channel: "tatap_muka", Subject: "=1+1",
		Complainant: letters.Party{Name: "Rahasia Wati", NIK: "6171015505900002", Confidential: true}}
	if err := e.letters.CreateLetter(e.user(clerk), formula, nil); err != nil {
		t.Fatal(err)
	}

	c := e.as(clerk)
	page := c.get("/agenda?kategori=aspirasi&hal=1")
	wantStatus(t, "agenda", page, http.StatusOK)
	m := regexp.MustCompile(`<a class="export" href="([^"]+)"[^>]*>Unduh Excel</a>`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("agenda page has no Unduh Excel link:\n%.3000s", page.body)
	}
	link := strings.ReplaceAll(m[1], "&amp;", "&")
	if link != "/agenda.xlsx?kategori=aspirasi" {
		t.Errorf("export link %q, want the page's filters without the page number", link)
	}
	r := c.get(link)
	wantStatus(t, "export", r, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("content type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, ".xlsx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	f, rows := openWorkbook(t, r.body)
	if len(rows) != 5 {
		t.Fatalf("filtered export: %d rows, want title, filter line, blank, header and 1 letter: %q", len(rows), rows)
	}
	if !strings.Contains(rows[1][0], "Kategori: Aspirasi") {
		t.Errorf("filter line %q does not name the filter", rows[1][0])
	}
	got := rows[4]
	if got[1] != formula.AgendaNumber || got[5] != "Dirahasiakan" || got[6] != "=1+1" {
		t.Errorf("row %q: want agenda number %s, complainant Dirahasiakan, subject =1+1", got, formula.AgendaNumber)
	}
	if fx, err := f.GetCellFormula(reports.SheetAgenda, "G5"); err != nil || fx != "" {
		t.Errorf("subject cell holds formula %q (%v): user text must stay text", fx, err)
	}
	if v, _ := f.CalcCellValue(reports.SheetAgenda, "G5"); v == "2" {
		t.Error("subject =1+1 was evaluated")
	}

	all := c.get("/agenda.xlsx")
	wantStatus(t, "export of everything", all, http.StatusOK)
	_, rows = openWorkbook(t, all.body)
	if n := len(rows) - 4; n != many+1 {
		t.Fatalf("unfiltered export has %d letters, want %d", n, many+1)
	}
	if rows[1][0] == "" || !strings.Contains(rows[1][0], "semua surat") {
		t.Errorf("filter line %q", rows[1][0])
	}
	seen := map[string]bool{}
	for _, row := range rows[4:] {
		if seen[row[1]] {
			t.Fatalf("agenda number %s listed twice", row[1])
		}
		seen[row[1]] = true
	}
	for _, bad := range []string{"6171010101900001", "081234567890", "6171015505900002", "Rahasia Wati"} {
		for _, row := range rows {
			if strings.Contains(strings.Join(row, "|"), bad) {
				t.Fatalf("the export shows %q: %q", bad, row)
			}
		}
	}
	if rows[5][5] != "Budi Santoso" {
		t.Errorf("complainant column %q, want the name as the page shows it", rows[5][5])
	}
	wantStatus(t, "anonymous export", e.client().get("/agenda.xlsx"), http.StatusSeeOther)
}

// A search over more letters than a search lists (letters.SearchLimit)
// exports the newest matches the page pages through, and the sheet says
// it holds only those.
func TestAgendaExportOfACappedSearch(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: letters.SearchLimit + 100}); err != nil {
		t.Fatal(err)
	}
	r := e.as(clerk).get("/agenda.xlsx?q=hormat") // "Dengan hormat" opens every generated letter
	wantStatus(t, "export of a capped search", r, http.StatusOK)
	_, rows := openWorkbook(t, r.body)
	if n := len(rows) - 4; n != letters.SearchLimit {
		t.Errorf("export of a capped search has %d letters, want the %d the search lists", n, letters.SearchLimit)
	}
	if !strings.Contains(rows[1][0], "hanya 1.000 surat terbaru") {
		t.Errorf("filter line %q does not say the search was capped", rows[1][0])
	}
}
