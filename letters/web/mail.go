package web

import (
	"fmt"
	"html"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// mailFrameCSP is the policy of the email frame: a sandbox (no scripts, no
// forms, an opaque origin), nothing loaded from anywhere, inline styles
// only, framed only by Naskah's own pages.
const mailFrameCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"

// caseMail finds the email :mail of the letter :id for the signed-in user:
// the letter's readers only, and for a confidential complaint (the email
// shows the complainant) the complaint officer only.
func (a *app) caseMail(c *gin.Context) (*letters.MailRecord, error) {
	id, err := letterID(c, "Surat")
	if err != nil {
		return nil, err
	}
	notFound := letters.Errorf(letters.ENOTFOUND, "Email tidak ditemukan.")
	mailID, err := strconv.ParseInt(c.Param("mail"), 10, 64)
	if err != nil || mailID <= 0 {
		return nil, notFound
	}
	ctx := c.Request.Context()
	l, err := a.LetterService.FindLetterByID(ctx, id) // applies who may see the letter
	if err != nil {
		return nil, err
	}
	if _, hidden, _ := a.visibleLetter(letters.UserFromContext(ctx), l); hidden == labelConfidential {
		return nil, letters.Errorf(letters.EFORBIDDEN,
			"Email pengaduan yang identitas pengadunya dirahasiakan hanya dapat dibuka oleh petugas pengaduan.")
	}
	if a.MailService == nil {
		return nil, notFound
	}
	recs, err := a.MailService.FindMailByLetter(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		if r.ID == mailID {
			return r, nil
		}
	}
	return nil, notFound
}

// mailFrame: GET /surat/:id/email/:mail, the email's sanitised HTML (or
// its text) for an <iframe sandbox> on the letter page. Its own CSP
// sandboxes it even when opened directly.
func (a *app) mailFrame(c *gin.Context) {
	r, err := a.caseMail(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	body := r.HTML
	if body == "" {
		body = `<pre style="white-space:pre-wrap">` + html.EscapeString(r.Text) + `</pre>`
	}
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", mailFrameCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "text/html; charset=utf-8",
		[]byte("<!doctype html><meta charset=\"utf-8\">"+body))
}

// mailRaw: GET /surat/:id/email/:mail/asli.eml, the message exactly as
// received, as a message/rfc822 download.
func (a *app) mailRaw(c *gin.Context) {
	r, err := a.caseMail(c)
	if err != nil {
		a.fail(c, err)
		return
	}
	raw, err := a.MailService.MailRaw(c.Request.Context(), r.ID)
	if err != nil {
		a.fail(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="email-%d.eml"`, r.ID))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "message/rfc822", raw)
}
