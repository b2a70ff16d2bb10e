package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/letters/web"
)

// allow says who may use a route.
type allow struct {
	public bool           // everyone, signed in or not
	staff  bool           // every signed-in user
	admin  bool           // admin users only
	action letters.Action // the positions that may perform this action (Profile.MayPerform)
	// readers: the users the store lets read the letter, disposition or
	// draft named in the path (FindLetterByID, DispositionSheet,
	// FindDraftByID with the user): the page must refuse exactly the others.
	readers bool
	reports bool // the positions that may view reports (Profile.MayViewReports)
	duty    bool // the positions responsible for a report duty (ReportDuty.Responsible)
	holder  bool // the position at the current step of the draft in the path
	author  bool // the position that made the disposition in the path
}

var (
	public        = allow{public: true}
	staff         = allow{staff: true}
	admins        = allow{admin: true}
	readers       = allow{readers: true}
	reportViewers = allow{reports: true}
	reportDuty    = allow{duty: true}
)

func may(a letters.Action) allow { return allow{action: a} }

// mayOn is may(a) for users who may also read the letter in the path.
func mayOn(a letters.Action) allow { return allow{action: a, readers: true} }

var (
	drafter = allow{holder: true}
	author  = allow{author: true}
)

// access is who may use each route, keyed "METHOD /path" as gin registers
// it. Every route the server has must be listed: a route added without a
// line here fails TestEveryRouteChecksAccess with the line to add.
var access = map[string]allow{
	"GET /static/*file": public,
	"GET /masuk":        public,
	"POST /masuk":       public,
	"GET /masuk/kode":   public, // the TOTP step: a page, or "sign in first"
	"POST /masuk/kode":  public,
	"POST /keluar":      public,
	"GET /lacak":        public,
	"GET /":             public,

	"GET /standar-pelayanan":              public,
	"GET /pengaduan":                      public,
	"POST /pengaduan":                     public,
	"GET /pengaduan/terkirim":             public,
	"GET /pengaduan/tanda-bukti/:kode":    public,
	"GET /agenda":                         staff,
	"GET /surat/baru":                     staff,
	"POST /surat":                         staff,
	"GET /surat/:id":                      readers,
	"POST /surat/:id/aksi":                mayOn(letters.ActionVerify), // sent with aksi=verify
	"GET /surat/:id/tanda-bukti.pdf":      readers,
	"GET /surat/:id/pindaian":             readers,
	"POST /surat/:id/pindaian":            mayOn(letters.ActionRegister),
	"GET /lampiran/:id":                   readers, // the readers of the attachment's letter
	"GET /surat/:id/email/:mail":          readers, // the readers of the email's letter
	"GET /surat/:id/email/:mail/asli.eml": readers,
	"GET /laporan":                        reportViewers,
	"POST /laporan/pengantar":             reportDuty,
	"GET /agenda.xlsx":                    staff, // agenda_export.go: the same letters as /agenda
	"GET /dasbor":                         reportViewers,

	// Workflow (issue 3). A new letter for /surat/:id; a disposed letter
	// with a disposition and a draft for the others (see accessFixtures).
	"GET /verifikasi/:code":                 public,
	"POST /verifikasi/:code":                public,
	"GET /tugas":                            staff,
	"POST /surat/:id/disposisi":             mayOn(letters.ActionDispose),
	"POST /surat/:id/tanpa-disposisi":       mayOn(letters.ActionDispose),
	"POST /disposisi/:id/tarik":             author,
	"GET /disposisi/:id/lembar.pdf":         readers,
	"POST /surat/:id/konsep":                drafter, // sent with jenis=surat_jawaban, already being drafted
	"GET /konsep/:id":                       readers,
	"POST /konsep/:id":                      drafter,
	"GET /konsep/:id/pratinjau.pdf":         readers,
	"POST /konsep/:id/:action":              drafter, // sent as /konsep/:id/ajukan
	"GET /dokumen/:file":                    staff,   // no document issued here: only the sign-in check runs
	"GET /admin":                            admins,
	"GET /admin/pengguna":                   admins,
	"POST /admin/pengguna":                  admins,
	"POST /admin/pengguna/:id/aktif":        admins,
	"POST /admin/pengguna/:id/sandi":        admins,
	"POST /admin/pengguna/:id/faktor-kedua": admins,
	"GET /admin/hari-libur":                 admins,
	"POST /admin/hari-libur":                admins,
	"POST /admin/hari-libur/impor":          admins,
	"GET /admin/profil":                     admins,
	"GET /admin/profil/ubah":                admins,
	"POST /admin/profil/ubah":               admins,
	"GET /admin/delegasi":                   admins,
	"POST /admin/delegasi":                  admins,
	"POST /admin/delegasi/:id/akhiri":       admins,
	"GET /admin/kotak-surat":                admins,
	"POST /admin/kotak-surat":               admins,
	"POST /admin/kotak-surat/uji":           admins,
	"POST /api/v1/letters":                  staff,
	"GET /api/v1/letters":                   staff,
	"GET /api/v1/letters/:id":               readers,
	"GET /api/v1/letters/:id/scans":         readers,

	// Second factor and API tokens (totp_required.go, token_page.go).
	"GET /akun/totp":             staff, // enrolment, outside the second-factor gate
	"POST /akun/totp":            staff,
	"GET /akun/token":            staff, // one's own tokens; admins see everyone's
	"POST /akun/token":           staff,
	"POST /akun/token/:id/cabut": admins, // a token of "sasaran": its owner or an admin
}

