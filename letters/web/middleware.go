package web

import (
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// contentSecurityPolicy allows only this origin's own files: no inline
// script or style, no frames, forms posting only here.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the security headers on every response, including
// the ones gin and the cross-origin check write themselves. Pages carry
// personal data, so nothing is cached unless a handler says otherwise.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps every request body; reading past the cap fails with
// *http.MaxBytesError, which the handlers turn into ETOOLARGE.
func limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxRequestBody)
	}
	c.Next()
}

// requestLog logs one line per request. The query string is left out: it
// may hold a tracking code or a search for a person's name.
func (a *app) requestLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	if strings.HasPrefix(c.Request.URL.Path, "/static/") {
		level = slog.LevelDebug
	}
	a.log.LogAttrs(c.Request.Context(), level, "http",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", c.Writer.Status()),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Duration("duration", time.Since(start)),
		slog.String("ip", c.ClientIP()),
		slog.Int64("user", letters.UserIDFromContext(c.Request.Context())),
	)
}

// recovered handles a panic in a handler: the panic and its stack go to the
// log, the user gets the generic error page.
func (a *app) recovered(c *gin.Context, rec any) {
	a.log.Error("web: panic", "method", c.Request.Method, "path", c.Request.URL.Path,
		"panic", rec, "stack", string(debug.Stack()))
	a.fail(c, letters.Errorf(letters.EINTERNAL, "panic"))
}

// requireUser sends visitors without a session to the sign-in page, and
// back here afterwards.
func (a *app) requireUser(c *gin.Context) {
	if letters.UserFromContext(c.Request.Context()) != nil {
		c.Next()
		return
	}
	target := "/masuk"
	if c.Request.Method == http.MethodGet {
		target += "?next=" + url.QueryEscape(c.Request.URL.RequestURI())
	}
	c.Redirect(http.StatusSeeOther, target)
	c.Abort()
}

// requireAPIUser answers 401 in JSON to API calls without a session.
func (a *app) requireAPIUser(c *gin.Context) {
	if letters.UserFromContext(c.Request.Context()) != nil {
		c.Next()
		return
	}
	a.failJSON(c, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu."))
}

// crossOriginDenied answers a state-changing request sent from another
// site, e.g. a form on a foreign page posting to Naskah.
func (a *app) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	a.log.Warn("web: cross-origin request refused", "method", r.Method, "path", r.URL.Path,
		"sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "origin", r.Header.Get("Origin"))
	msg := "Permintaan ditolak karena dikirim dari situs lain. Buka Naskah langsung, muat ulang halaman, lalu coba lagi."
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSONError(w, http.StatusForbidden, letters.EFORBIDDEN, msg)
		return
	}
	a.writePage(w, http.StatusForbidden, a.errorPage(nil, http.StatusForbidden, msg))
}

// notFound answers any unknown path.
func (a *app) notFound(c *gin.Context) {
	err := letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan.")
	if strings.HasPrefix(c.Request.URL.Path, "/api/") {
		a.failJSON(c, err)
		return
	}
	a.fail(c, err)
}
