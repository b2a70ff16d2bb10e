package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A backup taken while the server runs restores into an empty directory
// with the keys and the profile byte for byte, and the restored office
// passes its audit check; restoring over data is refused.
func TestBackupWhileServingAndRestore(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	_, _, kill := startServe(t, dir)
	defer kill()

	archive := filepath.Join(t.TempDir(), "cadangan.tar.gz")
	out, err := runNaskah(t, "backup", "--data", dir, "-o", archive)
	if err != nil {
		t.Fatalf("naskah backup: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Cadangan dibuat") {
		t.Errorf("backup output: %s", out)
	}
	if fi, err := os.Stat(archive); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("archive: %v, mode %v; want 0600 (it holds keys and personal data)", err, fi.Mode().Perm())
	}
	if out, err := runNaskah(t, "backup", "--data", dir, "-o", filepath.Join(dir, "x.tar.gz")); err == nil {
		t.Errorf("a backup into the data directory was accepted: %s", out)
	}

	restored := filepath.Join(t.TempDir(), "pulih")
	out, err = runNaskah(t, "restore", archive, "--data", restored)
	if err != nil {
		t.Fatalf("naskah restore: %v\n%s", err, out)
	}
	if !strings.Contains(out, "semua hash cocok") {
		t.Errorf("restore output: %s", out)
	}
	for _, name := range []string{profileFile, "session.key", "office.key"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue // a file this office does not have
		}
		got, err := os.ReadFile(filepath.Join(restored, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s not restored byte for byte: %v", name, err)
		}
	}
	if out, err := runNaskah(t, "audit", "verify", "--data", restored); err != nil || !strings.Contains(out, "utuh") {
		t.Errorf("audit verify on the restored office: %v\n%s", err, out)
	}
	if out, err := runNaskah(t, "restore", archive, "--data", dir); err == nil || !strings.Contains(out, "tidak kosong") {
		t.Errorf("restore over the live office: %v\n%s", err, out)
	}
}
