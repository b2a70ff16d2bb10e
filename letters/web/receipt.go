package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// receipt: GET /surat/:id/tanda-bukti.pdf, the Tanda Bukti Pengaduan. The
// PDF is rendered whole before anything is sent, so a failure is a clean
// error page rather than half a file.
func (a *app) receipt(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	if a.Receipt == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Tanda bukti pengaduan belum tersedia di kantor ini."))
		return
	}
	l, err := a.LetterService.FindLetterByID(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := a.Receipt(&buf, l); err != nil {
		a.fail(c, fmt.Errorf("web: receipt of letter %d: %w", id, err))
		return
	}
	name := "tanda-bukti-" + strconv.FormatInt(l.ID, 10) + ".pdf"
	if l.AgendaNumber != "" {
		name = "Tanda-Bukti-" + strings.NewReplacer("/", "-", "\\", "-").Replace(l.AgendaNumber) + ".pdf"
	}
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}
