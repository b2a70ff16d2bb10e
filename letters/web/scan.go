package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
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

// scanPage: GET /surat/:id/pindaian — the text read from the letter's
// attachments beside the files, with the details suggested from it.
func (a *app) scanPage(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	page, err := a.buildScanPage(c, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.render(c, http.StatusOK, templates.PageScan, page)
}

// confirmScan: POST /surat/:id/pindaian — the clerk's confirmed or
// corrected details are stored; a bad field shows the page again with the
// input kept.
func (a *app) confirmScan(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	if a.ScanService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan."))
		return
	}
	form := templates.ScanForm{Origin: c.PostForm("asal"), RefNumber: c.PostForm("nomor"),
		RefDate: c.PostForm("tanggal"), Subject: c.PostForm("perihal")}
	d := letters.ScanDetails{Origin: form.Origin, RefNumber: form.RefNumber, Subject: form.Subject}
	if _, err := a.LetterService.FindLetterByID(c.Request.Context(), id); err != nil {
		a.fail(c, err) // who may not read the letter may not change it
		return
	}
	d.RefDate, err = a.parseDate(form.RefDate, "Tanggal surat")
	if err == nil {
		_, err = a.ScanService.ConfirmScanDetails(c.Request.Context(), id, d)
	}
	if letters.ErrorCode(err) == letters.EINVALID {
		page, perr := a.buildScanPage(c, id)
		if perr != nil {
			a.fail(c, perr)
			return
		}
		page.Form, page.Suggested, page.Error = form, map[string]bool{}, letters.ErrorMessage(err)
		a.render(c, http.StatusUnprocessableEntity, templates.PageScan, page)
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/surat/"+strconv.FormatInt(id, 10))
}

// buildScanPage fills the page. Until the clerk has confirmed the details
// once, the form holds the suggestions of the first scan read (marked as
// such) where it found something; afterwards it holds the letter's own.
func (a *app) buildScanPage(c *gin.Context, id int64) (templates.ScanPage, error) {
	ctx := c.Request.Context()
	user := letters.UserFromContext(ctx)
	l, err := a.LetterService.FindLetterByID(ctx, id)
	if err != nil {
		return templates.ScanPage{}, err
	}
	if a.ScanService == nil {
		return templates.ScanPage{}, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan.")
	}
	scans, err := a.ScanService.FindLetterScans(ctx, id)
	if err != nil {
		return templates.ScanPage{}, err
	}
	_, hidden, _ := a.visibleLetter(user, l)
	page := templates.ScanPage{Base: a.base(c, "Teks Pindaian"), Letter: l, Scans: scans,
		Hidden: hidden == labelConfidential, Suggested: map[string]bool{},
		MayEdit: user != nil && a.Profile.MayPerform(user.Position, letters.ActionRegister)}
	page.Form = templates.ScanForm{Origin: l.Origin, RefNumber: l.RefNumber, Subject: l.Subject}
	if l.RefDate != nil {
		page.Form.RefDate = l.RefDate.In(a.cal.Location()).Format("2006-01-02")
	}
	confirmed := false
	if events, err := a.LetterService.LetterEvents(ctx, id); err == nil {
		for _, e := range events {
			confirmed = confirmed || e.Action == "scan_confirm"
		}
	}
	var sug *letters.Suggestion
	for _, s := range scans {
		page.Pending = page.Pending || s.Status == letters.ScanPending || s.Status == letters.ScanRunning
		if sug == nil && s.Suggestion != nil && !s.Suggestion.Empty() {
			sug = s.Suggestion
		}
	}
	if sug != nil && !confirmed && !page.Hidden {
		set := func(key string, field *string, v string) {
			if v != "" && v != *field {
				*field, page.Suggested[key] = v, true
			}
		}
		set("origin", &page.Form.Origin, sug.Origin)
		set("number", &page.Form.RefNumber, sug.Number)
		set("subject", &page.Form.Subject, sug.Subject)
		if sug.Date != nil {
			set("date", &page.Form.RefDate, sug.Date.Format("2006-01-02"))
		}
	}
	return page, nil
}
