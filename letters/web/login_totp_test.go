package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// A user with a second factor is not signed in by the password alone: the
// authenticator's code is asked next, a wrong or reused code is refused, the
// right one signs in and leads on to the page asked for.
func TestSecondFactorSignIn(t *testing.T) {
	e := newEnv(t, nil)
	u, err := e.users.FindUserByUsername(context.Background(), officer)
	if err != nil {
		t.Fatal(err)
	}
	secret, uri, err := e.users.EnrollTOTP(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) < 16 || uri == "" {
		t.Fatalf("enrol: secret %q, uri %q", secret, uri)
	}
	c := e.client()
	r := c.postForm("/masuk", url.Values{"username": {officer}, "password": {testPassword}, "next": {"/surat/baru"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/masuk/kode" {
		t.Fatalf("password of a user with a second factor: %d → %q, want the code form", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.get("/agenda"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("agenda before the code: %d, want a redirect to sign in", r.StatusCode)
	}
	mustContain(t, "code form", c.get("/masuk/kode").body, `name="kode"`)
	if r := c.postForm("/masuk/kode", url.Values{"kode": {"000000"}}); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong code: %d, want 401", r.StatusCode)
	}
	code, err := totp.GenerateCode(secret, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	r = c.postForm("/masuk/kode", url.Values{"kode": {code[:3] + " " + code[3:]}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/surat/baru" {
		t.Fatalf("right code: %d → %q, want /surat/baru", r.StatusCode, r.Header.Get("Location"))
	}
	if r := c.get("/agenda"); r.StatusCode != http.StatusOK {
		t.Fatalf("agenda after the code: %d", r.StatusCode)
	}

	// The same code again, in another browser: refused.
	c2 := e.client()
	c2.postForm("/masuk", url.Values{"username": {officer}, "password": {testPassword}})
	if r := c2.postForm("/masuk/kode", url.Values{"kode": {code}}); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("reused code: %d, want 401", r.StatusCode)
	}
	// The next step's code works; a form left open too long does not.
	e.clock.Set(e.clock.Now().Add(30 * time.Second))
	next, _ := totp.GenerateCode(secret, e.clock.Now())
	e.clock.Set(e.clock.Now().Add(6 * time.Minute))
	if r := c2.postForm("/masuk/kode", url.Values{"kode": {next}}); r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("code after the form expired: %d, want 401", r.StatusCode)
	}
	c2.postForm("/masuk", url.Values{"username": {officer}, "password": {testPassword}})
	now, _ := totp.GenerateCode(secret, e.clock.Now())
	if r := c2.postForm("/masuk/kode", url.Values{"kode": {now}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("fresh code: %d, want 303", r.StatusCode)
	}
	// Users without a second factor still sign in with the password.
	e.client().login(clerk)
}
