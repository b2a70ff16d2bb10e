package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// apiLetterInput is the JSON body of POST /api/v1/letters. Only what a
// clerk may give is accepted; numbers, codes, status and deadlines are the
// service's to set.
type apiLetterInput struct {
	Category    string        `json:"category"`
	Channel     string        `json:"channel"`
	Class       string        `json:"class"`
	Subject     string        `json:"subject"`
	Body        string        `json:"body"`
	Origin      string        `json:"origin"`
	RefNumber   string        `json:"ref_number"`
	RefDate     string        `json:"ref_date"` // YYYY-MM-DD
	LaporID     string        `json:"lapor_id"`
	Statement   bool          `json:"statement"`
	Complainant letters.Party `json:"complainant"`
	Attachments []struct {
		Name string `json:"name"`
		Data []byte `json:"data"` // base64
	} `json:"attachments"`
}

// apiCreateLetter: POST /api/v1/letters, a JSON body or the intake form's
// multipart fields. 201 with the letter.
func (a *app) apiCreateLetter(c *gin.Context) {
	var (
		l       *letters.Letter
		uploads []letters.Upload
		err     error
	)
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		_, l, uploads, err = a.readIntake(c)
	} else {
		l, uploads, err = a.readJSONLetter(c)
	}
	if err == nil {
		err = a.LetterService.CreateLetter(c.Request.Context(), l, uploads)
	}
	if err != nil {
		a.failJSON(c, err)
		return
	}
	// Read back what was stored, attachments included.
	if stored, err := a.LetterService.FindLetterByID(c.Request.Context(), l.ID); err == nil {
		l = stored
	}
	v, _, _ := a.visibleLetter(letters.UserFromContext(c.Request.Context()), l)
	c.Header("Location", fmt.Sprintf("/api/v1/letters/%d", l.ID))
	c.JSON(http.StatusCreated, v)
}

func (a *app) readJSONLetter(c *gin.Context) (*letters.Letter, []letters.Upload, error) {
	var in apiLetterInput
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		if be := bodyError(err); letters.ErrorCode(be) == letters.ETOOLARGE {
			return nil, nil, be
		}
		return nil, nil, letters.Errorf(letters.EINVALID, "Isi permintaan bukan JSON surat yang valid (%s).", jsonProblem(err))
	}
	refDate, err := a.parseDate(strings.TrimSpace(in.RefDate), "Tanggal surat (ref_date)")
	if err != nil {
		return nil, nil, err
	}
	l := &letters.Letter{
		Category: in.Category, Channel: in.Channel, Class: in.Class, Subject: in.Subject, Body: in.Body,
		Origin: in.Origin, RefNumber: in.RefNumber, RefDate: refDate, LaporID: in.LaporID,
		Statement: in.Statement, Complainant: in.Complainant,
	}
	var uploads []letters.Upload
	for _, f := range in.Attachments {
		uploads = append(uploads, letters.Upload{Name: f.Name, Data: f.Data})
	}
	return l, uploads, nil
}

// jsonProblem names what is wrong with a JSON body in Indonesian.
func jsonProblem(err error) string {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return fmt.Sprintf("isian %q berjenis salah", typeErr.Field)
	case errors.As(err, &syntaxErr):
		return fmt.Sprintf("sintaks salah pada posisi %d", syntaxErr.Offset)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "isian " + strings.TrimPrefix(err.Error(), "json: unknown field ") + " tidak dikenal"
	}
	return "tidak dapat dibaca"
}

// apiLetter: GET /api/v1/letters/:id.
func (a *app) apiLetter(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.failJSON(c, err)
		return
	}
	l, err := a.LetterService.FindLetterByID(c.Request.Context(), id)
	if err != nil {
		a.failJSON(c, err)
		return
	}
	v, hidden, masked := a.visibleLetter(letters.UserFromContext(c.Request.Context()), l)
	if err := a.logPersonalView(c, v, hidden, masked, "API /api/v1/letters/:id"); err != nil { // privacy_audit.go
		a.failJSON(c, err)
		return
	}
	c.JSON(http.StatusOK, v)
}