// forms are the bodies sent to routes whose answer depends on them; every
// other POST is sent with an empty form.
var forms = map[string]url.Values{
	"POST /surat/:id/aksi":    {"aksi": {string(letters.ActionVerify)}},
	"POST /surat/:id/konsep":  {"jenis": {"surat_jawaban"}},
	"POST /laporan/pengantar": {"periode": {"2026-10"}},
}

// role is a way of visiting: anonymous, a non-admin user of one position,
// or the admin.
type role struct {
	name     string
	position string // "" for anonymous
	admin    bool
	cookie   string
	ctx      context.Context // the user, for asking the store
}

// denied reports whether a response refused the visitor: 403, a redirect
// to the sign-in page, or 401 from the API. Anything else (200, 303
// elsewhere, 404, 409, 422…) means the request got past access control.
func denied(path string, r response) bool {
	switch {
	case path == "/keluar":
		return false // signing out always ends on the sign-in page
	case r.StatusCode == http.StatusForbidden:
		return true
	case r.StatusCode >= 300 && r.StatusCode < 400 && strings.HasPrefix(r.Header.Get("Location"), "/masuk"):
		return true
	case r.StatusCode == http.StatusUnauthorized && strings.HasPrefix(path, "/api/"):
		return true
	}
	return false
}

