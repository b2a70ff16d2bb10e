package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/reports"
	"naskah/templates"
)

// agendaExportBatch is how many letters one query of the export reads (the
// store's largest page).
const agendaExportBatch = 500

// agendaExport: GET /agenda.xlsx with the filters of /agenda, every
// matching letter (not one page) as an Excel workbook. The user sees the
// same letters as on the page (the store's visibility rules) and the
// complainant as the page shows it: a name, "Anonim" or "Dirahasiakan",
// never NIK, phone or address. The rows are streamed into the workbook
// (reports.WriteAgenda); the file is sent once it is complete, so a failure
// is an error page rather than half a file.
func (a *app) agendaExport(c *gin.Context) {
	ctx := c.Request.Context()
	user := letters.UserFromContext(ctx)
	f, err := a.agendaFilter(c) // agenda_filter.go
	if err != nil {
		a.fail(c, err)
		return
	}
	now := a.now()
	words, most := a.filterWords(f), -1 // most: rows to write, -1 for all
	// A search lists its newest matches only (issue 8): say so on the sheet.
	if f.Query != "" {
		probe := f
		probe.Limit = 1
		if _, total, err := a.LetterService.FindLetters(ctx, probe); err != nil {
			a.fail(c, err)
			return
		} else if total > letters.SearchLimit {
			words = append(words, "hanya "+thousands(letters.SearchLimit)+" surat terbaru yang cocok dengan pencarian")
			most = letters.SearchLimit
		}
	}
	var buf bytes.Buffer
	_, err = reports.WriteAgenda(&buf, reports.AgendaOptions{
		Profile: a.Profile, Calendar: a.cal, Filters: words, Issued: now,
	}, func(add func(reports.AgendaRow) error) error {
		// Each batch continues after the last letter of the one before
		// (letters.Cursor): a batch deep in a unit of 300,000 letters costs
		// what the first does, where an offset walked every letter before
		// it again. A search lists at most letters.SearchLimit matches in
		// its own order and pages them by offset.
		after := &letters.Cursor{} // the first batch
		for offset := 0; ; offset += agendaExportBatch {
			page := f
			page.Limit, page.NoCount = agendaExportBatch, true
			if f.Query != "" {
				page.Offset = offset
			} else {
				page.After = after
			}
			list, total, err := a.LetterService.FindLetters(ctx, page)
			if err != nil {
				return err
			}
			for _, l := range list {
				if most == 0 {
					return nil
				}
				most--
				if err := add(reports.AgendaRow{
					AgendaNumber: l.AgendaNumber, ReceivedAt: l.ReceivedAt,
					Channel: a.channelName(l.Channel), Category: templates.CategoryLabel(l.Category),
					Subject: l.Subject, Complainant: a.complainantName(user, l), Status: l.Status.Label(),
					Holder: a.holderTitle(l.Holder), Deadline: l.Deadline, Overdue: l.Overdue(now),
				}); err != nil {
					return err
				}
			}
			if len(list) < agendaExportBatch || total >= 0 && offset+len(list) >= total {
				return nil
			}
			after = letters.CursorOf(list[len(list)-1])
		}
	})
	if err != nil {
		a.fail(c, fmt.Errorf("web: agenda export: %w", err))
		return
	}
	name := reports.AgendaFileName(a.Profile, now, a.cal.Location())
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
}

// holderTitle is the title of the position holding a letter, "" for none.
func (a *app) holderTitle(code string) string {
	if code == "" {
		return ""
	}
	return a.Profile.PositionTitle(code)
}

// filterWords describes the agenda's filters as the workbook prints them.
func (a *app) filterWords(f letters.LetterFilter) []string {
	var out []string
	if f.Query != "" {
		out = append(out, fmt.Sprintf("Cari: %q", f.Query))
	}
	if f.Status != "" {
		out = append(out, "Status: "+f.Status.Label())
	}
	if f.Channel != "" {
		out = append(out, "Saluran: "+a.channelName(f.Channel))
	}
	if f.Category != "" {
		out = append(out, "Kategori: "+templates.CategoryLabel(f.Category))
	}
	if w := a.periodWords(f); w != "" {
		out = append(out, w)
	}
	if f.Unit != "" {
		out = append(out, "Unit: "+a.Profile.PositionTitle(f.Unit)+" (beserta jabatan di bawahnya)")
	}
	if f.Overdue {
		out = append(out, "hanya yang terlambat")
	}
	return out
}

// agendaExportURL is the export's URL with the page's filters (without the
// page number: the export has every matching letter).
func agendaExportURL(q url.Values) string {
	q.Del("hal")
	if len(q) == 0 {
		return "/agenda.xlsx"
	}
	return "/agenda.xlsx?" + q.Encode()
}
