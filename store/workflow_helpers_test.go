package store_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"naskah/letters"
	"naskah/store"
	"naskah/templates/pdf"
)

// Office is a test office running the whole workflow with the real PDF
// renderer and signer, and the profile's own users.
type Office struct {
	DB    *store.DB
	Clock *Clock
	P     *letters.Profile
	WF    *store.WorkflowService
	L     *store.LetterService
	Users *store.UserService
}

// MustOffice opens a fresh data directory as office slug with the
// profile's users.
func MustOffice(tb testing.TB, slug string) *Office {
	tb.Helper()
	dir := tb.TempDir()
	db, clock := MustOpenDBAt(tb, dir, slug)
	users := store.NewUserService(db)
	if _, err := users.EnsureProfileUsers(context.Background(), func(string) string { return testPassword }); err != nil {
		tb.Fatalf("profile users: %v", err)
	}
	r, err := pdf.NewRenderer()
	if err != nil {
		tb.Fatal(err)
	}
	s, err := pdf.NewSigner(dir, db.Profile.Office)
	if err != nil {
		tb.Fatal(err)
	}
	return &Office{DB: db, Clock: clock, P: db.Profile, Users: users, L: store.NewLetterService(db),
		WF: store.NewWorkflowService(db, r, s, "https://naskah.contoh.go.id")}
}

// As returns a context signed in as the first user holding position,
// creating one when the profile names none.
func (o *Office) As(tb testing.TB, position string) context.Context {
	tb.Helper()
	us, _, err := o.Users.FindUsers(context.Background(), letters.UserFilter{Position: position, Limit: 1})
	if err != nil {
		tb.Fatal(err)
	}
	if len(us) == 0 {
		ctx, _ := MustUser(tb, o.DB, position)
		return ctx
	}
	return letters.NewContextWithUser(context.Background(), us[0])
}

// User returns the user in ctx.
func User(ctx context.Context) *letters.User { return letters.UserFromContext(ctx) }

// PathDown is the chain of positions from top down to position: the
// hierarchy a disposition cascades along.
func PathDown(p *letters.Profile, top, position string) []string {
	var up []string
	for pos := p.Position(position); pos != nil; pos = p.Position(pos.Parent) {
		up = append(up, pos.Code)
		if pos.Code == top {
			break
		}
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	return up
}

// PDFText is the text of a PDF as pdftotext reads it.
func PDFText(tb testing.TB, data []byte) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		tb.Skip("pdftotext (poppler-utils) is not installed")
	}
	f := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
