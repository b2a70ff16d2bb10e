package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// saveDraft: POST /konsep/:id stores the form as a new version.
func (a *app) saveDraft(c *gin.Context) {
	id, err := letterID(c, "Konsep")
	if err != nil {
		a.fail(c, err)
		return
	}
	in := letters.DraftInput{Addressee: c.PostForm("tujuan"), Body: c.PostForm("isi"), Note: c.PostForm("catatan"),
		Fields: map[string]string{}}
	if err := c.Request.ParseForm(); err == nil {
		for k, vs := range c.Request.PostForm {
			if key, ok := strings.CutPrefix(k, "f."); ok && len(vs) > 0 {
				in.Fields[key] = vs[0]
			}
		}
	}
	v, err := a.DraftService.SaveDraft(c.Request.Context(), id, in)
	msg := ""
	if err == nil {
		msg = fmt.Sprintf("Tersimpan sebagai versi %d.", v.Version)
	}
	a.actionDone(c, err, 0, fmt.Sprintf("/konsep/%d", id), msg)
}

// previewDraft: GET /konsep/:id/pratinjau.pdf, the latest version as KONSEP:
// a download, or with ?tampil=1 inline for the frame of the draft page.
func (a *app) previewDraft(c *gin.Context) {
	id, err := letterID(c, "Konsep")
	if err != nil {
		a.fail(c, err)
		return
	}
	data, err := a.DraftService.PreviewDraft(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	if c.Query("tampil") == "1" { // the frame beside the editor on the draft page
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", previewFrameCSP)
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Content-Disposition", fmt.Sprintf(`inline; filename="konsep-%d.pdf"`, id))
		c.Data(http.StatusOK, "application/pdf", data)
		return
	}
	sendPDF(c, fmt.Sprintf("konsep-%d", id), data)
}

// previewFrameCSP is the policy of the draft's PDF shown inline in the draft
// page's frame: a PDF Naskah rendered itself (never a user's file), shown
// by the browser's viewer, framed only by Naskah's own pages.
const previewFrameCSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'"

// draftAction: POST /konsep/:id/{ajukan,paraf,kembalikan,tandatangani,registrasi,serahkan}.
func (a *app) draftAction(c *gin.Context) {
	id, err := letterID(c, "Konsep")
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	var msg string
	switch c.Param("action") {
	case "ajukan":
		_, err = a.DraftService.SubmitDraft(ctx, id)
		msg = "Konsep diajukan untuk paraf."
	case "paraf":
		_, err = a.DraftService.ApproveDraft(ctx, id, c.PostForm("catatan"))
		msg = "Paraf tercatat."
	case "kembalikan":
		step, perr := strconv.Atoi(c.PostForm("tahap"))
		if perr != nil {
			step = -1
		}
		_, err = a.DraftService.ReturnDraft(ctx, id, step, c.PostForm("catatan"))
		msg = "Konsep dikembalikan dengan catatan."
	case "tandatangani":
		var doc *letters.IssuedDocument
		if after := strings.TrimSpace(c.PostForm("sisip")); after != "" {
			seq, perr := strconv.Atoi(after)
			if perr != nil {
				seq = -1
			}
			doc, err = a.DraftService.SignDraftInserted(ctx, id, seq)
		} else {
			doc, err = a.DraftService.SignDraft(ctx, id)
		}
		if err == nil {
			msg = "Ditandatangani dengan nomor " + doc.Number + "."
		}
	case "registrasi":
		_, err = a.DraftService.RegisterDraft(ctx, id)
		msg = "Registrasi/penomoran tercatat."
	case "serahkan":
		var doc *letters.IssuedDocument
		if doc, err = a.DraftService.DeliverDraft(ctx, id, letters.DeliveryInput{Method: c.PostForm("cara"),
			ReceivedBy: c.PostForm("penerima"), Note: c.PostForm("catatan")}); err == nil {
			msg = "Penyerahan tercatat."
			if doc.DeliveredAt == nil {
				msg = "Menunggu pengiriman email."
			}
		}
	default:
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan."))
		return
	}
	a.actionDone(c, err, 0, fmt.Sprintf("/konsep/%d", id), msg)
}

// documentPDF: GET /dokumen/:id.pdf, the signed bytes exactly as stored.
func (a *app) documentPDF(c *gin.Context) {
	s, ok := strings.CutSuffix(c.Param("file"), ".pdf")
	id, err := strconv.ParseInt(s, 10, 64)
	if !ok || err != nil || id <= 0 {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Dokumen tidak ditemukan."))
		return
	}
	ctx := c.Request.Context()
	doc, err := a.DocumentService.FindDocumentByID(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	data, err := a.DocumentService.DocumentPDF(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	sendPDF(c, doc.Title+"-"+doc.Number, data)
}
