package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// Actions whose note is required (the reason or the notes).
var noteRequired = []letters.Action{letters.ActionReturn, letters.ActionSendBack, letters.ActionExtend}

// letterID reads the :id parameter; anything but a positive number is a
// letter that does not exist.
func letterID(c *gin.Context, what string) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, letters.Errorf(letters.ENOTFOUND, "%s tidak ditemukan.", what)
	}
	return id, nil
}

// letter: GET /surat/:id.
func (a *app) letter(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	a.showLetter(c, id, http.StatusOK, "")
}

// showLetter renders the letter page with an optional error at the top.
func (a *app) showLetter(c *gin.Context, id int64, status int, errMsg string) {
	ctx := c.Request.Context()
	l, err := a.LetterService.FindLetterByID(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	events, err := a.LetterService.LetterEvents(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	user := letters.UserFromContext(ctx)
	visible, hidden, masked := a.visibleLetter(user, l)
	if err := a.logPersonalView(c, visible, hidden, masked, "halaman surat"); err != nil { // privacy_audit.go
		a.fail(c, err)
		return
	}
	now := a.now()
	title := "Surat"
	if l.AgendaNumber != "" {
		title = "Surat " + l.AgendaNumber
	}
	page := templates.LetterPage{
		Base:        a.base(c, title),
		Letter:      visible,
		Channel:     a.channelName(l.Channel),
		Responsible: a.Profile.PositionTitle(l.Responsible),
		Complainant: hidden,
		Masked:      masked,
		Deadline:    a.due(l, l.Deadline, now),
		HasReceipt:  a.Receipt != nil,
	}
	page.Error = errMsg
	if l.Holder != "" {
		page.Holder = a.Profile.PositionTitle(l.Holder)
	}
	for _, cl := range a.Profile.Classes {
		if cl.Code == l.Class {
			page.Class = cl.Name
		}
	}
	if l.FirstResponseDue != nil {
		d := a.due(l, *l.FirstResponseDue, now)
		page.FirstResponse = &d
	}
	if a.MailService != nil && hidden != labelConfidential {
		if page.Emails, err = a.MailService.FindMailByLetter(ctx, l.ID); err != nil {
			a.fail(c, err)
			return
		}
	}
	for _, e := range events {
		page.Events = append(page.Events, templates.EventRow{At: e.At, Action: eventLabel(e.Action), To: e.To,
			Actor: e.Actor, Position: a.Profile.PositionTitle(e.Position), Note: e.Note})
	}
	if a.DispositionService != nil && a.DraftService != nil && a.DocumentService != nil {
		// Opening the letter marks the dispositions to the user as opened
		// (they can no longer be withdrawn).
		if err := a.DispositionService.MarkDispositionsOpened(ctx, id); err != nil {
			a.fail(c, err)
			return
		}
		if page.Workflow, err = a.workflowPanel(c, l); err != nil {
			a.fail(c, err)
			return
		}
	}
	for _, act := range letters.AllowedActions(l.Status) {
		if user == nil || !a.Profile.MayPerform(user.Position, act) {
			continue
		}
		if act == letters.ActionDispose && page.Workflow != nil {
			continue // the disposition form of the workflow panel
		}
		f := templates.ActionForm{Action: act, Label: act.Label(), NeedsNote: slices.Contains(noteRequired, act)}
		if act == letters.ActionDispose {
			f.Targets = a.disposeTargets(user.Position)
		}
		page.Actions = append(page.Actions, f)
	}
	a.render(c, status, templates.PageLetter, page)
}

// otherEvents label timeline entries that are not workflow actions.
var otherEvents = map[string]string{
	"create":  "Surat dicatat",
	"receive": "Surat diterima",
	// workflow events (store/draft_chain.go, disposition.go, document.go)
	"paraf":                "Paraf",
	"return_step":          "Dikembalikan dengan catatan",
	"withdraw_disposition": "Disposisi ditarik",
	"deliver_pending":      "Menunggu pengiriman",
	"draft_side":           "Susun naskah",
	"submit_side":          "Ajukan untuk paraf",
	"paraf_side":           "Paraf",
	"sign_side":            "Tandatangani",
	"number_side":          "Registrasi/penomoran",
	"deliver_side":         "Serahkan/kirim",
	"send_back_side":       "Kembalikan dengan catatan",
	"return_step_side":     "Dikembalikan dengan catatan",
}

// eventLabel is the label of a timeline entry.
func eventLabel(action string) string {
	if slices.Contains(letters.Actions, letters.Action(action)) {
		return letters.Action(action).Label()
	}
	if l, ok := otherEvents[action]; ok {
		return l
	}
	if l, ok := letters.MailEvents[action]; ok {
		return l
	}
	return action
}

// disposeTargets are the positions below from in the hierarchy; all other
// positions when none is below it.
func (a *app) disposeTargets(from string) []templates.Option {
	below := map[string]bool{from: true}
	var out []templates.Option
	for changed := true; changed; {
		changed = false
		for _, p := range a.Profile.Positions {
			if !below[p.Code] && below[p.Parent] {
				below[p.Code], changed = true, true
				out = append(out, templates.Option{Value: p.Code, Label: p.Title})
			}
		}
	}
	if len(out) == 0 {
		for _, p := range a.Profile.Positions {
			if p.Code != from {
				out = append(out, templates.Option{Value: p.Code, Label: p.Title})
			}
		}
	}
	return out
}

// transition: POST /surat/:id/aksi performs one workflow action. A refused
// action (403) gets the error page; a conflicting or incomplete one comes
// back to the letter page with the message.
func (a *app) transition(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	in := letters.TransitionInput{
		Action: letters.Action(strings.TrimSpace(c.PostForm("aksi"))),
		Note:   strings.TrimSpace(c.PostForm("catatan")),
		To:     strings.TrimSpace(c.PostForm("tujuan")),
	}
	if in.Action == letters.ActionDispose && a.DispositionService != nil {
		// With the workflow wired, every disposition goes through it: down
		// the hierarchy only, numbered, with its Lembar Disposisi.
		_, err = a.DispositionService.Dispose(c.Request.Context(), letters.DisposeInput{LetterID: id,
			To: []string{in.To}, Note: in.Note})
	} else {
		_, err = a.LetterService.Transition(c.Request.Context(), id, in)
	}
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, fmt.Sprintf("Tindakan %q berhasil dicatat.", in.Action.Label()))
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/surat/%d", id))
	case letters.EINVALID, letters.ECONFLICT:
		status, _, msg := a.publicError(c, err)
		a.showLetter(c, id, status, msg)
	default:
		a.fail(c, err)
	}
}
