package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"github.com/pquerna/otp/totp"
)

var activationOnPage = regexp.MustCompile(`[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}`)

// The admin makes a signer's activation code on the users page and sees
// it once; with it the signer enrols; the page then offers a reset (a lost
// telephone), which removes the factor and makes a new code.
func TestAdminMakesActivationCodes(t *testing.T) {
	f := newFullEnv(t, "bkad-kalbar")
	head, err := f.users.FindUserByUsername(context.Background(), "kepala")
	if err != nil {
		t.Fatal(err)
	}
	adm := f.client()
	adm.login(admin)
	action := "/admin/pengguna/" + strconv.FormatInt(head.ID, 10) + "/faktor-kedua"
	page := adm.get("/admin/pengguna")
	wantStatus(t, "users page", page, http.StatusOK)
	mustContain(t, "users page", page.body, `action="`+action+`"`, "Buat kode aktivasi")

	r := adm.postForm(action, nil)
	wantStatus(t, "make a code", r, http.StatusSeeOther)
	shown := adm.get("/admin/pengguna").body
	code := activationOnPage.FindString(shown)
	if code == "" {
		t.Fatalf("the code is not shown after making it: %.600s", shown)
	}
	if again := adm.get("/admin/pengguna").body; activationOnPage.FindString(again) != "" {
		t.Error("the code is shown a second time")
	}

	// The head enrols with it.
	c := f.client()
	passwordOnly(t, c, "kepala")
	m := secretOnPage.FindStringSubmatch(c.get("/akun/totp").body)
	if m == nil {
		t.Fatal("no secret on the enrolment page")
	}
	otp, _ := totp.GenerateCode(regexp.MustCompile(` `).ReplaceAllString(m[1], ""), f.clock.Now())
	r = c.postForm("/akun/totp", url.Values{"kode": {otp}, "aktivasi": {code}, "next": {"/agenda"}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/agenda" {
		t.Fatalf("enrolling with the admin's code: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}

	// Enrolled: a plain code is refused, a reset is offered and works.
	mustContain(t, "users page after enrolment", adm.get("/admin/pengguna").body, "Atur ulang faktor kedua")
	wantStatus(t, "a code for an enrolled user", adm.postForm(action, nil), http.StatusConflict)
	wantStatus(t, "reset", adm.postForm(action, url.Values{"atur_ulang": {"1"}}), http.StatusSeeOther)
	shown = adm.get("/admin/pengguna").body
	mustContain(t, "after the reset", shown, "Faktor kedua lama dihapus")
	if activationOnPage.FindString(shown) == "" {
		t.Error("no new code after the reset")
	}
	if has, _ := f.users.HasTOTP(context.Background(), head.ID); has {
		t.Error("the reset left the lost factor")
	}
}
