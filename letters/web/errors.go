package web

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// genericMessage is all a user learns of an internal error; the error
// itself goes to the log.
const genericMessage = "Terjadi kesalahan pada sistem. Silakan coba lagi; jika masih terjadi, hubungi admin."

// statusOf is the one mapping from error codes to HTTP statuses.
func statusOf(code string) int {
	switch code {
	case letters.EINVALID:
		return http.StatusUnprocessableEntity
	case letters.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case letters.EFORBIDDEN:
		return http.StatusForbidden
	case letters.ENOTFOUND:
		return http.StatusNotFound
	case letters.ECONFLICT:
		return http.StatusConflict
	case letters.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

var statusTitles = map[int]string{
	http.StatusUnprocessableEntity:   "Isian tidak valid",
	http.StatusUnauthorized:          "Silakan masuk",
	http.StatusForbidden:             "Akses ditolak",
	http.StatusNotFound:              "Tidak ditemukan",
	http.StatusConflict:              "Tidak dapat diproses",
	http.StatusRequestEntityTooLarge: "Kiriman terlalu besar",
	http.StatusInternalServerError:   "Kesalahan sistem",
}

// publicError returns the status and the message a user may see for err.
// Internal errors are logged here, with the request, and replaced by the
// generic message: their text never reaches the client.
func (a *app) publicError(c *gin.Context, err error) (int, string, string) {
	code := letters.ErrorCode(err)
	if code == letters.EINTERNAL {
		a.log.Error("web: internal error", "method", c.Request.Method, "path", c.Request.URL.Path,
			"user", letters.UserIDFromContext(c.Request.Context()), "err", err)
		return http.StatusInternalServerError, code, genericMessage
	}
	return statusOf(code), code, letters.ErrorMessage(err)
}

// fail answers a page request with the error page; a missing or expired
// session goes to the sign-in page instead.
func (a *app) fail(c *gin.Context, err error) {
	status, code, msg := a.publicError(c, err)
	if code == letters.EUNAUTHORIZED {
		c.Redirect(http.StatusSeeOther, "/masuk")
		c.Abort()
		return
	}
	a.writePage(c.Writer, status, a.errorPage(letters.UserFromContext(c.Request.Context()), status, msg))
	c.Abort()
}

// failJSON answers an API request: {"error": {"code": …, "message": …}}.
func (a *app) failJSON(c *gin.Context, err error) {
	status, code, msg := a.publicError(c, err)
	writeJSONError(c.Writer, status, code, msg)
	c.Abort()
}

func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	body, _ := json.Marshal(map[string]any{"error": map[string]string{"code": code, "message": msg}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

func (a *app) errorPage(user *letters.User, status int, msg string) templates.ErrorPage {
	title := statusTitles[status]
	if title == "" {
		title = http.StatusText(status)
	}
	return templates.ErrorPage{
		Base:    templates.Base{Title: title, Office: a.Profile.Office.ShortName, User: user},
		Status:  status,
		Message: msg,
	}
}

// writePage renders an error page outside gin's flow (also used by fail).
func (a *app) writePage(w http.ResponseWriter, status int, page templates.ErrorPage) {
	var buf bytes.Buffer
	if err := a.tmpl.Render(&buf, templates.PageError, page); err != nil {
		a.log.Error("web: render error page", "err", err)
		http.Error(w, genericMessage, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// render writes page with status. A template failure is an internal error.
func (a *app) render(c *gin.Context, status int, page string, data any) {
	var buf bytes.Buffer
	if err := a.tmpl.Render(&buf, page, data); err != nil {
		a.fail(c, err)
		return
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}
