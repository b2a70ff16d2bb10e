package web_test

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
)

func TestClerkRegistersAComplaintThroughTheForm(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	c.login(clerk)

	r := c.get("/surat/baru")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /surat/baru: %d", r.StatusCode)
	}
	// Every channel of the profile, with the seed's requirement text.
	for _, ch := range e.profile.Channels {
		mustContain(t, "intake form", r.body, `<option value="`+ch.Code+`"`, html.EscapeString(ch.Requirement))
	}
	mustContain(t, "intake form", r.body, `<label for="nik">NIK</label>`, `type="file" multiple`)

	pdf := realPDF(t, "Fotokopi KTP Budi Santoso")
	ctype, body := multipartForm(t, url.Values{
		"saluran": {"tatap_muka"}, "kategori": {"pengaduan"}, "perihal": {"Hibah belum cair"},
		"isi": {"Dana hibah 2026 belum diterima."}, "nama": {"Budi Santoso"}, "nik": {"6171010101900001"},
		"telepon": {"081234567890"}, "alamat": {"Jl. Gajah Mada 12, Pontianak"}, "pernyataan": {"1"},
		"tanggal_surat": {"2026-11-20"},
	}, map[string][]byte{"ktp budi.pdf": pdf})
	r = c.post("/surat", ctype, body)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /surat: %d, want 303; body:\n%s", r.StatusCode, r.body)
	}
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, "/surat/") {
		t.Fatalf("redirected to %q, want the letter's page", loc)
	}

	list, total, err := e.letters.FindLetters(e.user(officer), letters.LetterFilter{Limit: 10})
	if err != nil || total != 1 {
		t.Fatalf("letters after intake: %d, %v", total, err)
	}
	l, err := e.letters.FindLetterByID(e.user(officer), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.AgendaNumber == "" || l.Complainant.NIK != "6171010101900001" || !l.Statement || l.RefDate == nil || len(l.Attachments) != 1 {
		t.Fatalf("stored letter: %+v", l)
	}

	page := c.get(loc)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", loc, page.StatusCode)
	}
	mustContain(t, "letter page", page.body,
		"Nomor Agenda "+l.AgendaNumber,
		"Surat tercatat dengan Nomor Agenda "+l.AgendaNumber,   // the flash
		"Hibah belum cair", "Budi Santoso", "6171010101900001", // petugas_pengaduan may see personal data
		"20 November 2026", "ktp budi.pdf", "Penyelesaian", "hari kerja", l.TrackingCode)
	if again := c.get(loc); strings.Contains(again.body, "Surat tercatat") {
		t.Error("the flash message is shown twice")
	}

	// The attachment comes back byte for byte, as a download.
	att := c.get("/lampiran/" + strconv.FormatInt(l.Attachments[0].ID, 10))
	if att.StatusCode != http.StatusOK || !bytes.Equal([]byte(att.body), pdf) {
		t.Fatalf("attachment: %d, %d bytes (want %d)", att.StatusCode, len(att.body), len(pdf))
	}
	if cd := att.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "ktp budi.pdf") {
		t.Errorf("attachment Content-Disposition %q", cd)
	}
	if att.Header.Get("Content-Type") != "application/pdf" || att.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("attachment headers: %v", att.Header)
	}
}

func TestIntakeWithoutRequiredNIKComesBackFilledIn(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	c.login(clerk)
	form := url.Values{
		"saluran": {"tatap_muka"}, "kategori": {"aspirasi"}, "perihal": {"Antrean loket terlalu panjang"},
		"isi": {"Mohon loket ditambah."}, "nama": {"Budi Santoso"}, "telepon": {"081234567890"},
		"alamat": {"Jl. Gajah Mada 12"}, "pernyataan": {"1"},
	}
	ctype, body := multipartForm(t, form, nil)
	r := c.post("/surat", ctype, body)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("POST /surat without NIK: %d, want 422", r.StatusCode)
	}
	// The message is the profile's own rule, in Indonesian.
	l := &letters.Letter{Channel: "tatap_muka", Category: "aspirasi", Subject: "x",
		Complainant: letters.Party{Name: "Budi Santoso"}}
	want := letters.ErrorMessage(e.profile.CheckIntake(l, 0))
	if !strings.Contains(want, "NIK") || !strings.Contains(want, "Tatap Muka") {
		t.Fatalf("profile message %q does not name the field and channel", want)
	}
	mustContain(t, "re-rendered form", r.body,
		`class="error" role="alert">`+html.EscapeString(want),
		`value="Antrean loket terlalu panjang"`, `value="Budi Santoso"`, `value="081234567890"`,
		"Mohon loket ditambah.", "Jl. Gajah Mada 12",
		`<option value="tatap_muka" selected>`, `<option value="aspirasi" selected>`,
		`name="pernyataan" type="checkbox" value="1" checked`)
	if n := e.count(); n != 0 {
		t.Fatalf("%d letters saved from a rejected form", n)
	}
}

func TestIntakeRejectsAFakePDF(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	c.login(clerk)
	ctype, body := multipartForm(t, url.Values{
		"saluran": {"tatap_muka"}, "kategori": {"pengaduan"}, "perihal": {"Lampiran palsu"},
		"nama": {"Budi Santoso"}, "nik": {"6171010101900001"},
	}, map[string][]byte{"surat.pdf": []byte("<html><script>alert(1)</script></html>")})
	r := c.post("/surat", ctype, body)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("fake PDF: %d, want 422", r.StatusCode)
	}
	mustContain(t, "form", r.body, "surat.pdf", `value="Lampiran palsu"`, "pilih kembali berkasnya")
	if n := e.count(); n != 0 {
		t.Fatalf("%d letters saved with a fake PDF", n)
	}
}

// streamForm sends a multipart form with one file of size bytes, streamed.
func streamForm(c *client, size int) response {
	pr, pw := io.Pipe()
	w := multipart.NewWriter(pw)
	go func() {
		w.WriteField("perihal", "Lampiran besar")
		fw, _ := w.CreateFormFile("lampiran", "besar.pdf")
		chunk := make([]byte, 1<<20)
		for left := size; left > 0; left -= len(chunk) {
			if _, err := fw.Write(chunk[:min(left, len(chunk))]); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		w.Close()
		pw.Close()
	}()
	return c.post("/surat", w.FormDataContentType(), pr)
}

func TestOversizeUploadsAreRefusedInWords(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	c.login(clerk)

	r := streamForm(c, letters.MaxUploadSize+1<<20)
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("one file over the limit: %d, want 413", r.StatusCode)
	}
	mustContain(t, "one file over the limit", r.body, "besar.pdf", "melebihi batas 20 MB", `value="Lampiran besar"`)

	r = streamForm(c, 5*letters.MaxUploadSize+2<<20)
	if r.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("request over the limit: %d, want 413", r.StatusCode)
	}
	mustContain(t, "request over the limit", r.body, "Kiriman melebihi batas 100 MB")
	if n := e.count(); n != 0 {
		t.Fatalf("%d letters saved", n)
	}
}
