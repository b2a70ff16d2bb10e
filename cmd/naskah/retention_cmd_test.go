package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"naskah/store"
)

// `naskah retention` on a demo office whose two oldest finished cases were
// finished in 2023: the report names them, a refused confirmation changes
// nothing, "ya" erases them, a second run finds nothing, the audit verifies.
func TestRetentionCommand(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.DBFile)+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ids []int64
	rows, err := db.Query(`SELECT id FROM letters WHERE complainant_name <> '' ORDER BY id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) != 2 {
		t.Fatalf("demo office has %d cases with a complainant", len(ids))
	}
	for i, id := range ids {
		if _, err := db.Exec(`UPDATE letters SET status = 'closed', completed_at = ? WHERE id = ?`,
			[]string{"2023-03-01T02:00:00.000Z", "2024-02-01T02:00:00.000Z"}[i], id); err != nil {
			t.Fatal(err)
		}
	}
	name := func(id int64) string {
		var n string
		if err := db.QueryRow(`SELECT complainant_name FROM letters WHERE id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	kept := name(ids[0])

	out, err := runNaskah(t, "retention", "--data", dir)
	if err != nil || !strings.Contains(out, "2 kasus jatuh tempo; yang tertua selesai 1 Maret 2023") ||
		!strings.Contains(out, "selesai tahun 2023: 1 kasus") || !strings.Contains(out, "selesai tahun 2024: 1 kasus") {
		t.Fatalf("report: %v\n%s", err, out)
	}

	cmd := naskahCmd(t, "retention", "--data", dir, "--erase")
	cmd.Stdin = strings.NewReader("tidak\n")
	if b, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(b), "Dibatalkan") {
		t.Fatalf("refused confirmation: %v\n%s", err, b)
	}
	if name(ids[0]) != kept {
		t.Fatal("a refused confirmation erased data")
	}

	cmd = naskahCmd(t, "retention", "--data", dir, "--erase")
	cmd.Stdin = strings.NewReader("ya\n")
	if b, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(b), "Data pribadi 2 kasus dihapus") {
		t.Fatalf("erase: %v\n%s", err, b)
	}
	for _, id := range ids {
		if got := name(id); got != "(dihapus)" {
			t.Errorf("letter %d complainant %q after erase", id, got)
		}
	}
	out, err = runNaskah(t, "retention", "--data", dir, "--erase", "--yes")
	if err != nil || !strings.Contains(out, "Tidak ada kasus yang jatuh tempo") || !strings.Contains(out, "Sudah dihapus sebelumnya: 2 kasus") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	if out, err := runNaskah(t, "audit", "verify", "--data", dir); err != nil {
		t.Fatalf("audit verify: %v\n%s", err, out)
	}
}
