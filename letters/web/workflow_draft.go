package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// skipDisposition: POST /surat/:id/tanpa-disposisi ("Tidak perlu disposisi").
func (a *app) skipDisposition(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	file := c.PostForm("arsip") == "1"
	_, err = a.DispositionService.SkipDisposition(c.Request.Context(), id, file, c.PostForm("catatan"))
	msg := "Tidak perlu disposisi: surat dijawab langsung."
	if file {
		msg = "Tidak perlu disposisi: surat diarsipkan."
	}
	a.actionDone(c, err, id, fmt.Sprintf("/surat/%d", id), msg)
}

// withdrawDisposition: POST /disposisi/:id/tarik.
func (a *app) withdrawDisposition(c *gin.Context) {
	id, err := letterID(c, "Disposisi")
	if err != nil {
		a.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	d, _, err := a.DispositionService.DispositionSheet(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	err = a.DispositionService.WithdrawDisposition(ctx, id, c.PostForm("catatan"))
	a.actionDone(c, err, d.LetterID, fmt.Sprintf("/surat/%d", d.LetterID), "Disposisi "+d.Number+" ditarik.")
}

// dispositionSheet: GET /disposisi/:id/lembar.pdf, the stored Lembar Disposisi.
func (a *app) dispositionSheet(c *gin.Context) {
	id, err := letterID(c, "Disposisi")
	if err != nil {
		a.fail(c, err)
		return
	}
	d, data, err := a.DispositionService.DispositionSheet(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	sendPDF(c, "Lembar-Disposisi-"+d.Number, data)
}

func sendPDF(c *gin.Context, name string, data []byte) {
	name = strings.NewReplacer("/", "-", "\\", "-", " ", "-").Replace(name) + ".pdf"
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "application/pdf", data)
}

// createDraft: POST /surat/:id/konsep starts a draft from the template.
func (a *app) createDraft(c *gin.Context) {
	id, err := letterID(c, "Surat")
	if err != nil {
		a.fail(c, err)
		return
	}
	d, err := a.DraftService.CreateDraft(c.Request.Context(), id, c.PostForm("jenis"))
	to := fmt.Sprintf("/surat/%d", id)
	if err == nil {
		to = fmt.Sprintf("/konsep/%d", d.ID)
	}
	a.actionDone(c, err, id, to, "Konsep dibuat dari templat; sunting lalu simpan.")
}

// draftPage: GET /konsep/:id, with ?dari=N&ke=M comparing two versions.
func (a *app) draftPage(c *gin.Context) {
	id, err := letterID(c, "Konsep")
	if err != nil {
		a.fail(c, err)
		return
	}
	a.showDraft(c, id, http.StatusOK, "")
}

func (a *app) showDraft(c *gin.Context, id int64, status int, errMsg string) {
	ctx := c.Request.Context()
	p := a.Profile
	d, err := a.DraftService.FindDraftByID(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	l, err := a.draftLetter(ctx, d) // report_cover.go: a report cover letter has no letter
	if err != nil {
		a.fail(c, err)
		return
	}
	versions, err := a.DraftService.DraftVersions(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	acting := a.acting(c)
	st := d.CurrentStep()
	holds := false
	if st != nil {
		_, holds = acting[st.Position]
	}
	page := templates.DraftPage{Base: a.base(c, d.Title), Letter: l, Draft: d, Deadline: a.due(l, l.Deadline, a.now())}
	page.Error = errMsg
	marks := map[int]letters.Paraf{}
	for _, m := range d.Parafs {
		marks[m.Step] = m
	}
	for i, s := range d.Chain {
		row := templates.StepRow{Index: i, Label: s.Label, Position: p.PositionTitle(s.Position), Kind: stepLabel(s.Step),
			Current: i == d.Step, Done: i < d.Step}
		if m, ok := marks[i]; ok {
			row.Mark = &m
		}
		page.Steps = append(page.Steps, row)
		if i < d.Step && st != nil && (st.Step == letters.StepParaf || st.Step == letters.StepSign) {
			page.ReturnTo = append(page.ReturnTo, templates.Option{Value: strconv.Itoa(i), Label: row.Position + " — " + s.Label})
		}
	}
	keys := letters.DraftFieldKeys[d.Type]
	for _, k := range keys {
		page.Fields = append(page.Fields, templates.FieldRow{Key: k, Label: letters.DraftFieldLabels[k], Value: d.Current.Fields[k]})
	}
	for _, v := range versions {
		page.Versions = append(page.Versions, templates.VersionRow{Version: v.Version, By: v.By, At: v.At, Note: v.Note})
	}
	if n := len(versions); n > 1 {
		from, _ := strconv.Atoi(c.Query("dari"))
		to, _ := strconv.Atoi(c.Query("ke"))
		if from < 1 || from > n || to < 1 || to > n {
			from, to = n-1, n
		}
		page.DiffFrom, page.DiffTo = from, to
		page.Diff = letters.DiffLines(versionText(versions[from-1]), versionText(versions[to-1]))
	}
	if holds {
		switch st.Step {
		case letters.StepDraft:
			page.CanEdit, page.CanSubmit = true, true
		case letters.StepParaf:
			page.CanParaf, page.CanReturn = true, true
		case letters.StepSign:
			page.CanSign, page.CanReturn = true, true
		case letters.StepRegister:
			page.CanRegister = true
		}
	}
	if d.DocumentID != 0 {
		doc, err := a.DocumentService.FindDocumentByID(ctx, d.DocumentID)
		if err != nil {
			a.fail(c, err)
			return
		}
		row := documentRow(doc)
		page.Document = &row
		if doc.Delivery == "" && l.ID != 0 && (holds && st.Step == letters.StepDeliver || st == nil && a.mayAct(acting, letters.ActionDeliver)) {
			page.CanDeliver = true
			page.Methods = append(page.Methods, templates.Option{Value: letters.DeliverPrint, Label: "Dicetak dan diserahkan di loket"})
			if l.Complainant.Email != "" {
				page.Methods = append(page.Methods, templates.Option{Value: letters.DeliverEmail, Label: "Email ke " + l.Complainant.Email})
			}
			if l.LaporID != "" {
				page.Methods = append(page.Methods, templates.Option{Value: letters.DeliverLapor, Label: "Tindak lanjut SP4N-LAPOR! " + l.LaporID})
			}
		}
	}
	a.render(c, status, templates.PageDraft, page)
}

func (a *app) mayAct(acting map[string]string, act letters.Action) bool {
	for pos := range acting {
		if a.Profile.MayPerform(pos, act) {
			return true
		}
	}
	return false
}

// versionText is a version as compared: addressee, fields and body.
func versionText(v *letters.DraftVersion) string {
	var b strings.Builder
	if v.Addressee != "" {
		b.WriteString(v.Addressee + "\n\n")
	}
	for _, k := range sortedKeys(v.Fields) {
		label := letters.DraftFieldLabels[k]
		if label == "" {
			label = k
		}
		b.WriteString(label + ": " + v.Fields[k] + "\n")
	}
	if len(v.Fields) > 0 {
		b.WriteString("\n")
	}
	b.WriteString(v.Body)
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var stepLabels = map[string]string{
	letters.StepDraft: "konsep", letters.StepParaf: "paraf", letters.StepSign: "tanda tangan",
	letters.StepRegister: "registrasi/penomoran", letters.StepDeliver: "penyerahan",
}

func stepLabel(s string) string {
	if l, ok := stepLabels[s]; ok {
		return l
	}
	return s
}
