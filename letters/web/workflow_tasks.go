package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// tasks: GET /tugas, "Tugas saya": what waits on the user, with deadlines,
// and the open cases past their deadline the user may see.
// maxTaskRows is how many tasks the queue page lists: a position holding
// hundreds of cases sees the most urgent ones and a count of the rest.
const maxTaskRows = 100

func (a *app) tasks(c *gin.Context) {
	ctx := c.Request.Context()
	if a.TaskService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan."))
		return
	}
	tasks, err := a.TaskService.MyTasks(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	now := a.now()
	page := templates.TasksPage{Base: a.base(c, "Tugas saya")}
	// MyTasks lists the most urgent; the count, further than the
	// navigation's, says how many wait (and is the nav's on this page).
	total := len(tasks)
	if counter, ok := a.TaskService.(taskCounter); ok {
		n, err := counter.CountMyTasks(ctx, letters.TaskCountCap)
		if err != nil {
			a.fail(c, err)
			return
		}
		total = max(total, n)
		page.Nav.SetTasks(total)
	}
	if len(tasks) > maxTaskRows {
		tasks = tasks[:maxTaskRows]
	}
	page.More, page.MoreCapped = total-len(tasks), total >= letters.TaskCountCap
	for _, t := range tasks {
		url := fmt.Sprintf("/surat/%d", t.LetterID)
		if t.DraftID != 0 {
			url = fmt.Sprintf("/konsep/%d", t.DraftID)
		}
		l := &letters.Letter{Status: t.Status, Deadline: t.Deadline}
		page.Tasks = append(page.Tasks, templates.TaskRow{Kind: t.Kind, URL: url, AgendaNumber: t.AgendaNumber,
			Subject: t.Subject, Document: t.Document, Position: a.Profile.PositionTitle(t.Position), Status: t.Status,
			Deadline: a.due(l, t.Deadline, now)})
	}
	reports, covers, err := a.reportTasks(ctx, a.acting(c)) // report_cover.go
	if err != nil {
		a.fail(c, err)
		return
	}
	page.Reports, page.Tasks = reports, append(covers, page.Tasks...)
	late, _, err := a.LetterService.FindLetters(ctx, letters.LetterFilter{Overdue: true, Limit: 100, NoCount: true, ByDeadline: true})
	if err != nil {
		a.fail(c, err)
		return
	}
	for _, l := range late {
		page.Overdue = append(page.Overdue, templates.TaskRow{URL: fmt.Sprintf("/surat/%d", l.ID), AgendaNumber: l.AgendaNumber,
			Subject: l.Subject, Position: a.Profile.PositionTitle(l.Holder), Status: l.Status, Deadline: a.due(l, l.Deadline, now)})
	}
	a.render(c, http.StatusOK, templates.PageTasks, page)
}

// maxVerifyUpload bounds a file uploaded for verification.
const maxVerifyUpload = 20 << 20

// verifyPage: GET /verifikasi/:code, public: who signed what and when.
func (a *app) verifyPage(c *gin.Context) {
	a.showVerify(c, nil)
}

func (a *app) showVerify(c *gin.Context, check *letters.FileCheck) {
	code := strings.TrimSpace(c.Param("code"))
	page := templates.VerifyPage{Base: a.base(c, "Verifikasi Dokumen"), Code: code, Office: a.Profile.Office.Name}
	doc, err := a.DocumentService.FindDocumentByCode(c.Request.Context(), code)
	status := http.StatusOK
	switch letters.ErrorCode(err) {
	case "":
		page.Found, page.Document = true, doc
	case letters.ENOTFOUND:
		status = http.StatusNotFound
	default:
		a.fail(c, err)
		return
	}
	if check != nil {
		page.Checked, page.Check = true, *check
	}
	a.render(c, status, templates.PageVerify, page)
}

// verifyUpload: POST /verifikasi/:code with a file: is it the original?
// The file is compared byte for byte (SHA-256) with the document issued
// under the code, and its embedded signature is checked with the office's
// certificate.
func (a *app) verifyUpload(c *gin.Context) {
	fh, err := c.FormFile("berkas")
	if err != nil {
		a.fail(c, letters.Errorf(letters.EINVALID, "Pilih berkas PDF yang akan diperiksa."))
		return
	}
	if fh.Size > maxVerifyUpload {
		a.fail(c, letters.Errorf(letters.ETOOLARGE, "Berkas terlalu besar untuk diperiksa (paling besar 20 MB)."))
		return
	}
	f, err := fh.Open()
	if err != nil {
		a.fail(c, fmt.Errorf("web: open upload: %w", err))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVerifyUpload+1))
	if err != nil {
		a.fail(c, fmt.Errorf("web: read upload: %w", err))
		return
	}
	check, err := a.DocumentService.CheckFile(c.Request.Context(), c.Param("code"), data)
	if err != nil && letters.ErrorCode(err) != letters.ENOTFOUND {
		a.fail(c, err)
		return
	}
	if err != nil {
		a.showVerify(c, nil)
		return
	}
	a.showVerify(c, &check)
}
