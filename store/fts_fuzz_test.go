package store

import (
	"database/sql"
	"strings"
	"testing"
)

// FuzzFTSQuery checks that any search a user types becomes an FTS5 query
// SQLite accepts (no syntax error reaches the user, no operator or column
// filter slips through), of at most 16 quoted terms, whole words or prefixes.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{
		"dana hibah", `"pencairan`, "NEAR(a b)", "subject:x", "a OR b NOT c", "*", "^awal", "Ndéwi", "ك", "a\x00b",
		"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", `""""`, "(x", "AND", "-", "e\u0301",
	} {
		f.Add(s)
	}
	conn, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.Exec(`CREATE VIRTUAL TABLE t USING fts5 (subject, body, tokenize = 'unicode61 remove_diacritics 2');
		INSERT INTO t VALUES ('Pencairan dana hibah', 'belum diterima')`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range []string{ftsQuery(s), ftsPrefixQuery(s)} {
			if q == "" {
				return
			}
			if n := strings.Count(q, `"`) / 2; n > 16 {
				t.Fatalf("query for %q has %d terms, at most 16: %s", s, n, q)
			}
			var n int
			if err := conn.QueryRow(`SELECT COUNT(*) FROM t WHERE t MATCH ?`, q).Scan(&n); err != nil {
				t.Fatalf("query for %q = %q: SQLite refuses it: %v", s, q, err)
			}
		}
	})
}
