package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/letters/web"
	"naskah/store"
	"naskah/templates/pdf"
)

// newWorkflowEnv is newEnv with the profile's own users and the workflow
// running on the real store, PDF renderer and signer.
func newWorkflowEnv(t testing.TB) (*env, *store.WorkflowService) {
	t.Helper()
	p, err := profile.Load(testProfile)
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: start}
	dir := t.TempDir()
	db := store.NewDB(dir)
	db.Profile, db.Now = p, clk.Now
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, profile: p, letters: store.NewLetterService(db), users: store.NewUserService(db),
		clock: clk, logs: &bytes.Buffer{}}
	if _, err := e.users.EnsureProfileUsers(context.Background(), func(string) string { return testPassword }); err != nil {
		t.Fatal(err)
	}
	r, err := pdf.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	signer, err := pdf.NewSigner(dir, p.Office)
	if err != nil {
		t.Fatal(err)
	}
	wf := store.NewWorkflowService(db, r, signer, "https://naskah.example")
	key := make([]byte, 32)
	rand.Read(key)
	srv := &web.Server{Profile: p, LetterService: e.letters, UserService: e.users,
		AttachmentService: store.NewAttachmentService(db), AuditService: store.NewAuditService(db),
		DispositionService: wf, DraftService: wf, DocumentService: wf, TaskService: wf,
		DelegationService: store.NewDelegationService(db),
		SessionKey:        key, Now: clk.Now, Logger: slog.New(slog.NewTextHandler(e.logs, nil))}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	e.url = hs.URL
	return e, wf
}

// as logs a new browser in as username.
func (e *env) as(username string) *client {
	c := e.client()
	c.login(username)
	return c
}

func wantStatus(t *testing.T, what string, r response, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s: status %d, want %d; body: %.600s", what, r.StatusCode, status, r.body)
	}
}

var draftLocation = regexp.MustCompile(`^/konsep/(\d+)$`)

