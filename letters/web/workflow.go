package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// workflowRoutes registers the disposition, drafting and document pages.
// Every action is checked by the services on the server (a wrong position
// gets 403 whatever the page showed); the pages only hide what the user
// could not do anyway.
func (a *app) workflowRoutes(root, staff *gin.RouterGroup) {
	if a.DraftService == nil || a.DispositionService == nil || a.DocumentService == nil {
		return
	}
	root.GET("/verifikasi/:code", a.verifyPage)
	root.POST("/verifikasi/:code", a.verifyUpload)

	staff.GET("/tugas", a.tasks)
	staff.POST("/surat/:id/disposisi", a.dispose)
	staff.POST("/surat/:id/tanpa-disposisi", a.skipDisposition)
	staff.POST("/disposisi/:id/tarik", a.withdrawDisposition)
	staff.GET("/disposisi/:id/lembar.pdf", a.dispositionSheet)
	staff.POST("/surat/:id/konsep", a.createDraft)
	staff.GET("/konsep/:id", a.draftPage)
	staff.POST("/konsep/:id", a.saveDraft)
	staff.GET("/konsep/:id/pratinjau.pdf", a.previewDraft)
	staff.POST("/konsep/:id/:action", a.draftAction)
	staff.GET("/dokumen/:file", a.documentPDF)
}

// acting returns the positions the user acts for now (own and delegated).
func (a *app) acting(c *gin.Context) map[string]string {
	user := letters.UserFromContext(c.Request.Context())
	out := map[string]string{}
	if user == nil {
		return out
	}
	out[user.Position] = ""
	if a.DelegationService != nil {
		if m, err := a.DelegationService.ActingPositions(c.Request.Context()); err == nil {
			out = m
		}
	}
	return out
}