// For every route the server registers and for every position of the
// office plus anonymous visitors and the admin, a request is allowed
// exactly when the access table says so: never a hidden button only.
func TestEveryRouteChecksAccess(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	ctx := context.Background()
	p := e.profile

	fx := accessFixtures(t, e)
	target := &letters.User{Username: "sasaran", Name: "Akun Sasaran", Position: "analis"}
	if err := e.users.CreateUser(ctx, target, testPassword); err != nil {
		t.Fatal(err)
	}
	targetToken := &letters.APIToken{UserID: target.ID, Name: "skrip sasaran", Scopes: []letters.Scope{letters.ScopeLettersRead}}
	if _, err := e.server.TokenService.CreateToken(ctx, targetToken); err != nil {
		t.Fatal(err)
	}
	params := func(route, name string) string {
		id := func(n int64) string { return strconv.FormatInt(n, 10) }
		switch {
		case name == "file" && strings.HasPrefix(route, "/static/"):
			return "/style.css"
		case name == "file":
			return "tidak-ada.pdf" // no document is issued here: only the sign-in check runs
		case name == "kode", name == "code":
			return fx.letter.TrackingCode
		case name == "action":
			return "ajukan"
		case name == "mail":
			return "1" // the fixture letter has no email: readers get 404, the others 403
		case name == "id" && strings.HasPrefix(route, "/akun/token/"):
			return id(targetToken.ID)
		case name == "id" && strings.HasPrefix(route, "/admin/pengguna/"):
			return id(target.ID)
		case name == "id" && strings.HasPrefix(route, "/lampiran/"):
			return id(fx.letter.Attachments[0].ID)
		case name == "id" && strings.HasPrefix(route, "/disposisi/"):
			return id(fx.disposition.ID)
		case name == "id" && strings.HasPrefix(route, "/konsep/"):
			return id(fx.draft.ID)
		case name == "id" && strings.HasPrefix(route, "/surat/") && strings.Contains(route, "/konsep"):
			return id(fx.disposed.ID)
		case name == "id":
			return id(fx.letter.ID)
		}
		t.Fatalf("route %s has a parameter %q this test cannot fill: add it to params in routes_test.go", route, name)
		return ""
	}

	roles := []*role{{name: "anonim"}}
	for _, pos := range p.Positions {
		u := &letters.User{Username: "peran." + pos.Code, Name: "Peran " + pos.Short, Position: pos.Code}
		if err := e.users.CreateUser(ctx, u, testPassword); err != nil {
			t.Fatal(err)
		}
		roles = append(roles, &role{name: pos.Code, position: pos.Code})
	}
	roles = append(roles, &role{name: "admin (" + admin + ")", position: "kasubag_rkme", admin: true})
	for _, r := range roles {
		if r.position == "" {
			continue
		}
		username := "peran." + r.position
		if r.admin {
			username = admin
		}
		r.cookie = signIn(t, e.env, username)
		r.ctx = e.user(username)
	}

	expected := func(a allow, r *role, route, path string) bool {
		switch {
		case a.public:
			return true
		case r.position == "":
			return false
		case a.staff:
			return true
		case a.admin:
			return r.admin
		case a.action != "" && a.readers:
			return p.MayPerform(r.position, a.action) && fx.readable(r.ctx, route, path)
		case a.action != "":
			return p.MayPerform(r.position, a.action)
		case a.holder:
			return r.position == fx.draftHolder(t)
		case a.author:
			return r.position == fx.disposition.FromPosition
		case a.readers:
			return fx.readable(r.ctx, route, path)
		case a.reports:
			return p.MayViewReports(r.position)
		case a.duty:
			return slices.ContainsFunc(p.Reports, func(d letters.ReportDuty) bool { return d.Responsible == r.position })
		}
		return false
	}

	// Routes registered only when a service is set would escape this test:
	// every service the binary wires must be set in newFullEnv.
	sv := reflect.ValueOf(e.server).Elem()
	for i := range sv.NumField() {
		if f := sv.Field(i); (f.Kind() == reflect.Interface || f.Kind() == reflect.Func || f.Kind() == reflect.Pointer) && f.IsNil() {
			t.Errorf("web.Server.%s is not set in newFullEnv (portal_env_test.go): wire it as cmd/naskah/serve.go does, so that the routes it brings are checked here",
				sv.Type().Field(i).Name)
		}
	}

	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	routes := e.server.Routes()
	if len(routes) < 10 {
		t.Fatalf("only %d routes registered", len(routes))
	}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		path := fillParams(rt.Path, func(name string) string { return params(rt.Path, name) })
		var allowedFor []string
		for _, r := range roles {
			// Who may is judged before the request, which may change the case.
			a, listed := access[key]
			want := listed && expected(a, r, rt.Path, path)
			resp := visit(t, hc, e.url, rt.Method, path, forms[key], r.cookie)
			if !denied(path, resp) {
				allowedFor = append(allowedFor, r.name)
			}
			if !listed {
				continue
			}
			switch got := !denied(path, resp); {
			case got && !want:
				t.Errorf("%s %s is allowed for %s (%d) but the access table does not allow it; fix the handler or change the line %q in routes_test.go",
					rt.Method, path, r.name, resp.StatusCode, key)
			case !got && want:
				t.Errorf("%s %s is denied for %s (%d) but the access table allows it; if the route got stricter on purpose, change the line %q in routes_test.go",
					rt.Method, path, r.name, resp.StatusCode, key)
			}
		}
		if testing.Verbose() {
			t.Logf("%-40s allowed for: %s", key, strings.Join(allowedFor, ", "))
		}
		if _, listed := access[key]; !listed {
			t.Errorf("route %s is not in the access table of letters/web/routes_test.go. Add the line\n\t%q: staff, // or public, admins, may(letters.ActionX)\nwith who may use it (this run it was allowed for: %s)",
				key, key, strings.Join(allowedFor, ", "))
		}
	}
	for key := range access {
		if !slices.ContainsFunc(routes, func(r web.Route) bool { return r.Method+" "+r.Path == key }) {
			t.Errorf("the access table lists %q but the server has no such route: remove the line from routes_test.go", key)
		}
	}
}

