package web_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"naskah/letters"
)

// complaintFields is a valid BKAD online complaint (name, NIK, phone).
func complaintFields(subject string) url.Values {
	return url.Values{
		"kategori": {"pengaduan"}, "perihal": {subject}, "isi": {"Pembayaran belum diterima sejak Oktober."},
		"nama": {"Budi Santoso"}, "nik": {"6171010101900001"}, "telepon": {"081234567890"},
	}
}

var trackingInURL = regexp.MustCompile(`^/pengaduan/terkirim\?kode=([0-9A-Z-]{19})$`)

// submit posts the public form and returns the tracking code from the
// redirect, failing the test unless the complaint was accepted.
func submitComplaint(t *testing.T, c *client, fields url.Values, files map[string][]byte) string {
	t.Helper()
	ct, body := multipartForm(t, fields, files)
	r := c.post("/pengaduan", ct, body)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /pengaduan: %d, want 303; body: %s", r.StatusCode, errorText(r.body))
	}
	m := trackingInURL.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("POST /pengaduan went to %q", r.Header.Get("Location"))
	}
	return m[1]
}

var alertText = regexp.MustCompile(`(?s)<p class="error" role="alert">(.*?)</p>`)

// errorText is the error message at the top of a page, or the page start.
func errorText(body string) string {
	if m := alertText.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return body[:min(len(body), 300)]
}

func TestOnlineComplaintGetsTrackingCodeAndReceipt(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	r := c.get("/pengaduan")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /pengaduan: %d", r.StatusCode)
	}
	mustContain(t, "form", r.body, "Formulir Pengaduan Daring", "5 hari kerja", `id="nik"`, "Nomor HP atau Alamat email")
	mustNotContain(t, "form", r.body, `name="pernyataan"`, `name="saluran"`) // BKAD asks no statement of truth

	// A browser posting clerk-only fields cannot choose the channel, date or LAPOR! ID.
	fields := complaintFields("Pencairan hibah terlambat")
	fields.Set("saluran", "tatap_muka")
	fields.Set("lapor_id", "1234567")
	code := submitComplaint(t, c, fields, map[string][]byte{"bukti.pdf": realPDF(t, "bukti transfer")})

	l, err := e.letters.FindLetterByTrackingCode(e.user(officer), code)
	if err != nil {
		t.Fatalf("complaint not stored: %v", err)
	}
	if l.Channel != "web" || l.LaporID != "" || l.CreatedBy != 0 || l.Status != letters.StatusRegistered || len(l.Attachments) != 1 {
		t.Errorf("stored complaint: channel %q, lapor %q, created by %d, status %s, %d attachments",
			l.Channel, l.LaporID, l.CreatedBy, l.Status, len(l.Attachments))
	}

	done := c.get("/pengaduan/terkirim?kode=" + code)
	mustContain(t, "thank-you page", done.body, l.AgendaNumber, code, "/pengaduan/tanda-bukti/"+code, "/lacak?kode="+code)

	receipt := c.get("/pengaduan/tanda-bukti/" + code)
	if receipt.StatusCode != http.StatusOK || receipt.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt: %d %s", receipt.StatusCode, receipt.Header.Get("Content-Type"))
	}
	mustContain(t, "receipt PDF", pdfText(t, []byte(receipt.body)), l.AgendaNumber, code, "Budi Santoso")
	if dir := os.Getenv("NASKAH_SHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "tanda-bukti-online.pdf"), []byte(receipt.body), 0o644)
	}

	track := c.get("/lacak?kode=" + url.QueryEscape(strings.ToLower(code)))
	mustContain(t, "tracking page", track.body, "Teragenda")
	mustNotContain(t, "tracking page", track.body, "Budi Santoso", "Pencairan hibah")

	if r := c.get("/pengaduan/tanda-bukti/AAAA-BBBB-CCCC-DDDD"); r.StatusCode != http.StatusNotFound {
		t.Errorf("receipt of an unknown code: %d, want 404", r.StatusCode)
	}
	if r := c.get("/pengaduan/terkirim?kode=nope"); r.StatusCode != http.StatusNotFound {
		t.Errorf("thank-you page of an unknown code: %d, want 404", r.StatusCode)
	}
}

