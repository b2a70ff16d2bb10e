package store

import (
	"testing"

	"naskah/letters/profile"
)

// openInternalDB opens a new office of the embedded profile slug in a
// temporary directory for the tests inside the package, closed at the end.
func openInternalDB(t testing.TB, slug string) *DB {
	t.Helper()
	p, err := profile.Load(slug)
	if err != nil {
		t.Fatal(err)
	}
	db := NewDB(t.TempDir())
	db.Profile = p
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
