package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The responsible official starts the October cover letter from Tugas saya;
// it climbs paraf and signature on the ordinary draft page, showing where it
// waits on the report line; once signed the report task is gone. Other
// positions get no button and a 403.
func TestReportCoverFromTasks(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	e.clock.Set(time.Date(2026, 11, 3, 2, 0, 0, 0, time.UTC)) // Tuesday 3 November, 09:00 WIB
	kasubag, analis := e.client(), e.client()
	kasubag.login(officer)
	analis.login("analis")

	r := kasubag.get("/tugas")
	if !strings.Contains(r.body, "Laporan Bulanan Oktober 2026") || !strings.Contains(r.body, "Buat surat pengantar") {
		t.Fatalf("Tugas saya of the complaint officer lacks the October report and its button:\n%s", r.body)
	}
	if r := analis.get("/tugas"); strings.Contains(r.body, "Buat surat pengantar") {
		t.Error("the analyst, who owes no report, sees the cover letter button")
	}
	form := url.Values{"periode": {"2026-10"}, "tugas": {"1"}}
	if r := analis.postForm("/laporan/pengantar", form); r.StatusCode != http.StatusForbidden {
		t.Errorf("cover letter by the analyst: status %d, want 403", r.StatusCode)
	}
	r = kasubag.postForm("/laporan/pengantar", form)
	loc := r.Header.Get("Location")
	if r.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/konsep/\d+$`).MatchString(loc) {
		t.Fatalf("cover letter: status %d, location %q\n%s", r.StatusCode, loc, r.body)
	}
	if r := kasubag.get(loc); !strings.Contains(r.body, "Surat pengantar Laporan Bulanan Oktober 2026") ||
		!strings.Contains(r.body, "c.q. Sekretaris Daerah Provinsi Kalimantan Barat") || !strings.Contains(r.body, "Ajukan untuk paraf") {
		t.Fatalf("the cover letter's draft page:\n%s", r.body)
	}
	if r := kasubag.get(loc + "/pratinjau.pdf"); r.StatusCode != http.StatusOK || !strings.HasPrefix(r.body, "%PDF-") {
		t.Errorf("preview of the cover letter: status %d", r.StatusCode)
	}
	// The draft page frames the preview: inline, framable by Naskah's pages only.
	if r := kasubag.get(loc); !strings.Contains(r.body, `<iframe class="pdf-preview" src="`+loc+`/pratinjau.pdf?tampil=1"`) {
		t.Error("the draft page has no preview frame")
	}
	r = kasubag.get(loc + "/pratinjau.pdf?tampil=1")
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.body, "%PDF-") || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") ||
		r.Header.Get("X-Frame-Options") != "SAMEORIGIN" || !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
		t.Errorf("framed preview: status %d, headers %v", r.StatusCode, r.Header)
	}
	if r := kasubag.get(loc + "/pratinjau.pdf"); !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("the preview link downloads: Content-Disposition %q", r.Header.Get("Content-Disposition"))
	}
	if r := kasubag.postForm("/laporan/pengantar", form); r.StatusCode != http.StatusConflict {
		t.Errorf("second cover letter: status %d, want 409", r.StatusCode)
	}
	if r := kasubag.postForm(loc+"/ajukan", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: status %d\n%s", r.StatusCode, r.body)
	}
	if r := kasubag.get("/tugas"); !strings.Contains(r.body, "menunggu paraf Sekretaris") || strings.Contains(r.body, "Buat surat pengantar") {
		t.Errorf("the report line does not say the cover letter waits for the paraf:\n%s", r.body)
	}
	if r := kasubag.get("/agenda"); !strings.Contains(r.body, "Laporan Bulanan Oktober 2026") || !strings.Contains(r.body, "surat pengantar menunggu paraf Sekretaris") {
		t.Errorf("the agenda's report reminder does not say the cover letter waits for the paraf:\n%s", r.body)
	}
	sek := e.client()
	sek.login("sekretaris")
	if r := sek.get("/tugas"); !strings.Contains(r.body, `href="`+loc+`">paraf`) {
		t.Errorf("Tugas saya of the secretary lacks the paraf of the cover letter:\n%s", r.body)
	}
	if r := sek.postForm(loc+"/paraf", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("paraf: status %d\n%s", r.StatusCode, r.body)
	}
	if r := kasubag.get("/tugas"); !strings.Contains(r.body, "menunggu tanda tangan Kepala") {
		t.Errorf("the report line does not say the cover letter waits for the signature:\n%s", r.body)
	}
	head := e.client()
	head.login("kepala")
	if r := head.postForm(loc+"/tandatangani", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign: status %d\n%s", r.StatusCode, r.body)
	}
	r = head.get(loc)
	if !strings.Contains(r.body, "Dokumen bertanda tangan") || !strings.Contains(r.body, "SPL/1/BKAD/XI/2026") ||
		strings.Contains(r.body, "Serahkan/kirim jawaban") {
		t.Errorf("the signed cover letter's page:\n%s", r.body)
	}
	if r := kasubag.get("/tugas"); strings.Contains(r.body, "Oktober 2026") {
		t.Errorf("the October report is still a task after its cover letter was signed:\n%s", r.body)
	}
	if m := regexp.MustCompile(`/verifikasi/([A-Z0-9-]+)`).FindStringSubmatch(r.body); m == nil {
		t.Error("the signed cover letter's page has no verification link")
	} else if r := e.client().get(m[0]); r.StatusCode != http.StatusOK || !strings.Contains(r.body, "SPL/1/BKAD/XI/2026") {
		t.Errorf("public verification of the cover letter: status %d\n%s", r.StatusCode, r.body)
	}
}