// TestWorkflowPages walks a complaint through the browser pages: the
// disposition cascade, the draft editor with versions and diff, the paraf
// chain with a return, signing, registration, delivery and the public
// verification page; at each step a wrong position gets 403.
func TestWorkflowPages(t *testing.T) {
	e, wf := newWorkflowEnv(t)
	l := e.createLetter("Hibah belum cair")
	lp := "/surat/" + strconv.FormatInt(l.ID, 10)

	kepala := e.as("kepala")
	page := kepala.get(lp)
	mustContain(t, "head's letter page", page.body, `action="`+lp+`/disposisi"`, "siapkan jawaban", "Tidak perlu disposisi")
	analis := e.as("analis")
	wantStatus(t, "analis opening an undisposed letter", analis.get(lp), http.StatusForbidden)
	wantStatus(t, "analis disposing", analis.postForm(lp+"/disposisi", url.Values{"kepada": {"analis"}, "instruksi": {"arsip"}}), http.StatusForbidden)
	r := kepala.postForm(lp+"/disposisi", url.Values{"kepada": {"sekretaris"}, "instruksi": {"siapkan jawaban"}, "sifat": {"segera"}})
	wantStatus(t, "head disposing", r, http.StatusSeeOther)
	r = kepala.postForm(lp+"/disposisi", url.Values{"kepada": {"sekretaris"}})
	wantStatus(t, "disposing without instruction", r, http.StatusUnprocessableEntity)
	mustContain(t, "refused disposition", r.body, "Isi disposisi wajib diisi")

	for _, step := range [][2]string{{"sekretaris", "kasubag_rkme"}, {"kasubag", "analis"}} {
		c := e.as(step[0])
		mustContain(t, step[0]+"'s letter page", c.get(lp).body, "Lembar Disposisi")
		wantStatus(t, step[0]+" disposing up", c.postForm(lp+"/disposisi", url.Values{"kepada": {"kepala"}, "instruksi": {"arsip"}}), http.StatusForbidden)
		wantStatus(t, step[0]+" disposing", c.postForm(lp+"/disposisi", url.Values{"kepada": {step[1]}, "instruksi": {"siapkan jawaban"}}), http.StatusSeeOther)
	}
	ds, _ := wf.FindDispositions(e.user(officer), l.ID)
	sheet := analis.get(fmt.Sprintf("/disposisi/%d/lembar.pdf", ds[0].ID))
	wantStatus(t, "disposition sheet", sheet, http.StatusOK)
	if sheet.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("sheet content type %q", sheet.Header.Get("Content-Type"))
	}

	// Drafting: the analis starts the answer from the template.
	mustContain(t, "analis's letter page", analis.get(lp).body, `action="`+lp+`/konsep"`)
	r = analis.postForm(lp+"/konsep", url.Values{"jenis": {"surat_jawaban"}})
	wantStatus(t, "create draft", r, http.StatusSeeOther)
	m := draftLocation.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("create draft went to %q", r.Header.Get("Location"))
	}
	dp := "/konsep/" + m[1]
	mustContain(t, "draft editor", analis.get(dp).body, `name="isi"`, "Hibah belum cair", "menunggu di sini")
	r = analis.postForm(dp, url.Values{"isi": {"Dana hibah telah dicairkan pada 20 November 2026."}, "tujuan": {"Yth. Sdr. Budi Santoso"},
		"f.perihal": {"Jawaban pengaduan hibah"}, "catatan": {"isi jawaban"}})
	wantStatus(t, "save version 2", r, http.StatusSeeOther)
	mustContain(t, "diff", analis.get(dp+"?dari=1&ke=2").body, `class="diff-add"`, "Dana hibah telah dicairkan")
	kasubag := e.as(officer)
	wantStatus(t, "paraf before submission", kasubag.postForm(dp+"/paraf", nil), http.StatusForbidden)
	wantStatus(t, "submit", analis.postForm(dp+"/ajukan", nil), http.StatusSeeOther)
	wantStatus(t, "editing after submission", analis.postForm(dp, url.Values{"isi": {"x"}}), http.StatusForbidden)

	mustContain(t, "kasubag's tasks", kasubag.get("/tugas").body, `href="`+dp+`"`, "paraf")
	wantStatus(t, "analis paraf", analis.postForm(dp+"/paraf", nil), http.StatusForbidden)
	wantStatus(t, "kasubag paraf", kasubag.postForm(dp+"/paraf", url.Values{"catatan": {"Sesuai."}}), http.StatusSeeOther)
	sekretaris := e.as("sekretaris")
	wantStatus(t, "return without a note", sekretaris.postForm(dp+"/kembalikan", url.Values{"tahap": {"1"}}), http.StatusUnprocessableEntity)
	wantStatus(t, "return to kasubag", sekretaris.postForm(dp+"/kembalikan", url.Values{"tahap": {"1"}, "catatan": {"Periksa nominal."}}), http.StatusSeeOther)
	mustContain(t, "returned draft", kasubag.get(dp).body, "Periksa nominal.", `action="`+dp+`/paraf"`)
	wantStatus(t, "kasubag paraf again", kasubag.postForm(dp+"/paraf", nil), http.StatusSeeOther)
	wantStatus(t, "sekretaris paraf", sekretaris.postForm(dp+"/paraf", nil), http.StatusSeeOther)
	wantStatus(t, "sekretaris signing", sekretaris.postForm(dp+"/tandatangani", nil), http.StatusForbidden)
	wantStatus(t, "head signs", kepala.postForm(dp+"/tandatangani", nil), http.StatusSeeOther)

	docs, err := wf.FindDocuments(e.user(officer), letters.DocumentFilter{LetterID: l.ID})
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %v", docs, err)
	}
	doc := docs[0]
	front := e.as(clerk)
	wantStatus(t, "analis registering", analis.postForm(dp+"/registrasi", nil), http.StatusForbidden)
	wantStatus(t, "register", front.postForm(dp+"/registrasi", nil), http.StatusSeeOther)
	wantStatus(t, "deliver without a name", front.postForm(dp+"/serahkan", url.Values{"cara": {"cetak"}}), http.StatusUnprocessableEntity)
	wantStatus(t, "deliver", front.postForm(dp+"/serahkan", url.Values{"cara": {"cetak"}, "penerima": {"Budi Santoso"}}), http.StatusSeeOther)
	got, _ := e.letters.FindLetterByID(e.user(officer), l.ID)
	if got.Status != letters.StatusDelivered {
		t.Fatalf("letter after delivery: %s", got.Status)
	}
	file := front.get(fmt.Sprintf("/dokumen/%d.pdf", doc.ID))
	wantStatus(t, "download", file, http.StatusOK)
	stored, _ := wf.DocumentPDF(e.user(officer), doc.ID)
	if file.body != string(stored) {
		t.Fatal("the downloaded PDF differs from the stored one")
	}

	// The public verification page and the original check.
	public := e.client()
	v := public.get("/verifikasi/" + doc.VerifyCode)
	wantStatus(t, "verification page", v, http.StatusOK)
	mustContain(t, "verification page", v.body, doc.Number, "Dr. Hendrikus Sanusi")
	check := func(data []byte) string {
		ct, body := multipartFormField(t, "berkas", "surat.pdf", data)
		return public.post("/verifikasi/"+doc.VerifyCode, ct, body).body
	}
	mustContain(t, "original", check(stored), "ASLI")
	changed := []byte(file.body)
	changed[len(changed)/3] ^= 0x20
	mustContain(t, "changed copy", check(changed), "BUKAN dokumen asli")
	wantStatus(t, "unknown code", public.get("/verifikasi/XXXX-XXXX"), http.StatusNotFound)
}