func TestOnlineComplaintFollowsTheChannelRules(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	fields := complaintFields("Tanpa NIK")
	fields.Del("nik")
	ct, body := multipartForm(t, fields, nil)
	r := c.post("/pengaduan", ct, body)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("complaint without NIK: %d, want 422", r.StatusCode)
	}
	mustContain(t, "rejected form", errorText(r.body), "NIK", "Formulir Pengaduan Daring")
	mustContain(t, "rejected form", r.body, `value="Tanpa NIK"`, `value="Budi Santoso"`)
	if n := e.count(); n != 0 {
		t.Errorf("%d letters stored after a rejected form", n)
	}
}

// DPMPTSP's online form requires the statement of truth (surat pernyataan
// kebenaran aduan): the checkbox is shown and enforced.
func TestOnlineComplaintStatementOfTruth(t *testing.T) {
	e := newFullEnv(t, "dpmptsp")
	c := e.client()
	mustContain(t, "DPMPTSP form", c.get("/pengaduan").body, `name="pernyataan"`, "pernyataan kebenaran aduan")
	fields := complaintFields("Izin belum terbit")
	ct, body := multipartForm(t, fields, nil)
	r := c.post("/pengaduan", ct, body)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("without the statement: %d, want 422", r.StatusCode)
	}
	mustContain(t, "rejected form", errorText(r.body), "Surat pernyataan kebenaran aduan")
	fields.Set("pernyataan", "1")
	code := submitComplaint(t, c, fields, nil)
	l, err := e.letters.FindLetterByTrackingCode(context.Background(), code)
	if err != nil || !l.Statement {
		t.Fatalf("stored complaint: %v, statement %v", err, l != nil && l.Statement)
	}
}

// Five complaints from one address in ten minutes are accepted; the sixth
// gets 429 with the form kept. Rejected forms do not use up the allowance,
// and another address is not affected.
func TestOnlineComplaintRateLimit(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	bad := complaintFields("Salah")
	bad.Del("nik")
	for range 3 {
		ct, body := multipartForm(t, bad, nil)
		if r := c.post("/pengaduan", ct, body); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("invalid complaint: %d", r.StatusCode)
		}
	}
	for i := range 5 {
		submitComplaint(t, c, complaintFields("Pengaduan ke-"+string(rune('1'+i))), nil)
	}
	ct, body := multipartForm(t, complaintFields("Pengaduan keenam"), nil)
	r := c.post("/pengaduan", ct, body)
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth complaint: %d, want 429", r.StatusCode)
	}
	mustContain(t, "429 page", errorText(r.body), "Terlalu banyak pengaduan", "10 menit")
	mustContain(t, "429 page", r.body, `value="Pengaduan keenam"`)
	if r.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	if n := e.count(); n != 5 {
		t.Errorf("%d complaints stored, want 5", n)
	}
	// Ten minutes later the window has moved on.
	e.clock.Set(start.Add(10*60e9 + 1))
	submitComplaint(t, c, complaintFields("Pengaduan sesudah jeda"), nil)
}

// A member of staff signed in in the same browser still files as the
// public: the complaint is not recorded as theirs.
func TestOnlineComplaintBySignedInStaffIsPublic(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	c.login(clerk)
	code := submitComplaint(t, c, complaintFields("Dari komputer kantor"), nil)
	l, err := e.letters.FindLetterByTrackingCode(context.Background(), code)
	if err != nil || l.CreatedBy != 0 {
		t.Fatalf("complaint: %v, created by %d, want the public (0)", err, l.CreatedBy)
	}
}

func TestHomePage(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	r := c.get("/")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET / as a visitor: %d", r.StatusCode)
	}
	mustContain(t, "home", r.body, "Badan Keuangan dan Aset Daerah", `href="/pengaduan"`, `href="/lacak"`, `href="/standar-pelayanan"`, `href="/masuk"`)
	c.login(clerk)
	if r := c.get("/"); r.StatusCode != http.StatusFound || r.Header.Get("Location") != "/agenda" {
		t.Errorf("GET / as staff: %d to %q, want /agenda", r.StatusCode, r.Header.Get("Location"))
	}
}
