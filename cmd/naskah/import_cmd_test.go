package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"naskah/mail"
)

// TestImportCorpus imports the mail test corpus with the binary: the
// summary counts what a clerk expects and names the refused file with its
// reason; importing again registers nothing twice.
func TestImportCorpus(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	out, err := runNaskah(t, "import", "--data", dir, "../../mail/testdata")
	if err != nil {
		t.Fatalf("naskah import: %v\n%s", err, out)
	}
	want := "Impor selesai: 15 pesan — 11 surat baru, 1 balasan masuk ke kasusnya, 0 duplikat, 2 balasan otomatis, 1 ditolak."
	if !strings.Contains(out, want) {
		t.Errorf("summary:\n%s\nwant %q", out, want)
	}
	if !strings.Contains(out, "14-not-an-email.eml: Data bukan email yang dapat dibaca") {
		t.Errorf("refusal not named with its reason:\n%s", out)
	}
	out, err = runNaskah(t, "import", "--data", dir, "--json", "../../mail/testdata/01-utf8-base64-subject.eml",
		"../../mail/testdata/13-reply-to-case.eml")
	if err != nil {
		t.Fatalf("naskah import again: %v\n%s", err, out)
	}
	var sum mail.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Messages != 2 || sum.Duplicates != 2 {
		t.Errorf("re-import: %+v", sum)
	}
	if out, err := runNaskah(t, "import", "--data", dir); err == nil || !strings.Contains(out, "Sebutkan berkas") {
		t.Errorf("import without paths: %v\n%s", err, out)
	}
}

// TestFetchWithoutMailbox explains how to set the mailbox up.
func TestFetchWithoutMailbox(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	out, err := runNaskah(t, "fetch", "--data", dir, "--once")
	if err == nil || !strings.Contains(out, "Kotak surat belum diatur") {
		t.Errorf("fetch without a mailbox: %v\n%s", err, out)
	}
	out, err = runNaskah(t, "fetch", "--data", dir, "--once", "--host", "127.0.0.1", "--user", "kantor")
	if err == nil || !strings.Contains(out, "Kata sandi belum diberikan") {
		t.Errorf("fetch without a password: %v\n%s", err, out)
	}
	// A password file others can read is refused.
	os.WriteFile(filepath.Join(dir, mailPasswordFile), []byte("rahasia"), 0o644)
	os.Chmod(filepath.Join(dir, mailPasswordFile), 0o644)
	out, err = runNaskah(t, "fetch", "--data", dir, "--once", "--host", "127.0.0.1", "--user", "kantor")
	if err == nil || !strings.Contains(out, "dapat dibaca pengguna lain") || strings.Contains(out, "rahasia") {
		t.Errorf("fetch with a readable password file: %v\n%s", err, out)
	}
}
