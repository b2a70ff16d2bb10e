package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// Someone with the data directory changes one audit row and one byte of a
// stored signed PDF: `naskah audit verify` names the row and `naskah
// verify` calls the file TIDAK ASLI, both with exit status 1.
func TestTamperedRowAndSignedPDFAreBothCaught(t *testing.T) {
	dir, _ := demoDir(t, "dpmptsp")
	out, err := runNaskah(t, "audit", "verify", "--data", dir)
	if err != nil || !strings.Contains(out, "utuh") {
		t.Fatalf("audit verify before tampering: %v\n%s", err, out)
	}
	rows, _ := strconv.Atoi(regexp.MustCompile(`(\d+) baris`).FindStringSubmatch(out)[1])
	out, err = runNaskah(t, "documents", "list", "--data", dir, "--json")
	if err != nil {
		t.Fatalf("documents list: %v\n%s", err, out)
	}
	var docs []struct {
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil || len(docs) == 0 {
		t.Fatalf("documents list --json: %v\n%s", err, out)
	}
	stored := filepath.Join(dir, "attachments", docs[0].SHA256[:2], docs[0].SHA256)
	if out, err := runNaskah(t, "verify", stored, "--data", dir); err != nil || !strings.HasPrefix(out, "ASLI") {
		t.Fatalf("verify of the stored original: %v\n%s", err, out)
	}

	// One row in the middle of the chain: the guard trigger dropped, as
	// anyone with the file can.
	raw, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "naskah.db")+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	bad := rows / 2
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET detail = 'tidak terjadi apa-apa' WHERE id = ` + strconv.Itoa(bad)} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	// One byte of the signed PDF's text, in place.
	data, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("Jawaban"))
	if i < 0 {
		t.Fatal("no text to change in the stored PDF")
	}
	data[i] = 'j'
	if err := os.WriteFile(stored, data, 0o640); err != nil {
		t.Fatal(err)
	}

	out, err = runNaskah(t, "audit", "verify", "--data", dir)
	if code := exitCode(err); code != 1 || !strings.Contains(out, "RUSAK pada baris "+strconv.Itoa(bad)) {
		t.Errorf("audit verify after editing row %d: exit %d\n%s", bad, code, out)
	}
	out, err = runNaskah(t, "verify", stored, "--data", dir)
	if code := exitCode(err); code != 1 || !strings.HasPrefix(out, "TIDAK ASLI") {
		t.Errorf("verify after changing one byte: exit %d\n%s", code, out)
	}
}
