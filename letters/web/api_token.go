package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// API tokens (letters.TokenService): a script calls /api/v1 with
// "Authorization: Bearer <secret>". Such a request carries no cookie
// identity (a session cookie sent along is ignored), so cross-site request
// forgery does not apply to it and the cross-origin check is skipped;
// requests with a session cookie keep that protection. The token's user is
// the request's user, so the position's rules apply as to a browser; each
// route also asks for a scope (requireScope).

const ctxToken = "naskah.api_token"

// msgBadToken is the one answer to an unknown, revoked or expired token,
// and to a malformed Authorization header.
const msgBadToken = "Token API tidak dikenal, sudah dicabut, atau kedaluwarsa."

// bearerSecret returns the token of an "Authorization: Bearer" header and
// whether the request has an Authorization header at all.
func bearerSecret(r *http.Request) (string, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if h == "" {
		return "", false
	}
	scheme, secret, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true
	}
	return strings.TrimSpace(secret), true
}

// bearerAuth signs in the token's user for an API request with an
// Authorization header; loadUser then leaves the session alone. 401 for a
// bad token, with the same message whatever was wrong.
func (a *app) bearerAuth(c *gin.Context) {
	secret, has := bearerSecret(c.Request)
	if !has {
		c.Next()
		return
	}
	refuse := func() {
		c.Header("WWW-Authenticate", `Bearer realm="naskah"`)
		a.failJSON(c, letters.Errorf(letters.EUNAUTHORIZED, msgBadToken))
	}
	if a.TokenService == nil || secret == "" {
		refuse()
		return
	}
	tok, user, err := a.TokenService.AuthenticateToken(c.Request.Context(), secret)
	if letters.ErrorCode(err) == letters.EUNAUTHORIZED {
		a.log.Info("web: API token refused", "ip", c.ClientIP())
		refuse()
		return
	} else if err != nil {
		a.failJSON(c, err)
		return
	}
	c.Set(ctxToken, tok)
	c.Request = c.Request.WithContext(letters.NewContextWithUser(c.Request.Context(), user))
	c.Next()
}

// requestToken returns the token a request was authenticated with, or nil
// for a session.
func requestToken(c *gin.Context) *letters.APIToken {
	v, _ := c.Get(ctxToken)
	t, _ := v.(*letters.APIToken)
	return t
}

// requireScope answers 403 to a token request whose token lacks scope.
// Session requests pass: the user's position decides, as on the pages.
func (a *app) requireScope(scope letters.Scope) gin.HandlerFunc {
	return func(c *gin.Context) {
		if t := requestToken(c); t != nil && !t.HasScope(scope) {
			a.failJSON(c, letters.Errorf(letters.EFORBIDDEN,
				"Token API %q tidak memiliki cakupan %q yang diperlukan untuk permintaan ini. Buat token dengan cakupan tersebut di /akun/token.",
				t.Name, scope))
			return
		}
		c.Next()
	}
}

// skipCrossOriginForBearer sends API requests that carry an Authorization
// header past the cross-origin check (they are authenticated by the token,
// never by a cookie: bearerAuth ignores the session); everything else goes
// through protected.
func skipCrossOriginForBearer(protected, raw http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, has := bearerSecret(r); has && strings.HasPrefix(r.URL.Path, "/api/") {
			raw.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	})
}
