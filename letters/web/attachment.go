package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// servedTypes are the content types sent as they are; anything else is
// sent as application/octet-stream.
var servedTypes = map[string]bool{"application/pdf": true, "image/jpeg": true, "image/png": true}

// attachment: GET /lampiran/:id, always as a download (Content-Disposition
// attachment, nosniff), never shown inline in Naskah's origin. The file
// follows its letter: whoever may not read the letter gets the letter's
// answer (404), and the files of a confidential complaint (which may show
// the complainant: a KTP, a signature) go only to the complaint officer.
func (a *app) attachment(c *gin.Context) {
	id, err := letterID(c, "Lampiran")
	if err != nil {
		a.fail(c, err)
		return
	}
	if a.AttachmentService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Lampiran tidak ditemukan."))
		return
	}
	ctx := c.Request.Context()
	att, err := a.AttachmentService.FindAttachmentByID(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	l, err := a.LetterService.FindLetterByID(ctx, att.LetterID) // applies who may see the letter
	if err != nil {
		a.fail(c, err)
		return
	}
	if _, hidden, _ := a.visibleLetter(letters.UserFromContext(ctx), l); hidden == labelConfidential {
		a.fail(c, letters.Errorf(letters.EFORBIDDEN,
			"Lampiran pengaduan yang identitas pengadunya dirahasiakan hanya dapat dibuka oleh petugas pengaduan."))
		return
	}
	rc, err := a.AttachmentService.OpenAttachment(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	defer rc.Close()
	ctype := att.ContentType
	if !servedTypes[ctype] {
		ctype = "application/octet-stream"
	}
	name := att.Name
	if name == "" {
		name = "lampiran-" + strconv.FormatInt(att.ID, 10)
	}
	h := c.Writer.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	if att.Size > 0 {
		h.Set("Content-Length", strconv.FormatInt(att.Size, 10))
	}
	c.Status(http.StatusOK)
	if _, err := io.Copy(c.Writer, rc); err != nil {
		a.log.Warn("web: send attachment", "attachment", id, "err", err)
	}
}
