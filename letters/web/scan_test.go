package web_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/letters/web"
	"naskah/store"
)

// GET /api/v1/letters/:id/scans gives the text read from the attachments
// with the suggested details; for a confidential complaint only the
// complaint officer sees the text (it names the complainant).
func TestAPILetterScans(t *testing.T) {
	p, err := profile.Load(testProfile)
	if err != nil {
		t.Fatal(err)
	}
	db := store.NewDB(t.TempDir())
	db.Profile = p
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users := store.NewUserService(db)
	for _, u := range []*letters.User{{Username: clerk, Name: "Siti", Position: "petugas_pengaduan", Active: true},
		{Username: officer, Name: "Rizal", Position: "kasubag_rkme", Active: true}} {
		if err := users.CreateUser(context.Background(), u, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	key := make([]byte, 32)
	rand.Read(key)
	scans := store.NewScanService(db)
	ls := store.NewLetterService(db)
	srv := &web.Server{Profile: p, LetterService: ls, UserService: users,
		AttachmentService: store.NewAttachmentService(db), AuditService: store.NewAuditService(db),
		ScanService: scans, SessionKey: key, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	defer hs.Close()

	u, _ := users.FindUserByUsername(context.Background(), clerk)
	ctx := letters.NewContextWithUser(context.Background(), u)
	l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: "Pengaduan pindaian",
		Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001", Phone: "081234567890",
			Address: "Jl. Gajah Mada 12, Pontianak", Confidential: true}}
	if err := ls.CreateLetter(ctx, l, []letters.Upload{{Name: "surat.pdf", Data: realPDF(t, "Budi Santoso")}}); err != nil {
		t.Fatal(err)
	}
	if err := scans.FinishScanJob(ctx, l.Attachments[0].ID, &letters.Scan{Status: letters.ScanDone, Method: "ocr", Pages: 1,
		Text: "Saya Budi Santoso mengadukan ...", Suggestion: &letters.Suggestion{Subject: "Pengaduan tunjangan"}}); err != nil {
		t.Fatal(err)
	}

	get := func(username string) []letters.Scan {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.PostForm(hs.URL+"/masuk", url.Values{"username": {username}, "password": {testPassword}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		resp, err = c.Get(hs.URL + "/api/v1/letters/" + strconv.FormatInt(l.ID, 10) + "/scans")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out []letters.Scan
		if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&out) != nil || len(out) != 1 {
			t.Fatalf("%s: status %d, %d scans", username, resp.StatusCode, len(out))
		}
		return out
	}
	if s := get(officer)[0]; s.Status != letters.ScanDone || !strings.Contains(s.Text, "Budi") || s.Suggestion == nil {
		t.Errorf("complaint officer sees %+v, want the text and suggestion", s)
	}
	if s := get(clerk)[0]; s.Status != letters.ScanDone || s.Text != "" || s.Suggestion != nil {
		t.Errorf("clerk sees %+v, want the progress only", s)
	}
}

// The scan page shows the text and a form filled with the suggestions,
// marked; what the clerk submits (a correction included) is stored, and
// afterwards the form holds the stored values.
func TestScanPage_ConfirmStoresTheCorrection(t *testing.T) {
	p, err := profile.Load(testProfile)
	if err != nil {
		t.Fatal(err)
	}
	db := store.NewDB(t.TempDir())
	db.Profile = p
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users := store.NewUserService(db)
	u := &letters.User{Username: clerk, Name: "Siti", Position: "petugas_pengaduan", Active: true}
	if err := users.CreateUser(context.Background(), u, testPassword); err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	scans, ls := store.NewScanService(db), store.NewLetterService(db)
	h, err := (&web.Server{Profile: p, LetterService: ls, UserService: users,
		AttachmentService: store.NewAttachmentService(db), AuditService: store.NewAuditService(db),
		ScanService: scans, SessionKey: key, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	defer hs.Close()
	ctx := letters.NewContextWithUser(context.Background(), u)
	l := &letters.Letter{Category: letters.CategorySurat, Channel: "tatap_muka", Subject: "Surat dipindai",
		Complainant: letters.Party{Name: "Dinas Sosial", NIK: "6171010101900001", Phone: "081234567890", Address: "Jl. Sudirman 1"}}
	if err := ls.CreateLetter(ctx, l, []letters.Upload{{Name: "surat.pdf", Data: realPDF(t, "surat")}}); err != nil {
		t.Fatal(err)
	}
	d := time.Date(2026, 10, 12, 12, 0, 0, 0, time.UTC)
	if err := scans.FinishScanJob(ctx, l.Attachments[0].ID, &letters.Scan{Status: letters.ScanDone, Method: "ocr", Pages: 1,
		Text: "Nomor : 800/123/BKAD/X/2026 ...", Suggestion: &letters.Suggestion{Origin: "Dinas Sosial", Number: "8OO/123/BKAD/X/2026",
			Date: &d, Subject: "Permohonan Data Realisasi"}}); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	if resp, err := c.PostForm(hs.URL+"/masuk", url.Values{"username": {clerk}, "password": {testPassword}}); err != nil {
		t.Fatal(err)
	} else {
		resp.Body.Close()
	}
	page := hs.URL + "/surat/" + strconv.FormatInt(l.ID, 10) + "/pindaian"
	body := func(resp *http.Response, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	html := body(c.Get(page))
	for _, want := range []string{`value="8OO/123/BKAD/X/2026"`, `value="2026-10-12"`, `value="Permohonan Data Realisasi"`,
		`Nomor surat <span class="badge">saran</span></label>`, "Nomor : 800/123/BKAD/X/2026", "Selesai dibaca"} {
		if !strings.Contains(html, want) {
			t.Errorf("scan page lacks %q", want)
		}
	}
	// A bad date is refused naming the field, the input kept.
	html = body(c.PostForm(page, url.Values{"asal": {"Dinas Sosial"}, "nomor": {"800/123/BKAD/X/2026"}, "tanggal": {"12-10-2026"}, "perihal": {"Permohonan Data Realisasi"}}))
	if !strings.Contains(html, "Tanggal surat") || !strings.Contains(html, `value="800/123/BKAD/X/2026"`) {
		t.Errorf("a bad date: page lacks the message or the input")
	}
	// The clerk corrects the number OCR misread and confirms.
	body(c.PostForm(page, url.Values{"asal": {"Dinas Sosial"}, "nomor": {"800/123/BKAD/X/2026"}, "tanggal": {"2026-10-12"}, "perihal": {"Permohonan Data Realisasi"}}))
	got, err := ls.FindLetterByID(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RefNumber != "800/123/BKAD/X/2026" || got.Subject != "Permohonan Data Realisasi" || got.Origin != "Dinas Sosial" ||
		got.RefDate == nil || got.RefDate.In(db.Calendar.Location()).Format("2006-01-02") != "2026-10-12" {
		t.Fatalf("stored %q %q %q %v", got.RefNumber, got.Subject, got.Origin, got.RefDate)
	}
	html = body(c.Get(page))
	if strings.Contains(html, `Nomor surat <span class="badge">saran</span></label>`) || !strings.Contains(html, `value="800/123/BKAD/X/2026"`) {
		t.Errorf("after confirming, the form should hold the stored values without suggestion marks")
	}
}
