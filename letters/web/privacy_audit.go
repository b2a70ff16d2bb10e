package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// personalDataLogger is implemented by an AuditService that records views
// of personal data (store.AuditService does).
type personalDataLogger interface {
	LogPersonalDataView(ctx context.Context, letterID int64, fields []string, where string) error
}

// msgViewNotLogged is shown instead of a page whose view of personal data
// could not be recorded.
const msgViewNotLogged = "Data pribadi pengadu tidak ditampilkan karena tampilan ini gagal dicatat dalam log audit. Coba lagi beberapa saat lagi."

// logPersonalView records that the signed-in user is being shown the
// complainant of v (as visibleLetter returned it) unmasked. Personal data
// is never shown unaccounted for: the audit row is written while the rest
// of the page is built (issue 8: the commit, shared with other views, no
// longer queues in front of the page's reads), and nothing of the response
// leaves before the row is durable. When it cannot be recorded, the
// response becomes an error instead (auditGate).
func (a *app) logPersonalView(c *gin.Context, v *letters.Letter, hidden string, masked bool, where string) error {
	p := v.Complainant
	if hidden != "" || masked {
		return nil
	}
	var fields []string
	if p.NIK != "" {
		fields = append(fields, "NIK")
	}
	if p.Phone != "" {
		fields = append(fields, "telepon")
	}
	if p.Address != "" {
		fields = append(fields, "alamat")
	}
	if len(fields) == 0 {
		return nil
	}
	l, ok := a.AuditService.(personalDataLogger)
	if !ok {
		return nil
	}
	done := make(chan error, 1)
	ctx, id := c.Request.Context(), v.ID
	go func() { done <- l.LogPersonalDataView(ctx, id, fields, where) }()
	c.Writer = &auditGate{ResponseWriter: c.Writer, a: a, c: c, done: done}
	return nil
}

// auditGate holds the response back until the view's audit row is
// committed. If that failed, it sends an error in place of the page (no
// byte of which has left yet) and drops the page.
type auditGate struct {
	gin.ResponseWriter
	a      *app
	c      *gin.Context
	done   <-chan error
	waited bool
	failed bool
}

// pass waits for the audit row once and reports whether the page may go.
func (g *auditGate) pass() bool {
	if g.waited {
		return !g.failed
	}
	g.waited = true
	err := <-g.done
	if err == nil {
		return true
	}
	g.failed = true
	g.a.log.Error("web: personal data view not logged; page withheld", "path", g.c.Request.URL.Path, "err", err)
	w := g.ResponseWriter
	for _, h := range []string{"Content-Type", "Content-Length", "Content-Disposition"} {
		w.Header().Del(h)
	}
	if strings.HasPrefix(g.c.Request.URL.Path, "/api/") {
		writeJSONError(w, http.StatusInternalServerError, letters.EINTERNAL, msgViewNotLogged)
	} else {
		g.a.writePage(w, http.StatusInternalServerError,
			g.a.errorPage(letters.UserFromContext(g.c.Request.Context()), http.StatusInternalServerError, msgViewNotLogged))
	}
	return false
}

func (g *auditGate) Write(b []byte) (int, error) {
	if !g.pass() {
		return len(b), nil
	}
	return g.ResponseWriter.Write(b)
}

func (g *auditGate) WriteString(s string) (int, error) {
	if !g.pass() {
		return len(s), nil
	}
	return g.ResponseWriter.WriteString(s)
}

func (g *auditGate) WriteHeaderNow() {
	if g.pass() {
		g.ResponseWriter.WriteHeaderNow()
	}
}

func (g *auditGate) Flush() {
	if g.pass() {
		g.ResponseWriter.Flush()
	}
}
