package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// apiLetterScans: GET /api/v1/letters/:id/scans — the text read from the
// letter's attachments (letters/scan) with its progress and the suggested
// details. The text of a confidential complaint names the complainant, so
// it is shown only to whoever may see the complainant; others see the
// progress alone.
func (a *app) apiLetterScans(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.failJSON(c, err)
		return
	}
	ctx := c.Request.Context()
	l, err := a.LetterService.FindLetterByID(ctx, id) // applies who may see the letter
	if err != nil {
		a.failJSON(c, err)
		return
	}
	if a.ScanService == nil {
		c.JSON(http.StatusOK, []*letters.Scan{})
		return
	}
	scans, err := a.ScanService.FindLetterScans(ctx, l.ID)
	if err != nil {
		a.failJSON(c, err)
		return
	}
	if _, hidden, _ := a.visibleLetter(letters.UserFromContext(ctx), l); hidden == labelConfidential {
		for _, s := range scans {
			s.Text, s.Suggestion = "", nil
		}
	}
	c.JSON(http.StatusOK, scans)
}
