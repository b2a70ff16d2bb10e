package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"naskah/letters"
)

func TestTrackingShowsTheStatusButNoNames(t *testing.T) {
	e := newEnv(t, nil)
	l := e.createLetter("Hibah belum cair untuk Budi")
	if _, err := e.letters.Transition(e.user(officer), l.ID, letters.TransitionInput{
		Action: letters.ActionDispose, To: "analis", Note: "Catatan internal: cek rekening Budi",
	}); err != nil {
		t.Fatal(err)
	}

	c := e.client() // the public: no session
	if r := c.get("/lacak"); r.StatusCode != http.StatusOK || !strings.Contains(r.body, `name="kode"`) {
		t.Fatalf("GET /lacak: %d", r.StatusCode)
	}
	// As a complainant might type it: lower case, no dashes, O for 0.
	typed := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(l.TrackingCode, "-", ""), "0", "o"))
	r := c.get("/lacak?kode=" + url.QueryEscape(typed))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("tracking: %d\n%s", r.StatusCode, r.body)
	}
	mustContain(t, "tracking page", r.body, "Status:", letters.StatusDisposed.Label(),
		letters.StatusRegistered.Label(), "24 November 2026", "Batas waktu penyelesaian", "Pengaduan")
	mustNotContain(t, "tracking page", r.body, "Budi", "Santoso", "6171", "Hibah", "Catatan internal",
		"rekening", l.AgendaNumber, "Siti Nurhaliza", "Muhammad Rizal", "Analis", "Keluar")

	r = c.get("/lacak?kode=AAAA-BBBB-CCCC-DDDD")
	if r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown code: %d, want 404", r.StatusCode)
	}
	mustContain(t, "unknown code", r.body, "Kode pelacakan tidak ditemukan.")
}
