package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

func TestDisposeByAPositionThatMayNotIsForbidden(t *testing.T) {
	e := newEnv(t, nil)
	l := e.createLetter("Hibah belum cair")
	path := "/surat/" + strconv.FormatInt(l.ID, 10)

	c := e.client()
	c.login(clerk)
	page := c.get(path)
	mustNotContain(t, "clerk's letter page", page.body, `name="aksi" value="dispose"`)
	r := c.postForm(path+"/aksi", url.Values{"aksi": {"dispose"}, "tujuan": {"analis"}})
	if r.StatusCode != http.StatusForbidden {
		t.Fatalf("clerk disposing: %d, want 403", r.StatusCode)
	}
	mustContain(t, "403 page", r.body, "Akses ditolak", "tidak berwenang")
	if got, _ := e.letters.FindLetterByID(e.user(officer), l.ID); got.Status != letters.StatusRegistered {
		t.Fatalf("status after a refused disposal: %s", got.Status)
	}

	// The complaint officer may: the button is there and the action works.
	o := e.client()
	o.login(officer)
	page = o.get(path)
	mustContain(t, "officer's letter page", page.body, `name="aksi" value="dispose"`, `<option value="analis">`)
	r = o.postForm(path+"/aksi", url.Values{"aksi": {"dispose"}, "tujuan": {"analis"}, "catatan": {"Mohon ditelaah."}})
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path {
		t.Fatalf("officer disposing: %d %q; body: %s", r.StatusCode, r.Header.Get("Location"), r.body)
	}
	page = o.get(path)
	mustContain(t, "letter after disposal", page.body, "Didisposisi", "Mohon ditelaah.", "Muhammad Rizal Fahmi")

	// A note is required to return a letter: the page comes back with the message.
	r = o.postForm(path+"/aksi", url.Values{"aksi": {"return"}})
	if r.StatusCode != http.StatusConflict && r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("return from disposed without a note: %d, want 409 or 422", r.StatusCode)
	}
	mustContain(t, "refused action", r.body, `class="error"`, "Nomor Agenda "+l.AgendaNumber)
}

func TestPersonalDataIsMaskedForPositionsWithoutTheRight(t *testing.T) {
	e := newEnv(t, nil)
	l := e.createLetter("Hibah belum cair")
	path := "/surat/" + strconv.FormatInt(l.ID, 10)

	// A unit sees a letter once it is disposed to it.
	if _, err := e.letters.Transition(e.user("kepala"), l.ID, letters.TransitionInput{Action: letters.ActionDispose, To: "kabid_bmd"}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(fieldHead) // kabid_bmd: not in privacy.view_personal
	page := c.get(path)
	mustContain(t, "masked page", page.body, "Budi Santoso", "0001", "disamarkan")
	mustNotContain(t, "masked page", page.body, "6171010101900001", "081234567890", "Gajah Mada")
	api := c.get("/api/v1/letters/" + strconv.FormatInt(l.ID, 10))
	mustNotContain(t, "masked API", api.body, "6171010101900001", "081234567890", "Gajah Mada")

	o := e.client()
	o.login(officer)
	mustContain(t, "officer's page", o.get(path).body, "6171010101900001", "081234567890", "Gajah Mada")
}

func TestAgendaListsNewestFirstAndMarksLateLetters(t *testing.T) {
	e := newEnv(t, nil)
	e.createLetter("Surat pertama")
	e.clock.Set(start.Add(time.Hour))
	e.createLetter("Surat kedua")
	c := e.client()
	c.login(clerk)

	r := c.get("/agenda")
	first, second := strings.Index(r.body, "Surat kedua"), strings.Index(r.body, "Surat pertama")
	if first < 0 || second < 0 || first > second {
		t.Fatalf("agenda is not newest first:\n%s", r.body)
	}
	mustContain(t, "agenda", r.body, "Nomor Agenda", "Tanggal Diterima", "Saluran", "Perihal", "Pengadu",
		"Batas Waktu", "Tatap Muka", "Budi Santoso", "Teragenda", "24 November 2026")
	mustNotContain(t, "agenda on time", r.body, "late-mark")

	// Two weeks later both are late. The session has been idle for longer
	// than eight hours by then, so the clerk signs in again.
	e.clock.Set(start.AddDate(0, 0, 14))
	if r := c.get("/agenda"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("/agenda after two idle weeks: %d, want a redirect to sign in", r.StatusCode)
	}
	c.login(clerk)
	r = c.get("/agenda")
	if n := strings.Count(r.body, `<strong class="late-mark">terlambat</strong>`); n != 2 {
		t.Errorf("%d rows marked terlambat, want 2", n)
	}
	r = c.get("/agenda?status=closed")
	mustNotContain(t, "agenda filtered to closed", r.body, "Surat kedua", "Surat pertama")
	r = c.get("/agenda?q=" + url.QueryEscape("kedua"))
	mustContain(t, "search", r.body, "Surat kedua")
	mustNotContain(t, "search", r.body, "Surat pertama")
}

func TestReceiptDownloadIsAPDF(t *testing.T) {
	// A stand-in renderer: only the wiring is tested here; the real
	// Tanda Bukti is tested in templates/pdf.
	e := newEnv(t, func(w io.Writer, l *letters.Letter) error {
		_, err := fmt.Fprintf(w, "%%PDF-1.4\n%% Tanda Bukti %s\n%%%%EOF\n", l.AgendaNumber)
		return err
	})
	l := e.createLetter("Hibah belum cair")
	path := "/surat/" + strconv.FormatInt(l.ID, 10) + "/tanda-bukti.pdf"
	c := e.client()
	if r := c.get(path); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("receipt without a session: %d, want a redirect", r.StatusCode)
	}
	c.login(clerk)
	mustContain(t, "letter page", c.get("/surat/"+strconv.FormatInt(l.ID, 10)).body, `href="`+path+`"`)
	r := c.get(path)
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.body, "%PDF-") {
		t.Fatalf("receipt: %d, starts %q", r.StatusCode, r.body[:min(len(r.body), 20)])
	}
	if r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("receipt headers: %v", r.Header)
	}
	mustContain(t, "receipt", r.body, l.AgendaNumber)
	if r := c.get("/surat/999999/tanda-bukti.pdf"); r.StatusCode != http.StatusNotFound {
		t.Errorf("receipt of an unknown letter: %d, want 404", r.StatusCode)
	}
}

// An internal error reaches the log with its detail; the user sees only the
// generic message.
func TestInternalErrorDetailStaysInTheLog(t *testing.T) {
	e := newEnv(t, nil)
	pdf := realPDF(t, "lampiran")
	l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: "Berkas hilang",
		Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001"}}
	if err := e.letters.CreateLetter(e.user(clerk), l, []letters.Upload{{Name: "a.pdf", Data: pdf}}); err != nil {
		t.Fatal(err)
	}
	blobs, _ := filepath.Glob(filepath.Join(e.db.Dir, "*", "*", l.Attachments[0].SHA256))
	if len(blobs) != 1 {
		t.Fatalf("blob of the attachment not found under %s", e.db.Dir)
	}
	if err := os.Remove(blobs[0]); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(clerk)
	r := c.get("/lampiran/" + strconv.FormatInt(l.Attachments[0].ID, 10))
	if r.StatusCode != http.StatusInternalServerError {
		t.Fatalf("missing blob: %d, want 500", r.StatusCode)
	}
	mustContain(t, "500 page", r.body, "Terjadi kesalahan pada sistem")
	mustNotContain(t, "500 page", r.body, e.db.Dir, "no such file", "store:")
	mustContain(t, "log", e.logs.String(), "no such file")
}
