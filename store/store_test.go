package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
)

// testProfile is the office most tests run as.
const testProfile = "bkpsdmd-matim"

// testPassword is every test user's password.
const testPassword = "rahasia-123"

// Clock is a settable time source for DB.Now.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *Clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *Clock) Set(t time.Time)     { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }
func (c *Clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// start is Tuesday 10 March 2026, 09:00 WITA.
var start = time.Date(2026, 3, 10, 1, 0, 0, 0, time.UTC)

// MustLoadProfile loads an embedded profile or fails.
func MustLoadProfile(tb testing.TB, slug string) *letters.Profile {
	tb.Helper()
	p, err := profile.Load(slug)
	if err != nil {
		tb.Fatalf("load profile %s: %v", slug, err)
	}
	return p
}

// MustOpenDB opens a DB in a fresh temporary directory, as the test office,
// with its clock fixed at start. It is closed when the test ends.
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	db, _ := MustOpenDBAt(tb, tb.TempDir(), testProfile)
	return db
}

// MustOpenDBAt opens the data directory dir as office slug and returns the
// DB and its clock.
func MustOpenDBAt(tb testing.TB, dir, slug string) (*store.DB, *Clock) {
	tb.Helper()
	clock := &Clock{t: start}
	db := store.NewDB(dir)
	db.Now = clock.Now
	db.Profile = MustLoadProfile(tb, slug)
	if err := db.Open(); err != nil {
		tb.Fatalf("open db: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close db: %v", err)
		}
	})
	return db, clock
}

// MustUser creates a user holding position and returns a context signed in
// as that user.
func MustUser(tb testing.TB, db *store.DB, position string) (context.Context, *letters.User) {
	tb.Helper()
	users := store.NewUserService(db)
	u := &letters.User{Username: fmt.Sprintf("pegawai%d", userSeq.Add(1)), Name: "Pegawai " + position, Position: position}
	if err := users.CreateUser(context.Background(), u, testPassword); err != nil {
		tb.Fatalf("create user %s: %v", position, err)
	}
	return letters.NewContextWithUser(context.Background(), u), u
}

var userSeq atomic.Int64

// MustClerk returns a context signed in as the position that registers letters.
func MustClerk(tb testing.TB, db *store.DB) context.Context {
	tb.Helper()
	ctx, _ := MustUser(tb, db, positionFor(tb, db.Profile, letters.ActionRegister))
	return ctx
}

// positionFor returns the first position the profile allows to perform a.
func positionFor(tb testing.TB, p *letters.Profile, a letters.Action) string {
	tb.Helper()
	for _, r := range p.Actions {
		if r.Action == a && len(r.Positions) > 0 {
			return r.Positions[0]
		}
	}
	tb.Fatalf("profile %s: nobody may %s", p.Slug, a)
	return ""
}

var pdfSeq atomic.Int64

// NewPDF returns a small, well-formed PDF whose bytes differ per call.
func NewPDF() []byte {
	return fmt.Appendf(nil, "%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%% naskah test %d\ntrailer << /Root 1 0 R >>\n%%%%EOF\n", pdfSeq.Add(1))
}

// NewPNG returns a 2×2 PNG.
func NewPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// NewLetter returns a letter on the "surat" channel with every identity
// field filled, so that it passes any channel's rules.
func NewLetter(subject string) *letters.Letter {
	return &letters.Letter{
		Category: letters.CategoryPengaduan,
		Channel:  "surat",
		Subject:  subject,
		Body:     "Mohon penjelasan atas layanan yang belum selesai.",
		Origin:   "Warga Borong",
		Complainant: letters.Party{
			Name: "Yohanes Jehamat", NIK: "5319011203850001", Address: "Jl. Trans Flores, Borong",
			Phone: "0852 5236 8000", Email: "yohanes@contoh.id",
		},
		Statement: true,
	}
}

// MustCreateLetter registers l with one fresh PDF attached.
func MustCreateLetter(tb testing.TB, db *store.DB, ctx context.Context, l *letters.Letter) *letters.Letter {
	tb.Helper()
	if err := store.NewLetterService(db).CreateLetter(ctx, l, []letters.Upload{{Name: "surat.pdf", Data: NewPDF()}}); err != nil {
		tb.Fatalf("create letter: %v", err)
	}
	return l
}

// RawDB opens the SQLite file directly, as someone with the file would.
func RawDB(tb testing.TB, db *store.DB) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db.Path()+"?_busy_timeout=5000")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

// Count returns the number of rows in table.
func Count(tb testing.TB, raw *sql.DB, table string) int {
	tb.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}

// Files returns the paths of the stored attachment files (not temp files).
func Files(tb testing.TB, db *store.DB) []string {
	tb.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(db.Dir, "attachments"), func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Base(path)[0] != '.' {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// ExpectCode fails unless err carries the domain error code.
func ExpectCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := letters.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

func TestOpen_ReopenKeepsDataAndRefusesOtherOffice(t *testing.T) {
	dir := t.TempDir()
	db, _ := MustOpenDBAt(t, dir, testProfile)
	ctx := MustClerk(t, db)
	l := MustCreateLetter(t, db, ctx, NewLetter("Permohonan informasi mutasi"))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2, _ := MustOpenDBAt(t, dir, testProfile)
	got, err := store.NewLetterService(db2).FindLetterByID(context.Background(), l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AgendaNumber != l.AgendaNumber {
		t.Fatalf("agenda number after reopen = %q, want %q", got.AgendaNumber, l.AgendaNumber)
	}
	// Each migration file is applied once, however often the file is opened.
	files, _ := filepath.Glob(filepath.Join("migrations", "*.sql"))
	var n int
	if err := RawDB(t, db2).QueryRow(`SELECT COUNT(*) FROM migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
		t.Fatalf("migrations recorded = %d (%v), want %d", n, err, len(files))
	}

	other := store.NewDB(dir)
	other.Profile = MustLoadProfile(t, "biro-organisasi-ntt")
	if err := other.Open(); err == nil {
		other.Close()
		t.Fatal("a data directory of another office was opened")
	}
}
