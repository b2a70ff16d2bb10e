package main

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// `naskah token create` prints a secret that `naskah serve` accepts for
// the scope it names and refuses for another; `token list` shows it;
// after `token revoke` the server refuses it. A signer signs in with the
// password and the code `naskah totp code` prints.
func TestTokenCLI(t *testing.T) {
	dir, password := demoDir(t, "bkad-kalbar")
	out, err := runNaskah(t, "token", "create", "--data", dir, "--user", "frontoffice", "--name", "rekap harian",
		"--scope", "letters:read", "--expires", "90d")
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, out)
	}
	secret := regexp.MustCompile(`nsk_[A-Za-z0-9_-]{43}`).FindString(out)
	id := regexp.MustCompile(`Token API (\d+) `).FindStringSubmatch(out)
	if secret == "" || id == nil {
		t.Fatalf("token create printed no secret or number:\n%s", out)
	}
	for _, bad := range [][]string{
		{"--user", "frontoffice", "--name", "x", "--scope", "letters:delete"},
		{"--user", "frontoffice", "--name", "x", "--scope", "letters:read", "--expires", "kemarin"},
		{"--user", "tidak.ada", "--name", "x", "--scope", "letters:read"},
		{"--user", "frontoffice", "--scope", "letters:read"},
	} {
		if out, err := runNaskah(t, append([]string{"token", "create", "--data", dir}, bad...)...); err == nil {
			t.Errorf("token create %v succeeded:\n%s", bad, out)
		}
	}
	out, err = runNaskah(t, "token", "list", "--data", dir)
	if err != nil || !regexp.MustCompile(`(?m)^`+id[1]+`\s+frontoffice\s+rekap harian\s+letters:read\s.*aktif s\.d\. `).MatchString(out) {
		t.Fatalf("token list: %v\n%s", err, out)
	}
	if strings.Contains(out, secret) {
		t.Fatal("token list shows the secret")
	}

	client, base, kill := startServe(t, dir)
	defer kill()
	call := func(method, path, token string) int {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, bytes.NewReader([]byte(`{"channel":"telepon","category":"pengaduan","subject":"Lewat skrip","complainant":{"name":"Penguji","phone":"081234567890"}}`)))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := call("GET", "/api/v1/letters", secret); got != http.StatusOK {
		t.Errorf("GET with letters:read: %d", got)
	}
	if got := call("POST", "/api/v1/letters", secret); got != http.StatusForbidden {
		t.Errorf("POST with letters:read only: %d, want 403", got)
	}

	// The head signs: password, then the code from the data directory.
	login(t, client, base, "kepala", password)
	resp, err := client.Get(base + "/agenda")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/agenda" {
		t.Fatalf("head's agenda after the code: %d at %s", resp.StatusCode, resp.Request.URL)
	}

	if out, err := runNaskah(t, "token", "revoke", id[1], "--data", dir); err != nil {
		t.Fatalf("token revoke: %v\n%s", err, out)
	}
	if got := call("GET", "/api/v1/letters", secret); got != http.StatusUnauthorized {
		t.Errorf("GET with a revoked token: %d, want 401", got)
	}
	if out, err := runNaskah(t, "token", "revoke", id[1], "--data", dir); err == nil || !strings.Contains(out, "sudah dicabut") {
		t.Errorf("revoking twice: %v\n%s", err, out)
	}
}
