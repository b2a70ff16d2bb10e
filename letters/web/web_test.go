package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/letters/web"
	"naskah/store"
)

// The tests run as BKAD Kalimantan Barat: Tatap Muka requires name and NIK;
// petugas_pengaduan registers but may not dispose; kabid_bmd may dispose but
// may not see personal data.
const (
	testProfile  = "bkad-kalbar"
	testPassword = "rahasia-123"
	clerk        = "frontoffice" // petugas_pengaduan
	officer      = "kasubag"     // kasubag_rkme, the complaint officer
	fieldHead    = "kabid.bmd"   // kabid_bmd
)

// start is Tuesday 24 November 2026, 09:00 WIB.
var start = time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC)

// clock is a settable time source shared by the store and the server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// env is a running Naskah: the real store in a temporary directory behind
// the real handler on a loopback HTTP server.
type env struct {
	t       testing.TB
	db      *store.DB
	profile *letters.Profile
	letters *store.LetterService
	users   *store.UserService
	clock   *clock
	url     string
	logs    *bytes.Buffer
}

func newEnv(t testing.TB, receipt func(io.Writer, *letters.Letter) error) *env {
	t.Helper()
	p, err := profile.Load(testProfile)
	if err != nil {
		t.Fatalf("load profile: %v", err)
	}
	clk := &clock{t: start}
	db := store.NewDB(t.TempDir())
	db.Profile, db.Now = p, clk.Now
	if err := db.Open(); err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, profile: p, letters: store.NewLetterService(db), users: store.NewUserService(db),
		clock: clk, logs: &bytes.Buffer{}}
	for _, u := range []struct{ username, name, position string }{
		{clerk, "Siti Nurhaliza", "petugas_pengaduan"},
		{officer, "Muhammad Rizal Fahmi", "kasubag_rkme"},
		{fieldHead, "Yohana Lidia Tambunan", "kabid_bmd"},
		{"kepala", "Dr. Hendrikus Sanusi", "kepala"}, // the head, who disposes
	} {
		user := &letters.User{Username: u.username, Name: u.name, Position: u.position, Active: true}
		if err := e.users.CreateUser(context.Background(), user, testPassword); err != nil {
			t.Fatalf("create user %s: %v", u.username, err)
		}
	}
	key := make([]byte, 32)
	rand.Read(key)
	srv := &web.Server{
		Profile: p, LetterService: e.letters, UserService: e.users,
		AttachmentService: store.NewAttachmentService(db), AuditService: store.NewAuditService(db),
		Receipt: receipt, SessionKey: key, Now: clk.Now,
		Logger: slog.New(slog.NewTextHandler(e.logs, nil)),
	}
	h, err := srv.Handler()
	if err != nil {
		t.Fatalf("Handler: %v", err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	e.url = hs.URL
	return e
}

// user returns a context signed in as username, for calling services directly.
func (e *env) user(username string) context.Context {
	e.t.Helper()
	u, err := e.users.FindUserByUsername(context.Background(), username)
	if err != nil {
		e.t.Fatalf("find user %s: %v", username, err)
	}
	return letters.NewContextWithUser(context.Background(), u)
}

// createLetter registers a complaint on Tatap Muka through the service.
func (e *env) createLetter(subject string) *letters.Letter {
	e.t.Helper()
	l := &letters.Letter{
		Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: subject,
		Body: "Pencairan belum diterima sejak bulan lalu.",
		Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001",
			Phone: "081234567890", Address: "Jl. Gajah Mada 12, Pontianak"},
	}
	if err := e.letters.CreateLetter(e.user(clerk), l, nil); err != nil {
		e.t.Fatalf("create letter: %v", err)
	}
	return l
}

func (e *env) count() int {
	e.t.Helper()
	_, total, err := e.letters.FindLetters(e.user(officer), letters.LetterFilter{Limit: 1})
	if err != nil {
		e.t.Fatalf("find letters: %v", err)
	}
	return total
}

// client is a browser: a cookie jar, no automatic redirects.
type client struct {
	e *env
	c *http.Client
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// response is a finished response with its body read.
type response struct {
	*http.Response
	body string
}

func (c *client) do(req *http.Request) response {
	c.e.t.Helper()
	resp, err := c.c.Do(req)
	if err != nil {
		c.e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.e.t.Fatalf("read body: %v", err)
	}
	return response{resp, string(b)}
}

func (c *client) get(path string) response {
	req, _ := http.NewRequest(http.MethodGet, c.e.url+path, nil)
	return c.do(req)
}

func (c *client) post(path, contentType string, body io.Reader, header ...string) response {
	req, _ := http.NewRequest(http.MethodPost, c.e.url+path, body)
	req.Header.Set("Content-Type", contentType)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return c.do(req)
}

func (c *client) postForm(path string, v url.Values, header ...string) response {
	return c.post(path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()), header...)
}

// login signs in and fails the test unless it succeeds.
func (c *client) login(username string) {
	c.e.t.Helper()
	r := c.postForm("/masuk", url.Values{"username": {username}, "password": {testPassword}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/agenda" {
		c.e.t.Fatalf("login %s: status %d, location %q", username, r.StatusCode, r.Header.Get("Location"))
	}
}

// multipartForm encodes fields and files ("lampiran") as a browser does.
func multipartForm(t *testing.T, fields url.Values, files map[string][]byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for name, data := range files {
		fw, err := w.CreateFormFile("lampiran", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

// realPDF makes a one-page PDF with gofpdf.
func realPDF(t *testing.T, text string) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Cell(40, 10, text)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("make pdf: %v", err)
	}
	return buf.Bytes()
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, body string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(body, b) {
			t.Errorf("%s shows %q", what, b)
		}
	}
}
