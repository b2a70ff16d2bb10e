package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// A complainant's NIK is stored encrypted: the SQLite file does not hold
// it, the key lives in the data directory readable by its owner only, the
// letter reads back with it, and a NIK written in clear (an older version,
// a bulk load) is sealed at the next start.
func TestNIKIsEncryptedAtRest(t *testing.T) {
	dir := t.TempDir()
	db, _ := MustOpenDBAt(t, dir, testProfile)
	ctx := MustClerk(t, db)
	l := MustCreateLetter(t, db, ctx, NewLetter("Keberatan hasil seleksi"))
	const nik = "5319011203850001"

	fi, err := os.Stat(filepath.Join(dir, store.NIKKeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%s: %v, mode %v; want 0600", store.NIKKeyFile, err, fi.Mode().Perm())
	}
	raw := RawDB(t, db)
	var stored string
	if err := raw.QueryRow(`SELECT complainant_nik FROM letters WHERE id = ?`, l.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, nik) || !strings.HasPrefix(stored, "enc1:") {
		t.Fatalf("stored NIK %q is not encrypted", stored)
	}
	got, err := store.NewLetterService(db).FindLetterByID(ctx, l.ID)
	if err != nil || got.Complainant.NIK != nik {
		t.Fatalf("read back NIK %q (%v), want %s", got.Complainant.NIK, err, nik)
	}
	// Two letters from the same person do not show it by equal ciphertext.
	l2 := MustCreateLetter(t, db, ctx, NewLetter("Keberatan kedua"))
	var stored2 string
	raw.QueryRow(`SELECT complainant_nik FROM letters WHERE id = ?`, l2.ID).Scan(&stored2)
	if stored2 == stored {
		t.Error("the same NIK encrypts to the same text twice")
	}
	// Search still finds the letter by the complainant's name.
	list, _, err := store.NewLetterService(db).FindLetters(ctx, letters.LetterFilter{Query: "Jehamat"})
	if err != nil || len(list) != 2 || list[0].Complainant.NIK != nik {
		t.Fatalf("search by name: %d letters (%v)", len(list), err)
	}

	// A row written in clear is read as it is, and sealed at the next Open.
	if _, err := raw.Exec(`UPDATE letters SET complainant_nik = '6171010101900001' WHERE id = ?`, l2.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := store.NewLetterService(db).FindLetterByID(ctx, l2.ID); got.Complainant.NIK != "6171010101900001" {
		t.Fatalf("clear NIK read as %q", got.Complainant.NIK)
	}
	db.Close()
	db2, _ := MustOpenDBAt(t, dir, testProfile)
	raw2 := RawDB(t, db2)
	raw2.QueryRow(`SELECT complainant_nik FROM letters WHERE id = ?`, l2.ID).Scan(&stored2)
	if !strings.HasPrefix(stored2, "enc1:") {
		t.Fatalf("clear NIK not sealed at Open: %q", stored2)
	}
	if got, err := store.NewLetterService(db2).FindLetterByID(ctx, l2.ID); err != nil || got.Complainant.NIK != "6171010101900001" {
		t.Fatalf("sealed NIK read back as %q (%v)", got.Complainant.NIK, err)
	}
	// A changed ciphertext is an error, never a wrong NIK.
	if _, err := raw2.Exec(`UPDATE letters SET complainant_nik = substr(complainant_nik, 1, 30) || 'AAAA' || substr(complainant_nik, 35) WHERE id = ?`, l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := store.NewLetterService(db2).FindLetterByID(ctx, l.ID); err == nil {
		t.Error("a damaged NIK ciphertext was read without error")
	}
}
