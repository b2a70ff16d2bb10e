package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// In a real browser, with the second factor required: the head signs in,
// lands on the enrolment page whose QR code is drawn (the CSP allows the
// data: image) and fits a phone, types the authenticator's code and
// reaches the agenda; then makes an API token on /akun/token and sees its
// secret once. No console errors, no broken links.
func TestBrowserEnrolAndMakeToken(t *testing.T) {
	f := requireTOTPEnv(t)
	b := newBrowser(t, f.url)
	b.open("/masuk", http.StatusOK)
	b.fill(map[string]string{"username": "kepala", "password": testPassword})
	if status, path := b.submit(`form[action="/masuk"] button[type=submit]`); status != http.StatusOK || !strings.HasPrefix(path, "/akun/totp") {
		t.Fatalf("head after the password: status %d at %s, want the enrolment page", status, path)
	}
	drawn, err := chromedp.Run(b.ctx, chromedp.Evaluate[int64](`document.querySelector('img.qr').naturalWidth`))
	if err != nil || drawn < 100 {
		t.Fatalf("QR code not drawn (natural width %d): %v", drawn, err)
	}
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"phone", 390, 844}, {"desktop", 1280, 900}} {
		b.viewport(vp.width, vp.height)
		if n := b.overflow(); n > 0 {
			t.Errorf("enrolment page on a %s is %d px too wide", vp.name, n)
		}
		b.snap("totp-" + vp.name)
	}
	secret := strings.ReplaceAll(b.text("code.totp-secret"), " ", "")
	code, err := totp.GenerateCode(secret, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	head, err := f.users.FindUserByUsername(context.Background(), "kepala")
	if err != nil {
		t.Fatal(err)
	}
	activation, err := f.users.IssueTOTPActivation(context.Background(), head.ID, false) // as the admin hands it over
	if err != nil {
		t.Fatal(err)
	}
	b.fill(map[string]string{"aktivasi": activation, "kode": code})
	if status, path := b.submit(`form[action="/akun/totp"] button[type=submit]`); status != http.StatusOK || path != "/agenda" {
		t.Fatalf("after the code: status %d at %s, want /agenda", status, path)
	}

	b.open("/akun/token", http.StatusOK)
	b.fill(map[string]string{"nama": "rekap harian", "hari": "90"})
	b.check("cakupan-0") // letters:read
	if status, path := b.submit(`form[action="/akun/token"] button[type=submit]`); status != http.StatusOK || path != "/akun/token" {
		t.Fatalf("make a token: status %d at %s", status, path)
	}
	if s := b.text("#token-baru"); !strings.HasPrefix(s, "nsk_") {
		t.Fatalf("the new token's secret is not shown: %q", s)
	}
	wantStatus(t, "the token made in the browser", f.bearer("GET", "/api/v1/letters", b.text("#token-baru"), ""), http.StatusOK)
	b.viewport(390, 844)
	if n := b.overflow(); n > 0 {
		t.Errorf("token page on a phone is %d px too wide", n)
	}
	b.snap("token-phone")
	if broken := b.brokenLinks(); len(broken) > 0 {
		t.Errorf("broken links on /akun/token: %v", broken)
	}
	b.checkConsole()
}
