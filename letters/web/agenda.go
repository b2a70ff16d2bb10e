package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// agendaPageSize is the number of letters on one page of the register.
const agendaPageSize = 50

// agenda: GET /agenda, the agenda register, newest first, with filters.
func (a *app) agenda(c *gin.Context) {
	user := letters.UserFromContext(c.Request.Context())
	f, ferr := a.agendaFilter(c) // agenda_filter.go
	page, _ := strconv.Atoi(c.Query("hal"))
	page = max(page, 1)
	f.Limit, f.Offset = agendaPageSize, (page-1)*agendaPageSize

	var list []*letters.Letter
	var total int
	if ferr == nil {
		var err error
		if list, total, err = a.LetterService.FindLetters(c.Request.Context(), f); err != nil {
			a.fail(c, err)
			return
		}
	}
	now := a.now()
	data := templates.AgendaPage{
		Base:    a.base(c, "Buku Agenda"),
		Total:   total,
		Query:   f.Query,
		Overdue: f.Overdue,
		From:    strings.TrimSpace(c.Query("dari")),
		To:      strings.TrimSpace(c.Query("sampai")),
		Units:   a.unitOptions(f.Unit),
		Periods: a.periodLinks(c.Request.URL.Query(), now),
		Page:    page,
		Pages:   max((total+agendaPageSize-1)/agendaPageSize, 1),
		// agenda_export.go: every matching letter, not only this page.
		ExportURL: agendaExportURL(c.Request.URL.Query()),
	}
	status := http.StatusOK
	if ferr != nil {
		// The form comes back with the message; nothing is listed under a
		// filter that could not be read.
		status, data.Error, data.ExportURL = statusOf(letters.ErrorCode(ferr)), letters.ErrorMessage(ferr), ""
	}
	if f.Query != "" && total > letters.SearchLimit {
		// A search counts its newest matches only (issue 8).
		data.TotalText = "lebih dari " + thousands(letters.SearchLimit)
	}
	a.reportNotice(user, &data.Base) // report duties due (report.go)
	for _, l := range list {
		data.Rows = append(data.Rows, templates.AgendaRow{
			ID: l.ID, AgendaNumber: l.AgendaNumber, ReceivedAt: l.ReceivedAt,
			Channel: a.channelName(l.Channel), Subject: l.Subject,
			Complainant: a.complainantName(user, l), Status: l.Status,
			Deadline: l.Deadline, Overdue: l.Overdue(now),
		})
	}
	for _, s := range letters.Statuses {
		data.Statuses = append(data.Statuses, templates.Option{Value: string(s), Label: s.Label(), Selected: s == f.Status})
	}
	for _, ch := range a.Profile.Channels {
		data.Channels = append(data.Channels, templates.Option{Value: ch.Code, Label: ch.Name, Selected: ch.Code == f.Channel})
	}
	for _, cat := range letters.Categories {
		data.Categories = append(data.Categories, templates.Option{Value: cat.Code, Label: cat.Label, Selected: cat.Code == f.Category})
	}
	if page > 1 {
		data.PrevURL = agendaURL(c.Request.URL.Query(), page-1)
	}
	if page < data.Pages {
		data.NextURL = agendaURL(c.Request.URL.Query(), page+1)
	}
	a.render(c, status, templates.PageAgenda, data)
}

// agendaURL is the register's URL for another page with the same filters.
func agendaURL(q url.Values, page int) string {
	q.Set("hal", strconv.Itoa(page))
	return "/agenda?" + q.Encode()
}

// thousands writes n with Indonesian thousands separators: 1.000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
