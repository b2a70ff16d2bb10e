package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

// apiLetters: GET /api/v1/letters?status=&channel=&category=&q=&overdue=
// &from=&to=&unit=&limit=&offset=. from and to are days received
// (YYYY-MM-DD, both inclusive, office time); unit is a position code (its
// letters and those of the positions below it). A search counts only its
// newest letters.SearchLimit matches: past that, total_capped is true and
// total is SearchLimit+1.
func (a *app) apiLetters(c *gin.Context) {
	f := letters.LetterFilter{
		Status:   letters.Status(c.Query("status")),
		Channel:  c.Query("channel"),
		Category: c.Query("category"),
		Query:    strings.TrimSpace(c.Query("q")),
		Overdue:  c.Query("overdue") == "true" || c.Query("overdue") == "1",
		Limit:    agendaPageSize,
	}
	if f.Status != "" && !f.Status.Valid() {
		a.failJSON(c, letters.Errorf(letters.EINVALID, "Status %q tidak dikenal.", f.Status))
		return
	}
	var err error
	if f.From, f.To, err = a.letterPeriod(strings.TrimSpace(c.Query("from")), strings.TrimSpace(c.Query("to")),
		"Tanggal awal (from)", "Tanggal akhir (to)"); err != nil {
		a.failJSON(c, err)
		return
	}
	if f.Unit, err = a.letterUnit(strings.TrimSpace(c.Query("unit")), "Unit (unit)"); err != nil {
		a.failJSON(c, err)
		return
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			a.failJSON(c, letters.Errorf(letters.EINVALID, "limit harus bilangan 1 sampai 500."))
			return
		}
		f.Limit = n
	}
	if s := c.Query("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			a.failJSON(c, letters.Errorf(letters.EINVALID, "offset harus bilangan 0 atau lebih."))
			return
		}
		f.Offset = n
	}
	list, total, err := a.LetterService.FindLetters(c.Request.Context(), f)
	if err != nil {
		a.failJSON(c, err)
		return
	}
	user := letters.UserFromContext(c.Request.Context())
	out := make([]*letters.Letter, 0, len(list))
	for _, l := range list {
		v, _, _ := a.visibleLetter(user, l)
		out = append(out, v)
	}
	capped := f.Query != "" && total > letters.SearchLimit
	c.JSON(http.StatusOK, gin.H{"letters": out, "total": total, "total_capped": capped})
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
