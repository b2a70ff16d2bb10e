// Package store keeps Naskah's data in one SQLite file and a directory of
// content-addressed attachments. It implements the services of package
// letters.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	_ "github.com/mattn/go-sqlite3" // the driver; build with -tags sqlite_fts5

	"naskah/letters"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DBFile is the name of the SQLite file inside the data directory.
const DBFile = "naskah.db"

// DB is the data directory: the SQLite database and the attachment files.
// Set Profile (and optionally Calendar and Now) before Open.
type DB struct {
	write *sql.DB // one connection: every write is serialised here
	read  *sql.DB // read-only connections

	// Dir is the data directory.
	Dir string

	// Now returns the current time; tests fix it. Defaults to time.Now.
	Now func() time.Time

	// Profile is the office the data belongs to. Required.
	Profile *letters.Profile

	// Calendar is the office's working-day calendar. When nil, Open builds
	// it with Profile.Calendar(nil).
	Calendar *letters.Calendar

	nik *nikKeyring // seals complainants' NIK at rest (nik_crypt.go)

	group groupCommit // batches numbers and view audit rows (group_commit.go)
}

// stmtCacheSize is the number of prepared statements each connection keeps.
const stmtCacheSize = 64

// NewDB returns a DB for the data directory dir. Call Open before use.
func NewDB(dir string) *DB {
	return &DB{Dir: dir, Now: time.Now}
}

// Path returns the path of the SQLite file.
func (db *DB) Path() string { return filepath.Join(db.Dir, DBFile) }

func (db *DB) dsn(readOnly bool) string {
	abs, err := filepath.Abs(db.Path())
	if err != nil {
		abs = db.Path()
	}
	u := url.URL{Scheme: "file", Path: abs}
	// Every connection keeps its prepared statements (stmtCacheSize): a
	// page runs the same dozen queries each time, and preparing them was a
	// tenth of the server's CPU under load (issue 8).
	q := fmt.Sprintf("_busy_timeout=5000&_foreign_keys=on&_stmt_cache_size=%d", stmtCacheSize)
	if readOnly {
		q += "&mode=ro"
	} else {
		q += "&mode=rwc&_journal_mode=WAL&_synchronous=FULL&_txlock=immediate"
	}
	return u.String() + "?" + q
}

// Open creates the data directory if needed, opens the writer (first, so it
// can switch the file to WAL) and the readers, and applies the migrations.
func (db *DB) Open() (err error) {
	if db.Dir == "" {
		return errors.New("store: data directory required")
	}
	if db.Profile == nil {
		return errors.New("store: profile required")
	}
	if db.Now == nil {
		db.Now = time.Now
	}
	if db.Calendar == nil {
		if db.Calendar, err = db.Profile.Calendar(nil); err != nil {
			return fmt.Errorf("store: calendar: %w", err)
		}
	}
	if err := os.MkdirAll(filepath.Join(db.Dir, attachmentDir), 0o750); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer func() {
		if err != nil {
			db.Close()
		}
	}()

	if db.write, err = sql.Open("sqlite3", db.dsn(false)); err != nil {
		return fmt.Errorf("store: open writer: %w", err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if err := db.write.Ping(); err != nil {
		return fmt.Errorf("store: ping writer: %w", err)
	}
	if err := db.migrate(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	db.nik = &nikKeyring{dir: db.Dir}
	nikKeyrings.Store(db.Dir, db.nik)
	if _, err := db.nik.get(false); err != nil {
		return err
	}
	if err := db.checkProfile(); err != nil {
		return err
	}
	if err := db.sealClearNIKs(context.Background()); err != nil {
		return err
	}
	if err := db.loadHolidays(); err != nil {
		return err
	}

	if db.read, err = sql.Open("sqlite3", db.dsn(true)); err != nil {
		return fmt.Errorf("store: open readers: %w", err)
	}
	// Enough readers that a page made of a dozen small reads (the case
	// page) does not wait for a connection a dozen times under load.
	n := max(16, 4*runtime.NumCPU())
	db.read.SetMaxOpenConns(n)
	db.read.SetMaxIdleConns(n)
	if err := db.read.Ping(); err != nil {
		return fmt.Errorf("store: ping readers: %w", err)
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil {
		errs = append(errs, db.read.Close())
		db.read = nil
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
		db.write = nil
	}
	return errors.Join(errs...)
}

// migrate applies the embedded migrations in name order, each in its own
// transaction, and records each in the migrations table.
func (db *DB) migrate() error {
	if _, err := db.write.Exec(`CREATE TABLE IF NOT EXISTS migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) migrateFile(name string) error {
	tx, err := db.write.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(string(buf)); err != nil {
		return err
	}
	now := formatTime(db.Now())
	if _, err := tx.Exec(`INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, now); err != nil {
		return err
	}
	return tx.Commit()
}

// checkProfile records the profile's slug at the first start and refuses a
// data directory that belongs to another office.
func (db *DB) checkProfile() error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	slug, err := getSetting(ctx, tx, settingProfile)
	if err != nil {
		return err
	}
	if slug != "" && slug != db.Profile.Slug {
		return letters.Errorf(letters.EINVALID, "Direktori data %s milik profil kantor %q, bukan %q. Gunakan direktori data lain untuk kantor ini.", db.Dir, slug, db.Profile.Slug)
	} else if slug == "" {
		if err := setSetting(ctx, tx, settingProfile, db.Profile.Slug); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Tx is a transaction that knows the time it started. Every row written in
// one transaction carries the same time.
type Tx struct {
	sqlTx // a *sql.Tx, or the batch connection's own transaction (tx_conn.go)
	db    *DB
	now   time.Time
	audit *auditTail // the audit chain's last row, kept by a batch (nil: read it)
}

// BeginTx starts a transaction: on the writer (BEGIN IMMEDIATE, so writes are
// serialised from their first statement) when write is true, else on a
// read-only connection.
func (db *DB) BeginTx(ctx context.Context, write bool) (*Tx, error) {
	pool := db.read
	if write || pool == nil {
		pool = db.write
	}
	if pool == nil {
		return nil, errors.New("store: database is not open")
	}
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	return &Tx{sqlTx: tx, db: db, now: db.Now().UTC().Truncate(time.Millisecond)}, nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns its first line
// ("ok" for a sound file).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := db.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return "", fmt.Errorf("store: integrity check: %w", err)
	}
	return res, nil
}

// loadHolidays adds the days off the office stored to the calendar.
func (db *DB) loadHolidays() error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	days, err := findHolidays(ctx, tx)
	if err != nil {
		return err
	}
	if err := db.Calendar.AddDays(days); err != nil {
		return fmt.Errorf("store: stored holidays: %w", err)
	}
	return nil
}
