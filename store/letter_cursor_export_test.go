package store

import (
	"database/sql"
	"fmt"

	"naskah/letters"
)

// OpenReadOnly opens the data directory dir for reading only: no writer,
// no migrations, nothing written (a benchmark on the directory of a
// server that is running). Only reads (FindLetters…) work on it.
func OpenReadOnly(dir string, p *letters.Profile) (*DB, error) {
	db := NewDB(dir)
	db.Profile = p
	cal, err := p.Calendar(nil)
	if err != nil {
		return nil, fmt.Errorf("store: calendar: %w", err)
	}
	db.Calendar = cal
	db.nik = &nikKeyring{dir: dir}
	nikKeyrings.Store(dir, db.nik)
	if _, err := db.nik.get(false); err != nil {
		return nil, err
	}
	if db.read, err = sql.Open("sqlite3", db.dsn(true)); err != nil {
		return nil, fmt.Errorf("store: open readers: %w", err)
	}
	if err := db.read.Ping(); err != nil {
		db.read.Close()
		return nil, fmt.Errorf("store: ping readers: %w", err)
	}
	return db, nil
}
