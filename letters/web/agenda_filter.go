package web

import (
	"cmp"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// agendaFilter reads the agenda's filters (the page, its Excel export).
// Unknown status, channel or category values are dropped, not errors, as
// they come from a URL anyone may edit; a bad date, a period that ends
// before it starts or an unknown unit is an EINVALID naming the field, with
// the filter's other fields read.
func (a *app) agendaFilter(c *gin.Context) (letters.LetterFilter, error) {
	var f letters.LetterFilter
	if s := letters.Status(c.Query("status")); s.Valid() {
		f.Status = s
	}
	if ch := c.Query("saluran"); a.Profile.Channel(ch) != nil {
		f.Channel = ch
	}
	if cat := c.Query("kategori"); templates.CategoryLabel(cat) != cat {
		f.Category = cat
	}
	f.Query = strings.TrimSpace(c.Query("q"))
	f.Overdue = c.Query("terlambat") == "1"
	var err error
	f.From, f.To, err = a.letterPeriod(strings.TrimSpace(c.Query("dari")), strings.TrimSpace(c.Query("sampai")),
		`Tanggal "dari"`, `Tanggal "sampai"`)
	if unit, uerr := a.letterUnit(strings.TrimSpace(c.Query("unit")), "Unit"); uerr != nil {
		err = cmp.Or(err, uerr)
	} else {
		f.Unit = unit
	}
	return f, err
}

// letterPeriod reads a period of days received (YYYY-MM-DD, both ends
// inclusive, in the office's time) as the store's range: from at 00:00,
// to the next day at 00:00 (exclusive). Either end may be empty.
func (a *app) letterPeriod(from, to, fromField, toField string) (*time.Time, *time.Time, error) {
	start, err := a.parseDate(from, fromField)
	if err != nil {
		return nil, nil, err
	}
	last, err := a.parseDate(to, toField)
	if err != nil {
		return start, nil, err
	}
	if start != nil && last != nil && last.Before(*start) {
		return start, nil, letters.Errorf(letters.EINVALID, "%s (%s) lebih awal dari %s (%s); periode tidak dapat berakhir sebelum dimulai.",
			toField, letters.FormatDate(*last), strings.ToLower(fromField[:1])+fromField[1:], letters.FormatDate(*start))
	}
	var end *time.Time
	if last != nil {
		e := last.AddDate(0, 0, 1)
		end = &e
	}
	return start, end, nil
}

// letterUnit checks a unit's position code; "" is no unit.
func (a *app) letterUnit(code, field string) (string, error) {
	if code == "" {
		return "", nil
	}
	if a.Profile.Position(code) == nil {
		return "", letters.Errorf(letters.EINVALID, "%s %q tidak dikenal; pilih salah satu unit kantor.", field, code)
	}
	return code, nil
}

// unitOptions lists the units a clerk may filter by: every position under
// the head, in profile order, a position below another indented under it
// (dashboard.go's units are the first level).
func (a *app) unitOptions(selected string) []templates.Option {
	var out []templates.Option
	for _, pos := range a.Profile.Positions {
		depth := 0
		for p := a.Profile.Position(pos.Parent); p != nil && depth < len(a.Profile.Positions); p = a.Profile.Position(p.Parent) {
			depth++
		}
		if depth == 0 {
			continue // the head: every letter is below it
		}
		out = append(out, templates.Option{Value: pos.Code, Selected: pos.Code == selected,
			Label: strings.Repeat("\u00a0\u00a0", depth-1) + cmp.Or(pos.Title, pos.Code)})
	}
	return out
}

// periodLinks are the quick periods of the agenda (this month, last month,
// this year): the page's URL with "dari" and "sampai" set, other filters
// kept.
func (a *app) periodLinks(q url.Values, now time.Time) []templates.Option {
	now = now.In(a.cal.Location())
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	year := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, now.Location())
	periods := []struct {
		label    string
		from, to time.Time
	}{
		{"Bulan ini", month, month.AddDate(0, 1, -1)},
		{"Bulan lalu", month.AddDate(0, -1, 0), month.AddDate(0, 0, -1)},
		{"Tahun ini", year, year.AddDate(1, 0, -1)},
	}
	var out []templates.Option
	for _, p := range periods {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		from, to := p.from.Format(time.DateOnly), p.to.Format(time.DateOnly)
		v.Set("dari", from)
		v.Set("sampai", to)
		v.Del("hal")
		out = append(out, templates.Option{Label: p.label, Value: "/agenda?" + v.Encode(),
			Selected: q.Get("dari") == from && q.Get("sampai") == to})
	}
	return out
}

// periodWords describes a period as the workbook prints it.
func (a *app) periodWords(f letters.LetterFilter) string {
	loc := a.cal.Location()
	switch {
	case f.From != nil && f.To != nil:
		return "Periode: " + letters.FormatDate(f.From.In(loc)) + " s.d. " + letters.FormatDate(f.To.In(loc).AddDate(0, 0, -1))
	case f.From != nil:
		return "Periode: sejak " + letters.FormatDate(f.From.In(loc))
	case f.To != nil:
		return "Periode: sampai " + letters.FormatDate(f.To.In(loc).AddDate(0, 0, -1))
	}
	return ""
}
