package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// track: GET /lacak and GET /lacak?kode=…, public. It shows only the
// stages the case reached and their dates, the status and the deadline:
// never names, notes, the subject or anything else internal.
func (a *app) track(c *gin.Context) {
	page := templates.TrackPage{Base: a.base(c, "Lacak Pengaduan")}
	raw := c.Query("kode")
	if raw == "" {
		a.render(c, http.StatusOK, templates.PageTrack, page)
		return
	}
	page.Searched = true
	page.Code = letters.NormalizeTrackingCode(raw)
	ctx := c.Request.Context()
	l, err := a.LetterService.FindLetterByTrackingCode(ctx, page.Code)
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		page.Error = "Kode pelacakan tidak ditemukan. Periksa kembali kode pada Tanda Bukti Pengaduan."
		a.render(c, http.StatusNotFound, templates.PageTrack, page)
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	events, err := a.LetterService.LetterEvents(ctx, l.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	page.Found = true
	page.Category = l.Category
	page.Status = l.Status
	page.ReceivedAt = l.ReceivedAt
	page.Deadline = l.Deadline
	page.Stages = stages(l, events)
	a.render(c, http.StatusOK, templates.PageTrack, page)
}

// stages lists each change of status with its date, oldest first.
func stages(l *letters.Letter, events []*letters.Event) []templates.Stage {
	var out []templates.Stage
	var last letters.Status
	for _, e := range events {
		if e.To == "" || e.To == last {
			continue
		}
		out = append(out, templates.Stage{Status: e.To, At: e.At})
		last = e.To
	}
	if len(out) == 0 {
		out = append(out, templates.Stage{Status: l.Status, At: l.ReceivedAt})
	}
	return out
}
