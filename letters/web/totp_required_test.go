package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pquerna/otp/totp"

	"naskah/letters"
)

// requireTOTPEnv is newFullEnv served with Server.RequireTOTP set, as
// `naskah serve` runs it.
func requireTOTPEnv(t *testing.T) *fullEnv {
	t.Helper()
	f := newFullEnv(t, "bkad-kalbar")
	srv := *f.server
	srv.RequireTOTP = true
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	f.url = hs.URL
	return f
}

var secretOnPage = regexp.MustCompile(`<code class="totp-secret">([A-Z2-7 ]+)</code>`)

// enrol reads the key off /akun/totp and confirms it with a code and the
// activation code an admin made for username; without that code, or with
// another, nothing is enrolled.
func enrol(t *testing.T, f *fullEnv, c *client, username, wantNext string) string {
	t.Helper()
	page := c.get("/akun/totp?next=" + url.QueryEscape(wantNext))
	wantStatus(t, "enrolment page", page, http.StatusOK)
	mustContain(t, "enrolment page", page.body, `src="data:image/png;base64,`, "wajib memakai faktor kedua", `name="kode"`)
	m := secretOnPage.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no secret on the enrolment page: %.800s", page.body)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	if again := secretOnPage.FindStringSubmatch(c.get("/akun/totp").body); again == nil || again[1] != m[1] {
		t.Fatal("reloading the enrolment page changed the key")
	}
	u, err := f.users.FindUserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	activation, err := f.users.IssueTOTPActivation(context.Background(), u.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, "wrong enrolment code", c.postForm("/akun/totp", url.Values{"kode": {"000000"}, "aktivasi": {activation}, "next": {wantNext}}), http.StatusUnprocessableEntity)
	code, err := totp.GenerateCode(secret, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	// The password alone is not enough: no activation code, or a made-up one.
	r := c.postForm("/akun/totp", url.Values{"kode": {code}, "next": {wantNext}})
	wantStatus(t, "enrolment without an activation code", r, http.StatusUnprocessableEntity)
	mustContain(t, "enrolment without an activation code", r.body, "Kode aktivasi wajib diisi")
	r = c.postForm("/akun/totp", url.Values{"kode": {code}, "aktivasi": {"ABCD-EFGH-JKLM"}, "next": {wantNext}})
	wantStatus(t, "enrolment with a wrong activation code", r, http.StatusUnprocessableEntity)
	mustContain(t, "enrolment with a wrong activation code", r.body, "Minta kode aktivasi baru kepada admin")
	r = c.postForm("/akun/totp", url.Values{"kode": {code}, "aktivasi": {activation}, "next": {wantNext}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != wantNext {
		t.Fatalf("right enrolment code: %d → %q, want %s", r.StatusCode, r.Header.Get("Location"), wantNext)
	}
	return secret
}

// passwordOnly posts the password and returns where the browser is sent.
func passwordOnly(t *testing.T, c *client, username string) string {
	t.Helper()
	r := c.postForm("/masuk", url.Values{"username": {username}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("password of %s: %d", username, r.StatusCode)
	}
	return r.Header.Get("Location")
}

// With RequireTOTP, the head (who signs) is sent to enrol after the
// password and reaches neither the agenda, the API nor the signing action
// until done; then signs. The front office (no signing, no admin) is not
// asked. An admin who signs nothing is asked too, may sign out meanwhile,
// and a session opened before enrolling goes through the code form.
func TestSecondFactorRequiredForSignersAndAdmins(t *testing.T) {
	f := requireTOTPEnv(t)
	ctx := context.Background()
	l := f.createLetter("Hibah belum cair")
	dp := draftAtSignStep(t, f, l)

	head := f.client()
	if to := passwordOnly(t, head, "kepala"); to != "/akun/totp?next=%2Fagenda" {
		t.Fatalf("the head after the password is sent to %q, want the enrolment page", to)
	}
	for _, path := range []string{"/agenda", "/tugas", "/surat/" + strconv.FormatInt(l.ID, 10), "/akun/token"} {
		if r := head.get(path); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/akun/totp") {
			t.Errorf("GET %s before enrolling: %d → %q, want the enrolment page", path, r.StatusCode, r.Header.Get("Location"))
		}
	}
	if r := head.postForm(dp+"/tandatangani", nil); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/akun/totp") {
		t.Fatalf("signing before enrolling: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	if docs, _ := f.workflow.FindDocuments(f.user(officer), letters.DocumentFilter{LetterID: l.ID}); len(docs) != 0 {
		t.Fatal("a document was signed before the head enrolled")
	}
	api := head.get("/api/v1/letters")
	wantStatus(t, "cookie API before enrolling", api, http.StatusForbidden)
	mustContain(t, "cookie API before enrolling", api.body, "faktor kedua")

	secret := enrol(t, f, head, "kepala", "/agenda")
	wantStatus(t, "agenda after enrolling", head.get("/agenda"), http.StatusOK)
	wantStatus(t, "head signs after enrolling", head.postForm(dp+"/tandatangani", nil), http.StatusSeeOther)
	if docs, _ := f.workflow.FindDocuments(f.user(officer), letters.DocumentFilter{LetterID: l.ID}); len(docs) != 1 {
		t.Fatalf("signed documents after enrolling: %d, want 1", len(docs))
	}
	// Next time the password leads to the code form, and the code in.
	again := f.client()
	if to := passwordOnly(t, again, "kepala"); to != "/masuk/kode" {
		t.Fatalf("enrolled head after the password: %q, want /masuk/kode", to)
	}
	f.clock.Set(f.clock.Now().Add(60e9))
	code, _ := totp.GenerateCode(secret, f.clock.Now())
	wantStatus(t, "code", again.postForm("/masuk/kode", url.Values{"kode": {code}}), http.StatusSeeOther)
	wantStatus(t, "agenda with the code", again.get("/agenda"), http.StatusOK)

	// The front office neither signs nor administers: not asked.
	front := f.client()
	if to := passwordOnly(t, front, clerk); to != "/agenda" {
		t.Fatalf("front office after the password: %q, want /agenda", to)
	}
	wantStatus(t, "front office agenda", front.get("/agenda"), http.StatusOK)
	wantStatus(t, "front office API", front.get("/api/v1/letters"), http.StatusOK)

	// An admin whose position signs nothing is asked; signing out works.
	it := &letters.User{Username: "admin.it", Name: "Admin TI", Position: "analis", Admin: true}
	if err := f.users.CreateUser(ctx, it, testPassword); err != nil {
		t.Fatal(err)
	}
	adm := f.client()
	if to := passwordOnly(t, adm, "admin.it"); !strings.HasPrefix(to, "/akun/totp") {
		t.Fatalf("admin after the password: %q, want the enrolment page", to)
	}
	if r := adm.get("/admin/pengguna"); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/akun/totp") {
		t.Fatalf("admin page before enrolling: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	// Enrolled from the command line while this session was open: the
	// session never gave a code, so the code form comes first.
	if _, _, err := f.users.EnrollTOTP(ctx, it.ID); err != nil {
		t.Fatal(err)
	}
	if r := adm.get("/admin/pengguna"); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/masuk/kode" {
		t.Fatalf("session without a code after enrolment: %d → %q, want /masuk/kode", r.StatusCode, r.Header.Get("Location"))
	}
	if r := adm.postForm("/keluar", nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/masuk" {
		t.Fatalf("sign out: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
}

// Without RequireTOTP (the tests' default), a signer signs in with the
// password alone, as before; the enrolment page is still there for
// volunteers.
func TestSecondFactorOptionalByDefault(t *testing.T) {
	f := newFullEnv(t, "bkad-kalbar")
	c := f.client()
	if to := passwordOnly(t, c, "kepala"); to != "/agenda" {
		t.Fatalf("head without RequireTOTP: %q, want /agenda", to)
	}
	page := c.get("/akun/totp")
	wantStatus(t, "voluntary enrolment page", page, http.StatusOK)
	if strings.Contains(page.body, "wajib memakai faktor kedua") {
		t.Error("the page says the second factor is compulsory while it is not")
	}
}

// draftAtSignStep takes l through verification, disposition and the
// paraf chain of the answer to the head's signature; it returns the
// draft's page path.
func draftAtSignStep(t *testing.T, f *fullEnv, l *letters.Letter) string {
	t.Helper()
	if _, err := f.letters.Transition(f.user(officer), l.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if _, err := f.workflow.Dispose(f.user("kepala"), letters.DisposeInput{LetterID: l.ID,
		To: []string{"sekretaris"}, Instructions: []string{"siapkan jawaban"}}); err != nil {
		t.Fatalf("dispose: %v", err)
	}
	d, err := f.workflow.CreateDraft(f.user(officer), l.ID, "surat_jawaban")
	if err != nil {
		t.Fatalf("draft: %v", err)
	}
	if _, err := f.workflow.SubmitDraft(f.user(officer), d.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	for _, who := range []string{officer, "sekretaris"} {
		if d, err = f.workflow.FindDraftByID(f.user(officer), d.ID); err != nil {
			t.Fatal(err)
		}
		if st := d.CurrentStep(); st == nil || st.Step != letters.StepParaf {
			break
		}
		if _, err := f.workflow.ApproveDraft(f.user(who), d.ID, ""); err != nil {
			t.Fatalf("paraf by %s: %v", who, err)
		}
	}
	d, _ = f.workflow.FindDraftByID(f.user(officer), d.ID)
	if st := d.CurrentStep(); st == nil || st.Position != "kepala" {
		t.Fatalf("draft is not at the head's signature: %+v", st)
	}
	return "/konsep/" + strconv.FormatInt(d.ID, 10)
}

// Every route that is not public answers an unenrolled signer with the
// enrolment page (pages) or 403 (cookie API), whatever the method: the
// gate sits on the route groups, so a route added later is covered too.
// Only the enrolment page itself and signing out are open.
func TestSecondFactorGateCoversEveryStaffRoute(t *testing.T) {
	f := requireTOTPEnv(t)
	c := f.client()
	if to := passwordOnly(t, c, "kepala"); !strings.HasPrefix(to, "/akun/totp") {
		t.Fatalf("head after the password: %q", to)
	}
	u, _ := url.Parse(f.url)
	var parts []string
	for _, ck := range c.c.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	cookie := strings.Join(parts, "; ")
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	checked := 0
	for _, rt := range f.server.Routes() {
		key := rt.Method + " " + rt.Path
		if a, ok := access[key]; ok && a.public || strings.HasPrefix(rt.Path, "/akun/totp") || rt.Path == "/keluar" {
			continue
		}
		path := fillParams(rt.Path, func(name string) string {
			if name == "file" {
				return "x.pdf"
			}
			return "1"
		})
		r := visit(t, hc, f.url, rt.Method, path, nil, cookie)
		switch {
		case strings.HasPrefix(path, "/api/") && r.StatusCode == http.StatusForbidden:
		case r.StatusCode == http.StatusSeeOther && strings.HasPrefix(r.Header.Get("Location"), "/akun/totp"):
		default:
			t.Errorf("%s %s for a signer without a second factor: %d → %q, want the enrolment page or 403",
				rt.Method, path, r.StatusCode, r.Header.Get("Location"))
		}
		checked++
	}
	if checked < 30 {
		t.Fatalf("only %d routes checked", checked)
	}
	t.Logf("%d staff and API routes refuse a signer without a second factor", checked)
}
