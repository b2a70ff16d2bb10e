package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// bearer sends one API request with a token and no cookie.
func (e *env) bearer(method, path, token, body string, header ...string) response {
	e.t.Helper()
	c := e.client()
	var req *http.Request
	if body == "" {
		req, _ = http.NewRequest(method, e.url+path, nil)
	} else {
		req, _ = http.NewRequest(method, e.url+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+token)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

func apiError(t *testing.T, r response) (string, string) {
	t.Helper()
	var v struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("not a JSON error (%d): %s", r.StatusCode, r.body)
	}
	return v.Error.Code, v.Error.Message
}

// A token works for the routes of its scope only (403 with an Indonesian
// message otherwise), never beyond its user's position, without the
// cross-origin check that guards cookies; a revoked, expired or unknown
// token gets one and the same 401.
func TestAPITokenScopes(t *testing.T) {
	f := requireTOTPEnv(t) // tokens are not asked for a second factor
	ctx := context.Background()
	tokens := f.server.TokenService
	newToken := func(username string, days int, scopes ...letters.Scope) (*letters.APIToken, string) {
		t.Helper()
		u, err := f.users.FindUserByUsername(ctx, username)
		if err != nil {
			t.Fatal(err)
		}
		tok := &letters.APIToken{UserID: u.ID, Name: "skrip " + username, Scopes: scopes}
		if days > 0 {
			until := f.clock.Now().Add(time.Duration(days) * 24 * time.Hour)
			tok.ExpiresAt = &until
		}
		secret, err := tokens.CreateToken(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		return tok, secret
	}
	readTok, read := newToken(clerk, 0, letters.ScopeLettersRead)
	_, write := newToken(clerk, 0, letters.ScopeLettersWrite)
	_, analisRead := newToken("analis", 0, letters.ScopeLettersRead)
	_, expiring := newToken(clerk, 1, letters.ScopeLettersRead)
	l := f.createLetter("Tunjangan belum dibayar")
	lp := "/api/v1/letters/" + strconv.FormatInt(l.ID, 10)
	newLetter := `{"channel":"telepon","category":"pengaduan","subject":"Lewat skrip","complainant":{"name":"Penguji","phone":"081234567890"}}`

	wantStatus(t, "list with letters:read", f.bearer("GET", "/api/v1/letters", read, ""), http.StatusOK)
	wantStatus(t, "letter with letters:read", f.bearer("GET", lp, read, ""), http.StatusOK)
	r := f.bearer("POST", "/api/v1/letters", read, newLetter)
	wantStatus(t, "register with letters:read only", r, http.StatusForbidden)
	if code, msg := apiError(t, r); code != letters.EFORBIDDEN || !strings.Contains(msg, "cakupan") || !strings.Contains(msg, "letters:write") {
		t.Errorf("wrong-scope answer: %s %q", code, msg)
	}
	wantStatus(t, "list with letters:write only", f.bearer("GET", "/api/v1/letters", write, ""), http.StatusForbidden)
	// No cookie, so no cross-site forgery: a script's request with the
	// header a browser would add is not refused for it.
	wantStatus(t, "register with letters:write", f.bearer("POST", "/api/v1/letters", write, newLetter, "Sec-Fetch-Site", "cross-site"), http.StatusCreated)
	// A token never grants more than its user: the analis may not open an
	// undisposed complaint in the browser, nor with a token.
	wantStatus(t, "analis's token on an undisposed letter", f.bearer("GET", lp, analisRead, ""), http.StatusForbidden)

	// Cookie requests keep the cross-origin check.
	front := f.client()
	front.login(clerk)
	wantStatus(t, "cookie request from another site", front.post("/api/v1/letters", "application/json", strings.NewReader(newLetter), "Sec-Fetch-Site", "cross-site"), http.StatusForbidden)
	// A bad token with a good cookie: the cookie is not used.
	req, _ := http.NewRequest("GET", f.url+"/api/v1/letters", nil)
	req.Header.Set("Authorization", "Bearer nsk_salah")
	wantStatus(t, "bad token with a session cookie", front.do(req), http.StatusUnauthorized)

	if err := tokens.RevokeToken(ctx, readTok.ID); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "expiring token before expiry", f.bearer("GET", "/api/v1/letters", expiring, ""), http.StatusOK)
	f.clock.Set(f.clock.Now().Add(25 * time.Hour))
	var first string
	for what, secret := range map[string]string{"revoked": read, "expired": expiring, "unknown": "nsk_" + strings.Repeat("A", 43), "not a token": "abc"} {
		r := f.bearer("GET", "/api/v1/letters", secret, "")
		wantStatus(t, what+" token", r, http.StatusUnauthorized)
		if r.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s token: no WWW-Authenticate header", what)
		}
		if first == "" {
			first = r.body
		} else if r.body != first {
			t.Errorf("%s token answers %s, another answered %s: the answers must not tell them apart", what, r.body, first)
		}
	}
}

var newSecret = regexp.MustCompile(`<code class="token-secret" id="token-baru">(nsk_[A-Za-z0-9_-]+)</code>`)

// A member of staff makes a token on /akun/token, sees the secret once,
// uses it, and revokes it; another member of staff cannot revoke it.
func TestTokenPage(t *testing.T) {
	f := newFullEnv(t, "bkad-kalbar")
	front := f.as(clerk)
	r := front.postForm("/akun/token", url.Values{"nama": {"rekap harian"}, "hari": {"30"}})
	wantStatus(t, "token without a scope", r, http.StatusUnprocessableEntity)
	mustContain(t, "token without a scope", r.body, "Cakupan (scope) token wajib diisi")
	r = front.postForm("/akun/token", url.Values{"nama": {"rekap harian"}, "hari": {"30"}, "cakupan": {"letters:read"}})
	wantStatus(t, "make a token", r, http.StatusOK)
	m := newSecret.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("the new token's secret is not shown: %.1000s", r.body)
	}
	secret := m[1]
	list := front.get("/akun/token")
	mustContain(t, "token list", list.body, "rekap harian", "letters:read")
	if strings.Contains(list.body, secret) {
		t.Fatal("the secret is shown again on the list")
	}
	wantStatus(t, "the new token", f.bearer("GET", "/api/v1/letters", secret, ""), http.StatusOK)

	id := regexp.MustCompile(`action="/akun/token/(\d+)/cabut"`).FindStringSubmatch(list.body)
	if id == nil {
		t.Fatal("no revoke button")
	}
	wantStatus(t, "another user revoking", f.as("analis").postForm("/akun/token/"+id[1]+"/cabut", nil), http.StatusForbidden)
	wantStatus(t, "owner revoking", front.postForm("/akun/token/"+id[1]+"/cabut", nil), http.StatusSeeOther)
	mustContain(t, "after revoking", front.get("/akun/token").body, "Dicabut")
	wantStatus(t, "the revoked token", f.bearer("GET", "/api/v1/letters", secret, ""), http.StatusUnauthorized)
}