// fixtures are the things the routes' parameters name: a new letter with
// an attachment, and a verified letter disposed by the head to the
// secretary with a draft answer by the complaint officer.
type fixtures struct {
	e           *fullEnv
	letter      *letters.Letter
	disposed    *letters.Letter
	disposition *letters.Disposition
	draft       *letters.Draft
}

func accessFixtures(t *testing.T, e *fullEnv) *fixtures {
	t.Helper()
	fx := &fixtures{e: e}
	newLetter := func(subject string) *letters.Letter {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: subject,
			Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001"}}
		if err := e.letters.CreateLetter(e.user(clerk), l, []letters.Upload{{Name: "bukti.pdf", Data: realPDF(t, "bukti")}}); err != nil {
			t.Fatal(err)
		}
		return l
	}
	fx.letter = newLetter("Uji akses")
	fx.disposed = newLetter("Uji akses disposisi")
	var err error
	if _, err = e.letters.Transition(e.user(officer), fx.disposed.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
		t.Fatalf("fixture: verify: %v", err)
	}
	fx.disposition, err = e.workflow.Dispose(e.user("kepala"), letters.DisposeInput{LetterID: fx.disposed.ID,
		To: []string{"sekretaris"}, Instructions: []string{"untuk ditindaklanjuti"}})
	if err != nil {
		t.Fatalf("fixture: dispose: %v", err)
	}
	if fx.draft, err = e.workflow.CreateDraft(e.user(officer), fx.disposed.ID, "surat_jawaban"); err != nil {
		t.Fatalf("fixture: draft: %v", err)
	}
	return fx
}

// draftHolder is the position at the current step of the fixture draft.
func (fx *fixtures) draftHolder(t *testing.T) string {
	d, err := fx.e.workflow.FindDraftByID(fx.e.user(officer), fx.draft.ID)
	if err != nil {
		t.Fatalf("fixture draft: %v", err)
	}
	if st := d.CurrentStep(); st != nil {
		return st.Position
	}
	return ""
}

// readable asks the store whether the user in ctx may read what path names.
func (fx *fixtures) readable(ctx context.Context, route, path string) bool {
	if ctx == nil {
		return false
	}
	parts := strings.Split(path, "/")
	id, _ := strconv.ParseInt(parts[2], 10, 64)
	var err error
	switch {
	case strings.HasPrefix(route, "/disposisi/"):
		_, _, err = fx.e.workflow.DispositionSheet(ctx, id)
	case strings.HasPrefix(route, "/konsep/"):
		_, err = fx.e.workflow.FindDraftByID(ctx, id)
	case strings.HasPrefix(route, "/surat/"):
		_, err = fx.e.letters.FindLetterByID(ctx, id)
	case strings.HasPrefix(route, "/lampiran/"):
		_, err = fx.e.letters.FindLetterByID(ctx, fx.letter.ID) // the fixture attachment is fx.letter's
		_ = id
	case strings.HasPrefix(route, "/api/v1/letters/"):
		id, _ = strconv.ParseInt(parts[4], 10, 64)
		_, err = fx.e.letters.FindLetterByID(ctx, id)
	default:
		panic("readable: no reader for " + route)
	}
	return err == nil
}

// fillParams replaces :name and *name segments of a gin path.
func fillParams(path string, value func(name string) string) string {
	parts := strings.Split(path, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
			v := value(s[1:])
			if strings.HasPrefix(s, "*") {
				v = strings.TrimPrefix(v, "/")
			}
			parts[i] = v
		}
	}
	return strings.Join(parts, "/")
}

// signIn returns the session cookie of username. Sessions are signed
// cookies, so the same cookie serves every later request, even after a
// request to /keluar.
func signIn(t *testing.T, e *env, username string) string {
	t.Helper()
	c := e.client()
	c.login(username)
	u, _ := url.Parse(e.url)
	var parts []string
	for _, ck := range c.c.Jar.Cookies(u) {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	return strings.Join(parts, "; ")
}

func visit(t *testing.T, hc *http.Client, base, method, path string, form url.Values, cookie string) response {
	t.Helper()
	var req *http.Request
	if method == http.MethodPost {
		req, _ = http.NewRequest(method, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if strings.HasPrefix(path, "/api/") {
			req, _ = http.NewRequest(method, base+path, strings.NewReader("{}"))
			req.Header.Set("Content-Type", "application/json")
		}
	} else {
		req, _ = http.NewRequest(method, base+path, nil)
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return response{Response: resp}
}
