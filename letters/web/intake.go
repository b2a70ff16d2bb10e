package web

import (
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// intakeForm: GET /surat/baru, the empty form.
func (a *app) intakeForm(c *gin.Context) {
	form := templates.IntakeForm{Channel: c.Query("saluran"), Category: letters.CategoryPengaduan}
	a.render(c, http.StatusOK, templates.PageIntake, a.intakePage(c, form, ""))
}

// intake: POST /surat registers a letter. A rejected form comes back as
// typed with the message at the top; nothing is saved.
func (a *app) intake(c *gin.Context) {
	form, l, uploads, err := a.readIntake(c)
	if err == nil {
		err = a.LetterService.CreateLetter(c.Request.Context(), l, uploads)
	}
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, fmt.Sprintf("Surat tercatat dengan Nomor Agenda %s.", l.AgendaNumber))
		c.Redirect(http.StatusSeeOther, fmt.Sprintf("/surat/%d", l.ID))
	case letters.EINVALID, letters.ECONFLICT, letters.ETOOLARGE:
		status, _, msg := a.publicError(c, err)
		a.render(c, status, templates.PageIntake, a.intakePage(c, form, msg))
	default:
		a.fail(c, err)
	}
}

func (a *app) intakePage(c *gin.Context, form templates.IntakeForm, errMsg string) templates.IntakePage {
	page := templates.IntakePage{Base: a.base(c, "Registrasi Surat/Pengaduan"), Form: form,
		MaxUpload: fmt.Sprintf("%d MB", letters.MaxUploadSize>>20)}
	page.Error = errMsg
	for _, ch := range a.Profile.Channels {
		page.Channels = append(page.Channels, templates.ChannelInfo{Code: ch.Code, Name: ch.Name,
			Requirement: ch.Requirement, Selected: ch.Code == form.Channel})
	}
	for _, cat := range letters.Categories {
		page.Categories = append(page.Categories, templates.Option{Value: cat.Code, Label: cat.Label, Selected: cat.Code == form.Category})
	}
	for _, cl := range a.Profile.Classes {
		page.Classes = append(page.Classes, templates.Option{Value: cl.Code, Label: cl.Name, Selected: cl.Code == form.Class})
	}
	return page
}

// readIntake reads the intake form (multipart or URL-encoded): the input as
// typed, the letter it describes and the files attached.
func (a *app) readIntake(c *gin.Context) (templates.IntakeForm, *letters.Letter, []letters.Upload, error) {
	var form templates.IntakeForm
	r := c.Request
	var err error
	if strings.HasPrefix(c.ContentType(), "multipart/") {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err != nil {
		return form, nil, nil, bodyError(err)
	}
	v := r.PostForm
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	form = templates.IntakeForm{
		Channel: get("saluran"), Category: get("kategori"), Class: get("klasifikasi"),
		Subject: get("perihal"), Body: strings.TrimSpace(v.Get("isi")), Origin: get("asal"),
		RefNumber: get("nomor_surat"), RefDate: get("tanggal_surat"), LaporID: get("lapor_id"),
		Name: get("nama"), NIK: get("nik"), Address: get("alamat"), Phone: get("telepon"),
		Email: get("email"), Organisation: get("organisasi"),
		Anonymous: v.Get("anonim") == "1", Confidential: v.Get("rahasia") == "1", Statement: v.Get("pernyataan") == "1",
	}
	l := &letters.Letter{
		Channel: form.Channel, Category: form.Category, Class: form.Class, Subject: form.Subject,
		Body: form.Body, Origin: form.Origin, RefNumber: form.RefNumber, LaporID: form.LaporID,
		Statement: form.Statement,
		Complainant: letters.Party{Name: form.Name, NIK: form.NIK, Address: form.Address, Phone: form.Phone,
			Email: form.Email, Organisation: form.Organisation, Anonymous: form.Anonymous, Confidential: form.Confidential},
	}
	if l.RefDate, err = a.parseDate(form.RefDate, "Tanggal surat"); err != nil {
		return form, nil, nil, err
	}
	var uploads []letters.Upload
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["lampiran"] {
			if fh.Filename == "" && fh.Size == 0 {
				continue // the file input left empty
			}
			u, err := readUpload(fh)
			if err != nil {
				return form, nil, nil, err
			}
			uploads = append(uploads, u)
		}
	}
	return form, l, uploads, nil
}

// readUpload reads one attached file. Its type is checked by the service.
func readUpload(fh *multipart.FileHeader) (letters.Upload, error) {
	if fh.Size > letters.MaxUploadSize {
		return letters.Upload{}, letters.Errorf(letters.ETOOLARGE, "Berkas %q melebihi batas %d MB.", fh.Filename, letters.MaxUploadSize>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return letters.Upload{}, fmt.Errorf("web: open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return letters.Upload{}, fmt.Errorf("web: read upload: %w", err)
	}
	return letters.Upload{Name: fh.Filename, Data: data}, nil
}

// bodyError turns a failure to read the request body into the user's terms.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return letters.Errorf(letters.ETOOLARGE, "Kiriman melebihi batas %d MB seluruhnya. Kirim lampiran yang lebih kecil atau lebih sedikit.", (5*letters.MaxUploadSize)>>20)
	}
	return letters.Errorf(letters.EINVALID, "Formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.")
}

// parseDate reads a YYYY-MM-DD date (as a date input sends it) in the
// office's zone; "" is no date.
func (a *app) parseDate(s, field string) (*time.Time, error) {
	if s == "" {
		return nil, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, a.cal.Location())
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "%s %q tidak valid; tulis sebagai TTTT-BB-HH, mis. 2026-11-23.", field, s)
	}
	return &t, nil
}
