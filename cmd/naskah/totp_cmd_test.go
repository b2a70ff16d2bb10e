package main

import (
	"strings"
	"testing"
)

// `naskah totp status` names the signers and admins without a second
// factor; after `naskah totp enroll` the signer has one.
func TestTOTPEnrollAndStatus(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	out, err := runNaskah(t, "totp", "status", "--data", dir)
	if err != nil {
		t.Fatalf("totp status: %v\n%s", err, out)
	}
	signer := ""
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[2] == "penandatangan" && f[3] == "BELUM" {
			signer = f[0]
		}
	}
	if signer == "" || !strings.Contains(out, "admin") {
		t.Fatalf("status lists no signer or admin without a second factor:\n%s", out)
	}
	out, err = runNaskah(t, "totp", "enroll", signer, "--data", dir)
	if err != nil || !strings.Contains(out, "otpauth://totp/") {
		t.Fatalf("totp enroll %s: %v\n%s", signer, err, out)
	}
	out, _ = runNaskah(t, "totp", "status", "--data", dir)
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 4 && f[0] == signer && f[3] != "ya" {
			t.Errorf("after enrolling, %s: %s", signer, line)
		}
	}
}
