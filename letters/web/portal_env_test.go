package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/letters/web"
	"naskah/store"
	"naskah/templates/pdf"
)

// fullEnv is a running Naskah of one seed office with every service the
// binary wires: all the profile's users (password testPassword), office
// holidays, the workflow (dispositions, drafts, signed documents) and the
// real Tanda Bukti renderer.
type fullEnv struct {
	*env
	holidays *store.HolidayService
	workflow *store.WorkflowService
	server   *web.Server
	handler  http.Handler
	restarts atomic.Int32 // calls of server.Restart (a saved profile)
}

func newFullEnv(t *testing.T, slug string) *fullEnv {
	t.Helper()
	p, err := profile.Load(slug)
	if err != nil {
		t.Fatalf("load profile %s: %v", slug, err)
	}
	clk := &clock{t: start}
	dir := t.TempDir()
	db := store.NewDB(dir)
	db.Profile, db.Now = p, clk.Now
	if err := db.Open(); err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, profile: p, letters: store.NewLetterService(db), users: store.NewUserService(db),
		clock: clk, logs: &bytes.Buffer{}}
	if _, err := e.users.EnsureProfileUsers(context.Background(), func(string) string { return testPassword }); err != nil {
		t.Fatalf("create users: %v", err)
	}
	renderer, err := pdf.NewRenderer()
	if err != nil {
		t.Fatalf("pdf renderer: %v", err)
	}
	signer, err := pdf.NewSigner(dir, p.Office)
	if err != nil {
		t.Fatalf("office signer: %v", err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	f := &fullEnv{env: e, holidays: store.NewHolidayService(db),
		workflow: store.NewWorkflowService(db, renderer, signer, "http://naskah.test")}
	f.server = &web.Server{
		Profile: p, LetterService: e.letters, UserService: e.users,
		AttachmentService: store.NewAttachmentService(db), AuditService: store.NewAuditService(db),
		HolidayService: f.holidays, SessionKey: key, Now: clk.Now,
		DispositionService: f.workflow, DraftService: f.workflow, DocumentService: f.workflow, TaskService: f.workflow,
		DelegationService: store.NewDelegationService(db),
		ScanService:       store.NewScanService(db),
		MailService:       store.NewMailService(db),
		ProfileStore:      newProfileStore(t, db),       // admin_profile_edit_test.go
		SettingsService:   store.NewSettingsService(db), // admin_mailbox_test.go
		MailChecker:       dialChecker{},                // admin_mailbox_test.go
		Restart:           func() { f.restarts.Add(1) }, // serve re-executes itself (admin_profile_edit_test.go)
		TokenService:      store.NewTokenService(db),    // API tokens (api_token.go)
		Logger:            slog.New(slog.NewTextHandler(e.logs, nil)),
		Receipt: func(w io.Writer, l *letters.Letter) error {
			return renderer.Receipt(w, pdf.ReceiptData{Profile: p, Letter: l,
				Official: pdf.Official{Name: "Pejabat Pengelola Pengaduan"}, TrackURL: "http://naskah.test/lacak?kode=" + l.TrackingCode})
		},
	}
	f.handler, err = f.server.Handler()
	if err != nil {
		t.Fatalf("Handler: %v", err)
	}
	hs := httptest.NewServer(f.handler)
	t.Cleanup(hs.Close)
	e.url = hs.URL
	return f
}

// pdfText returns the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext (poppler-utils) is needed: %v", err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
