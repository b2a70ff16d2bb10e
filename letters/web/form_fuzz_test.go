package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/letters/profile"
)

// fuzzApp is the part of the application the form decoders use.
func fuzzApp(f *testing.F) *app {
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		f.Fatal(err)
	}
	cal, err := p.Calendar(nil)
	if err != nil {
		f.Fatal(err)
	}
	return &app{Server: &Server{Profile: p}, cal: cal}
}

// fuzzContext is a request with body of the given content type, capped as
// the server caps it.
func fuzzContext(contentType string, body []byte) *gin.Context {
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest(http.MethodPost, "/surat", bytes.NewReader(body))
	c.Request.Header.Set("Content-Type", contentType)
	c.Request.Body = http.MaxBytesReader(w, c.Request.Body, maxRequestBody)
	return c
}

// decodeErr fails unless err is what a user can be shown: EINVALID or
// ETOOLARGE with a message.
func decodeErr(t *testing.T, err error) {
	t.Helper()
	if code := letters.ErrorCode(err); err != nil && (code != letters.EINVALID && code != letters.ETOOLARGE || letters.ErrorMessage(err) == "") {
		t.Fatalf("decoder error %v (code %s), want EINVALID or ETOOLARGE with a message", err, code)
	}
}

// FuzzIntakeForm feeds the staff intake form decoder (POST /surat and the
// API's multipart variant) URL-encoded and multipart bodies.
func FuzzIntakeForm(f *testing.F) {
	a := fuzzApp(f)
	f.Add(false, []byte("saluran=tatap_muka&kategori=pengaduan&perihal=+Dana+hibah+&nama=Budi&nik=6171010101900001&tanggal_surat=2026-11-20&rahasia=1"))
	f.Add(false, []byte("tanggal_surat=2026-02-30&perihal=%ZZ"))
	f.Add(false, []byte("nama=%00&anonim=1&anonim=0"))
	f.Add(true, []byte("--B\r\nContent-Disposition: form-data; name=\"perihal\"\r\n\r\nDana hibah\r\n"+
		"--B\r\nContent-Disposition: form-data; name=\"lampiran\"; filename=\"../../etc/passwd.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--B--\r\n"))
	f.Add(true, []byte("--B\r\nContent-Disposition: form-data; name=\"lampiran\"; filename=\"\"\r\n\r\n\r\n--B--\r\n"))
	f.Add(true, []byte("--B\r\n\r\n--B"))
	f.Fuzz(func(t *testing.T, multipart bool, body []byte) {
		ct := "application/x-www-form-urlencoded"
		if multipart {
			ct = "multipart/form-data; boundary=B"
		}
		form, l, uploads, err := a.readIntake(fuzzContext(ct, body))
		decodeErr(t, err)
		if err != nil {
			return
		}
		for _, s := range []string{form.Subject, form.Name, form.NIK, form.Channel} {
			if s != strings.TrimSpace(s) {
				t.Fatalf("field %q not trimmed", s)
			}
		}
		if l.Subject != form.Subject || l.Complainant.NIK != form.NIK || l.Complainant.Confidential != form.Confidential {
			t.Fatalf("letter %+v does not match form %+v", l, form)
		}
		if form.RefDate != "" && l.RefDate == nil {
			t.Fatalf("date %q accepted but lost", form.RefDate)
		}
		if !multipart && len(uploads) > 0 {
			t.Fatal("uploads from a URL-encoded body")
		}
	})
}

// FuzzAPILetter feeds the JSON decoder of POST /api/v1/letters.
func FuzzAPILetter(f *testing.F) {
	a := fuzzApp(f)
	f.Add([]byte(`{"category":"pengaduan","channel":"surat","subject":"Dana","ref_date":"2026-11-20","complainant":{"name":"Budi","nik":"6171010101900001"},"attachments":[{"name":"a.pdf","data":"JVBERi0="}]}`))
	f.Add([]byte(`{"subject":1}`))
	f.Add([]byte(`{"tidak":"dikenal"}`))
	f.Add([]byte(`{"attachments":[{"data":"!!"}]}`))
	f.Add([]byte(`{"ref_date":"31-12-2026"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, body []byte) {
		l, uploads, err := a.readJSONLetter(fuzzContext("application/json", body))
		decodeErr(t, err)
		if err != nil {
			return
		}
		var in apiLetterInput
		if err := json.Unmarshal(body, &in); err != nil {
			return // trailing data after the object: the decoder reads one value
		}
		if l.Subject != in.Subject || l.Complainant != in.Complainant || len(uploads) != len(in.Attachments) {
			t.Fatalf("letter %+v with %d files does not match the body %s", l, len(uploads), body)
		}
	})
}
