package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLoginWithWrongPasswordFailsGenerically(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	wrong := c.postForm("/masuk", url.Values{"username": {clerk}, "password": {"salah-sekali"}})
	unknown := c.postForm("/masuk", url.Values{"username": {"tidak.ada"}, "password": {testPassword}})
	for name, r := range map[string]response{"wrong password": wrong, "unknown user": unknown} {
		if r.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, r.StatusCode)
		}
		mustContain(t, name, r.body, "Nama pengguna atau kata sandi salah.")
		if cookies := r.Header.Values("Set-Cookie"); len(cookies) > 0 {
			t.Errorf("%s: a cookie was set: %v", name, cookies)
		}
	}
	mustContain(t, "wrong password", wrong.body, `value="frontoffice"`) // the username is kept
	if r := c.get("/agenda"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/masuk") {
		t.Errorf("after a failed sign-in /agenda answered %d %q, want a redirect to /masuk", r.StatusCode, r.Header.Get("Location"))
	}
}

func TestLoginSetsAHardenedSessionAndLogoutEndsIt(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	if r := c.get("/agenda"); r.Header.Get("Location") != "/masuk?next=%2Fagenda" {
		t.Fatalf("/agenda without a session: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	r := c.postForm("/masuk", url.Values{"username": {clerk}, "password": {testPassword}, "next": {"/surat/baru"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/surat/baru" {
		t.Fatalf("login: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	cookie := r.Header.Get("Set-Cookie")
	mustContain(t, "session cookie", cookie, "naskah_sesi=", "HttpOnly", "SameSite=Lax", "Max-Age=28800")
	first := cookie

	r = c.get("/agenda")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("/agenda after login: %d", r.StatusCode)
	}
	mustContain(t, "agenda", r.body, "Buku Agenda", "Siti Nurhaliza", "Keluar")

	// Signing in again rotates the cookie.
	r = c.postForm("/masuk", url.Values{"username": {clerk}, "password": {testPassword}})
	if r.Header.Get("Set-Cookie") == first {
		t.Error("the session cookie was not renewed at sign-in")
	}

	// An open redirect is refused.
	r = c.postForm("/masuk", url.Values{"username": {clerk}, "password": {testPassword}, "next": {"//evil.example/x"}})
	if r.Header.Get("Location") != "/agenda" {
		t.Errorf("next=//evil.example redirected to %q", r.Header.Get("Location"))
	}

	r = c.postForm("/keluar", nil)
	if r.StatusCode != http.StatusSeeOther || !strings.Contains(r.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("logout: %d, Set-Cookie %q", r.StatusCode, r.Header.Get("Set-Cookie"))
	}
	if r := c.get("/agenda"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("/agenda after logout: %d, want a redirect", r.StatusCode)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	for _, path := range []string{"/masuk", "/lacak", "/tidak-ada", "/static/style.css", "/agenda"} {
		r := c.get(path)
		for k, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'",
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Referrer-Policy":         "same-origin",
		} {
			if got := r.Header.Get(k); !strings.Contains(got, want) {
				t.Errorf("%s: %s = %q, want %q", path, k, got, want)
			}
		}
	}
	r := c.get("/tidak-ada")
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown path: %d", r.StatusCode)
	}
	mustContain(t, "404 page", r.body, "Halaman tidak ditemukan.")
	if r := c.get("/static/style.css"); r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("style sheet: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

// CSRF: a state-changing request from another site is refused before it
// reaches a handler, even with the victim's session cookie.
func TestCrossOriginPostIsRefused(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	c.login(clerk)
	form := url.Values{"saluran": {"tatap_muka"}, "kategori": {"pengaduan"}, "perihal": {"Serangan CSRF"},
		"nama": {"Budi"}, "nik": {"6171010101900001"}}
	for _, h := range [][]string{
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", "http://evil.example"},
	} {
		r := c.postForm("/surat", form, h...)
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("POST /surat with %s: %s answered %d, want 403", h[0], h[1], r.StatusCode)
		}
		mustContain(t, "refusal", r.body, "dikirim dari situs lain")
	}
	if n := e.count(); n != 0 {
		t.Fatalf("a cross-origin form registered %d letters", n)
	}
	r := c.postForm("/surat", form, "Sec-Fetch-Site", "same-origin")
	if r.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin POST /surat: %d, want 303; body: %s", r.StatusCode, r.body)
	}
}
