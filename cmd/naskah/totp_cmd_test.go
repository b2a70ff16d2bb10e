package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The demo office enrols its signers and admins and writes their secrets
// beside the password; `naskah totp status` names a signer added later
// without a second factor; after `naskah totp enroll` it has one,
// `naskah totp code` prints its current code, and `naskah totp activate
// --reset` removes it and prints an activation code for the web page.
func TestTOTPEnrollAndStatus(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	accounts, err := os.ReadFile(filepath.Join(dir, demoAccountsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"kepala", "kasubag"} { // the head signs; kasubag is admin and signs the Berita Acara
		if !regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(who) + `\s.*TOTP: [A-Z2-7]{16,}$`).Match(accounts) {
			t.Errorf("%s has no TOTP secret in %s:\n%s", who, demoAccountsFile, accounts)
		}
	}
	if regexp.MustCompile(`(?m)^\s*frontoffice\s.*TOTP`).Match(accounts) {
		t.Errorf("the front office neither signs nor administers but got a TOTP secret:\n%s", accounts)
	}
	out, err := runNaskah(t, "totp", "status", "--data", dir)
	if err != nil {
		t.Fatalf("totp status: %v\n%s", err, out)
	}
	if strings.Contains(out, "BELUM") {
		t.Fatalf("a demo signer or admin is left without a second factor:\n%s", out)
	}
	cmd := naskahCmd(t, "user", "add", "--data", dir, "--username", "plt.kepala", "--name", "Plt Kepala", "--position", "kepala")
	cmd.Env = append(cmd.Env, "NASKAH_PASSWORD=rahasia-123")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, b)
	}
	out, _ = runNaskah(t, "totp", "status", "--data", dir)
	if !regexp.MustCompile(`(?m)^plt\.kepala\s+kepala\s+penandatangan\s+BELUM$`).MatchString(out) {
		t.Fatalf("status does not name the new signer without a second factor:\n%s", out)
	}
	if out, err := runNaskah(t, "totp", "code", "--user", "plt.kepala", "--data", dir); err == nil || !strings.Contains(out, "belum memakai faktor kedua") {
		t.Fatalf("code of a user without a second factor: %v\n%s", err, out)
	}
	out, err = runNaskah(t, "totp", "enroll", "plt.kepala", "--data", dir)
	if err != nil || !strings.Contains(out, "otpauth://totp/") {
		t.Fatalf("totp enroll: %v\n%s", err, out)
	}
	out, _ = runNaskah(t, "totp", "status", "--data", dir)
	if !regexp.MustCompile(`(?m)^plt\.kepala\s+kepala\s+penandatangan\s+ya$`).MatchString(out) {
		t.Errorf("after enrolling:\n%s", out)
	}
	out, err = runNaskah(t, "totp", "code", "--user", "plt.kepala", "--data", dir)
	if err != nil || !regexp.MustCompile(`^\d{6}\n$`).MatchString(out) {
		t.Fatalf("totp code: %v %q", err, out)
	}
	// An activation code for the web page: refused while a factor exists,
	// made with --reset (a lost telephone), which removes the factor.
	if out, err := runNaskah(t, "totp", "activate", "plt.kepala", "--data", dir); err == nil || !strings.Contains(out, "atur ulang") {
		t.Errorf("activate for an enrolled user: %v\n%s", err, out)
	}
	out, err = runNaskah(t, "totp", "activate", "plt.kepala", "--reset", "--data", dir)
	if err != nil || !regexp.MustCompile(`Kode aktivasi faktor kedua untuk plt\.kepala \(Plt Kepala\): [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n`).MatchString(out) {
		t.Fatalf("totp activate --reset: %v\n%s", err, out)
	}
	out, _ = runNaskah(t, "totp", "status", "--data", dir)
	if !regexp.MustCompile(`(?m)^plt\.kepala\s+kepala\s+penandatangan\s+BELUM$`).MatchString(out) {
		t.Errorf("after the reset:\n%s", out)
	}
}