// workflowPanel builds the workflow part of the letter page.
func (a *app) workflowPanel(c *gin.Context, l *letters.Letter) (*templates.WorkflowPanel, error) {
	ctx := c.Request.Context()
	p := a.Profile
	acting := a.acting(c)
	ds, err := a.DispositionService.FindDispositions(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	w := &templates.WorkflowPanel{Instructions: letters.DispositionInstructions, Natures: letters.DispositionNatures,
		DueDefault: l.Deadline.In(a.cal.Location()).Format("2006-01-02")}
	received := map[string]bool{}
	for _, d := range ds {
		row := templates.DispositionRow{ID: d.ID, Number: d.Number, From: p.PositionTitle(d.FromPosition), By: d.By,
			Instructions: d.Instructions, Nature: d.Nature, Due: d.Due, At: d.At, OpenedAt: d.OpenedAt,
			WithdrawnAt: d.WithdrawnAt, HasSheet: d.SheetSHA256 != ""}
		for _, t := range d.ToPositions {
			row.To = append(row.To, p.PositionTitle(t))
			if _, ok := acting[t]; ok && d.Live() {
				received[t] = true
			}
		}
		_, mine := acting[d.FromPosition]
		row.CanWithdraw = mine && d.Live() && d.OpenedAt == nil
		w.Dispositions = append(w.Dispositions, row)
	}
	if _, err := letters.NextStatus(l.Status, letters.ActionDispose); err == nil {
		seen := map[string]bool{}
		for pos := range acting {
			if !received[pos] && !p.MayPerform(pos, letters.ActionDispose) {
				continue
			}
			w.CanDispose = true
			for _, t := range p.DisposeTargets(pos) {
				if !seen[t.Code] {
					seen[t.Code] = true
					w.DisposeTargets = append(w.DisposeTargets, templates.Option{Value: t.Code, Label: t.Title})
				}
			}
		}
		w.CanDispose = w.CanDispose && len(w.DisposeTargets) > 0
		for pos := range acting {
			w.CanSkip = w.CanSkip || (p.MayPerform(pos, letters.ActionDispose) && l.Status != letters.StatusDisposed)
		}
	}
	drafts, err := a.DraftService.FindDrafts(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	open := map[string]bool{}
	for _, d := range drafts {
		w.Drafts = append(w.Drafts, templates.DraftRow{ID: d.ID, Title: d.Title, State: draftStateLabel(d.State),
			Holder: p.PositionTitle(d.Holder), Version: d.Version})
		if d.State == letters.DraftDrafting || d.State == letters.DraftInReview {
			open[d.Type] = true
		}
	}
	for _, doc := range p.DraftableDocuments() {
		if open[doc.Code] {
			continue
		}
		if doc.Code != letters.DocKelengkapan {
			if _, err := letters.NextStatus(l.Status, letters.ActionDraft); err != nil {
				continue
			}
		} else if !l.Status.Open() {
			continue
		}
		for pos := range acting {
			if p.MayDraft(pos, doc.Code) || (l.Holder == pos && l.Status == letters.StatusDisposed) {
				w.NewDrafts = append(w.NewDrafts, templates.Option{Value: doc.Code, Label: doc.Name})
				break
			}
		}
	}
	docs, err := a.DocumentService.FindDocuments(ctx, letters.DocumentFilter{LetterID: l.ID})
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		w.Documents = append(w.Documents, documentRow(doc))
	}
	return w, nil
}

var draftStates = map[string]string{
	letters.DraftDrafting: "penyusunan konsep", letters.DraftInReview: "paraf berjenjang",
	letters.DraftSigned: "ditandatangani", letters.DraftRegistered: "teregistrasi", letters.DraftDelivered: "diserahkan",
}

func draftStateLabel(s string) string {
	if l, ok := draftStates[s]; ok {
		return l
	}
	return s
}

var deliveryLabels = map[string]string{
	letters.DeliverEmail: "email", letters.DeliverPrint: "diserahkan dalam bentuk cetak", letters.DeliverLapor: "tindak lanjut SP4N-LAPOR!",
}

func documentRow(doc *letters.IssuedDocument) templates.DocumentRow {
	r := templates.DocumentRow{ID: doc.ID, Number: doc.Number, Title: doc.Title, Signer: doc.Signer.Name,
		SignedAt: doc.SignedAt, VerifyCode: doc.VerifyCode, DeliveredAt: doc.DeliveredAt, ReceivedBy: doc.ReceivedBy,
		LaporText: doc.LaporText}
	if doc.Delivery != "" {
		r.Delivery = deliveryLabels[doc.Delivery]
		if doc.DeliveredAt == nil {
			r.Delivery += " (menunggu pengiriman)"
		}
	}
	return r
}

// actionDone redirects to to with a notice, or shows err: 403/404 on the
// error page, a bad input or a conflict back on the letter page.
func (a *app) actionDone(c *gin.Context, err error, letterID int64, to, notice string) {
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, notice)
		c.Redirect(http.StatusSeeOther, to)
	case letters.EINVALID, letters.ECONFLICT:
		status, _, msg := a.publicError(c, err)
		if strings.HasPrefix(to, "/konsep/") {
			id, _ := strconv.ParseInt(strings.TrimPrefix(to, "/konsep/"), 10, 64)
			a.showDraft(c, id, status, msg)
			return
		}
		a.showLetter(c, letterID, status, msg)
	default:
		a.fail(c, err)
	}
}

// dispose: POST /surat/:id/disposisi.
func (a *app) dispose(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	in := letters.DisposeInput{LetterID: id, To: c.PostFormArray("kepada"), Instructions: c.PostFormArray("instruksi"),
		Note: c.PostForm("catatan"), Nature: c.PostForm("sifat")}
	if s := strings.TrimSpace(c.PostForm("batas")); s != "" {
		due, err := a.parseDate(s, "Batas waktu disposisi")
		if err != nil {
			a.actionDone(c, err, id, "", "")
			return
		}
		t := due.Add(24*time.Hour - time.Second) // the end of that day in the office's zone
		in.Due = &t
	}
	d, err := a.DispositionService.Dispose(c.Request.Context(), in)
	msg := ""
	if err == nil {
		msg = "Disposisi " + d.Number + " tercatat."
	}
	a.actionDone(c, err, id, fmt.Sprintf("/surat/%d", id), msg)
}