// multipartFormField encodes one file field as a browser does.
func multipartFormField(t *testing.T, field, name string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return w.FormDataContentType(), &buf
}

// "Tidak perlu disposisi", withdrawing an unopened disposition, and the old
// action form, which with the workflow wired may no longer dispose upward.
func TestWorkflowPages_SkipWithdrawAndOldForm(t *testing.T) {
	e, _ := newWorkflowEnv(t)
	kepala := e.as("kepala")
	l := e.createLetter("Undangan sosialisasi")
	lp := "/surat/" + strconv.FormatInt(l.ID, 10)
	wantStatus(t, "analis skipping", e.as("analis").postForm(lp+"/tanpa-disposisi", url.Values{"arsip": {"1"}}), http.StatusForbidden)
	wantStatus(t, "head files it", kepala.postForm(lp+"/tanpa-disposisi", url.Values{"arsip": {"1"}, "catatan": {"Untuk arsip."}}), http.StatusSeeOther)
	if got, _ := e.letters.FindLetterByID(e.user(officer), l.ID); got.Status != letters.StatusClosed {
		t.Fatalf("filed letter: %s", got.Status)
	}

	l2 := e.createLetter("Hibah kelompok tani")
	lp2 := "/surat/" + strconv.FormatInt(l2.ID, 10)
	wantStatus(t, "dispose", kepala.postForm(lp2+"/disposisi", url.Values{"kepada": {"kabid_bmd"}, "instruksi": {"untuk diketahui"}}), http.StatusSeeOther)
	page := kepala.get(lp2)
	m := regexp.MustCompile(`action="(/disposisi/\d+/tarik)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no withdraw button on the head's page:\n%.2000s", page.body)
	}
	wantStatus(t, "sekretaris withdrawing", e.as("sekretaris").postForm(m[1], nil), http.StatusForbidden)
	wantStatus(t, "withdraw", kepala.postForm(m[1], nil), http.StatusSeeOther)
	wantStatus(t, "kabid after withdrawal", e.as(fieldHead).get(lp2), http.StatusForbidden)

	// The generic action form goes through the same rules.
	wantStatus(t, "dispose via the old form", kepala.postForm(lp2+"/aksi", url.Values{"aksi": {"dispose"}, "tujuan": {"sekretaris"}, "catatan": {"Telaah."}}), http.StatusSeeOther)
	r := e.as("sekretaris").postForm(lp2+"/aksi", url.Values{"aksi": {"dispose"}, "tujuan": {"kepala"}, "catatan": {"Naik."}})
	wantStatus(t, "disposing up via the old form", r, http.StatusForbidden)
}
