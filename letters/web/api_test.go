package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"naskah/letters"
)

func TestAPICreatesALetter(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	body, _ := json.Marshal(map[string]any{
		"category": "pengaduan", "channel": "telepon", "subject": "Laporan via telepon",
		"body":        "Pengadu menelepon tentang SP2D.",
		"complainant": map[string]any{"name": "Ani Wijaya", "phone": "081298765432"},
		"attachments": []map[string]any{{"name": "catatan.pdf", "data": realPDF(t, "Catatan telepon")}},
	})

	r := c.post("/api/v1/letters", "application/json", bytes.NewReader(body))
	if r.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API without a session: %d, want 401", r.StatusCode)
	}
	var apiErr struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal([]byte(r.body), &apiErr); err != nil || apiErr.Error.Code != letters.EUNAUTHORIZED {
		t.Fatalf("401 body %q", r.body)
	}

	c.login(clerk)
	r = c.post("/api/v1/letters", "application/json", bytes.NewReader(body))
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/v1/letters: %d\n%s", r.StatusCode, r.body)
	}
	var got letters.Letter
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatalf("decode: %v\n%s", err, r.body)
	}
	stored, err := e.letters.FindLetterByID(e.user(officer), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AgendaNumber == "" || got.AgendaNumber != stored.AgendaNumber || got.Status != letters.StatusRegistered {
		t.Fatalf("created %q (%s), stored %q", got.AgendaNumber, got.Status, stored.AgendaNumber)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("attachments in the answer: %+v", got.Attachments)
	}
	if r.Header.Get("Location") != "/api/v1/letters/"+strconv.FormatInt(got.ID, 10) {
		t.Errorf("Location %q", r.Header.Get("Location"))
	}

	// A server-set field is refused, not silently taken.
	bad, _ := json.Marshal(map[string]any{"channel": "telepon", "subject": "x", "agenda_number": "1/2/3"})
	r = c.post("/api/v1/letters", "application/json", bytes.NewReader(bad))
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown field: %d, want 422", r.StatusCode)
	}
	// A rule of the channel: telepon requires a phone number.
	bad, _ = json.Marshal(map[string]any{"category": "pengaduan", "channel": "telepon", "subject": "x",
		"complainant": map[string]any{"name": "Ani"}})
	r = c.post("/api/v1/letters", "application/json", bytes.NewReader(bad))
	if json.Unmarshal([]byte(r.body), &apiErr); r.StatusCode != http.StatusUnprocessableEntity || apiErr.Error.Code != letters.EINVALID {
		t.Errorf("missing phone: %d %s", r.StatusCode, r.body)
	}

	// The multipart form works too.
	ctype, form := multipartForm(t, url.Values{"saluran": {"tatap_muka"}, "kategori": {"pengaduan"},
		"perihal": {"Lewat API"}, "nama": {"Budi Santoso"}, "nik": {"6171010101900001"}},
		map[string][]byte{"ktp.pdf": realPDF(t, "KTP")})
	r = c.post("/api/v1/letters", ctype, form)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("multipart API: %d\n%s", r.StatusCode, r.body)
	}

	r = c.get("/api/v1/letters?channel=telepon")
	var list struct {
		Letters []letters.Letter `json:"letters"`
		Total   int              `json:"total"`
	}
	if err := json.Unmarshal([]byte(r.body), &list); err != nil || list.Total != 1 || list.Letters[0].ID != got.ID {
		t.Fatalf("GET /api/v1/letters?channel=telepon: %d %s", r.StatusCode, r.body)
	}
	if r := c.get("/api/v1/letters/999999"); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown letter: %d, want 404", r.StatusCode)
	}
}
