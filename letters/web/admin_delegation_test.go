package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"naskah/letters"
)

// readyToSign walks a complaint answer up its chain to the head's
// signature and returns the draft's page.
func readyToSign(t *testing.T, e *fullEnv, subject string) string {
	t.Helper()
	l := e.createLetter(subject)
	if _, err := e.letters.Transition(e.user(officer), l.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if _, err := e.workflow.Dispose(e.user("kepala"), letters.DisposeInput{LetterID: l.ID, To: []string{"sekretaris"},
		Instructions: []string{"untuk ditindaklanjuti"}}); err != nil {
		t.Fatalf("dispose: %v", err)
	}
	d, err := e.workflow.CreateDraft(e.user(officer), l.ID, "surat_jawaban")
	if err != nil {
		t.Fatalf("draft: %v", err)
	}
	if _, err := e.workflow.SubmitDraft(e.user(officer), d.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	for _, who := range []string{officer, "sekretaris"} {
		if d, err = e.workflow.ApproveDraft(e.user(who), d.ID, ""); err != nil {
			t.Fatalf("paraf by %s: %v", who, err)
		}
	}
	if st := d.CurrentStep(); st == nil || st.Position != "kepala" || st.Step != letters.StepSign {
		t.Fatalf("draft is at %+v, want the head's signature", st)
	}
	return "/konsep/" + strconv.FormatInt(d.ID, 10)
}

var endForm = regexp.MustCompile(`action="(/admin/delegasi/\d+/akhiri)"`)

func TestAdminDelegationGivesTheSigningTask(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	dp := readyToSign(t, e, "Hibah belum cair")
	plh, err := e.users.FindUserByUsername(context.Background(), "kabid.perbendaharaan")
	if err != nil {
		t.Fatal(err)
	}
	delegate := e.as("kabid.perbendaharaan")
	mustNotContain(t, "tasks before the delegation", delegate.get("/tugas").body, `href="`+dp+`"`)
	wantStatus(t, "signing before the delegation", delegate.postForm(dp+"/tandatangani", nil), http.StatusForbidden)

	c := e.as(admin)
	page := c.get("/admin/delegasi")
	wantStatus(t, "delegations page", page, http.StatusOK)
	mustContain(t, "delegations page", page.body, "Belum ada penunjukan Plt./Plh.", `value="2026-11-24"`, `<option value="kepala">`)
	uid := strconv.FormatInt(plh.ID, 10)
	form := func(position, from, to string) url.Values {
		return url.Values{"jenis": {"Plh."}, "jabatan": {position}, "pengguna": {uid}, "mulai": {from}, "selesai": {to},
			"keterangan": {"Kepala dinas luar; ST 800/12/BKAD"}}
	}
	for _, bad := range []struct {
		form url.Values
		want string
	}{
		{form("", "2026-11-24", "2026-11-26"), "Jabatan yang diwakili wajib dipilih."},
		{form("kepala", "2026-11-26", "2026-11-24"), "Tanggal selesai tidak boleh sebelum tanggal mulai."},
		{form("kepala", "24-11-2026", "2026-11-26"), "Tanggal mulai \"24-11-2026\" tidak valid"},
		{form("kepala", "2026-11-01", "2026-11-20"), "Tanggal selesai 20 November 2026 sudah lewat."},
		{form("kabid_perbendaharaan", "2026-11-24", "2026-11-26"), "sudah memegang jabatan"},
	} {
		r := c.postForm("/admin/delegasi", bad.form)
		wantStatus(t, bad.want, r, http.StatusUnprocessableEntity)
		mustContain(t, bad.want, html.UnescapeString(errorText(r.body)), bad.want)
	}
	r := c.postForm("/admin/delegasi", form("kepala", "2026-11-24", "2026-11-26"))
	wantStatus(t, "delegate", r, http.StatusSeeOther)
	page = c.get("/admin/delegasi")
	mustContain(t, "delegations page", page.body, "Plh. "+e.profile.PositionTitle("kepala")+": "+plh.Name, "berjalan",
		"24 November 2026 s.d. 26 November 2026", "ST 800/12/BKAD", "Akhiri sekarang")
	r = c.postForm("/admin/delegasi", form("kepala", "2026-11-25", "2026-11-27"))
	wantStatus(t, "overlapping delegation", r, http.StatusConflict)
	mustContain(t, "overlapping delegation", errorText(r.body), "sudah diwakili "+plh.Name)

	// The delegate now holds the head's signature, and loses it when the
	// delegation is ended.
	mustContain(t, "delegate's tasks", delegate.get("/tugas").body, `href="`+dp+`"`, "tanda tangan")
	m := endForm.FindStringSubmatch(page.body)
	if m == nil {
		t.Fatal("no end button on the delegations page")
	}
	wantStatus(t, "clerk ending", e.as(clerk).postForm(m[1], nil), http.StatusForbidden)
	wantStatus(t, "end", c.postForm(m[1], nil), http.StatusSeeOther)
	mustContain(t, "after ending", c.get("/admin/delegasi").body, "diakhiri", "selesai")
	wantStatus(t, "ending twice", c.postForm(m[1], nil), http.StatusConflict)
	mustNotContain(t, "tasks after the end", delegate.get("/tugas").body, `href="`+dp+`"`)
	wantStatus(t, "signing after the end", delegate.postForm(dp+"/tandatangani", nil), http.StatusForbidden)

	// A new delegation the same day: the delegate signs as Plh.
	wantStatus(t, "delegate again", c.postForm("/admin/delegasi", form("kepala", "2026-11-24", "2026-11-24")), http.StatusSeeOther)
	wantStatus(t, "delegate signs", delegate.postForm(dp+"/tandatangani", nil), http.StatusSeeOther)
	id, _ := strconv.ParseInt(dp[len("/konsep/"):], 10, 64)
	d, err := e.workflow.FindDraftByID(e.user(officer), id)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := e.workflow.FindDocuments(e.user(officer), letters.DocumentFilter{LetterID: d.LetterID})
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	// The signature block wraps the title: its first line is enough.
	mustContain(t, "signed document", pdfText(t, documentPDF(t, e, docs[0].ID)), "Plh. Kepala Badan Keuangan", plh.Name)

	// Not for a clerk.
	clerkC := e.as(clerk)
	wantStatus(t, "clerk page", clerkC.get("/admin/delegasi"), http.StatusForbidden)
	wantStatus(t, "clerk delegating", clerkC.postForm("/admin/delegasi", form("kepala", "2026-11-27", "2026-11-28")), http.StatusForbidden)
}

func documentPDF(t *testing.T, e *fullEnv, id int64) []byte {
	t.Helper()
	data, err := e.workflow.DocumentPDF(e.user(officer), id)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
