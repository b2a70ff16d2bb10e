package main

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A profile saved on the admin page is kept in the data directory and is
// the one `naskah serve` runs after a restart; until then the running
// profile stays and the page says so.
func TestServeLoadsSavedProfile(t *testing.T) {
	dir, password := demoDir(t, "bkad-kalbar")
	file := filepath.Join(dir, profileFile)
	original, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(original), "phone: (0561) 736541 ext. 445", "phone: (0561) 555123", 1)
	if edited == string(original) {
		t.Fatal("the demo profile has no phone line to change")
	}
	get := func(c *http.Client, u string) string {
		t.Helper()
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", u, resp.StatusCode)
		}
		return string(body)
	}

	client, base, kill := startServe(t, dir)
	login(t, client, base, "kasubag", password) // with the code of the demo's second factor
	resp, err := client.PostForm(base+"/admin/profil/ubah", url.Values{"profil": {edited}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Profil tersimpan; berlaku setelah Naskah dijalankan ulang.") {
		t.Fatalf("save profile: %d\n%.1500s", resp.StatusCode, body)
	}
	public := &http.Client{Timeout: 10 * time.Second} // no session: the public home page
	if page := get(public, base+"/"); !strings.Contains(page, "(0561) 736541 ext. 445") {
		t.Error("the running profile changed before the restart")
	}
	kill()
	if now, _ := os.ReadFile(file); string(now) != edited {
		t.Fatal("profil.yaml does not hold the saved profile")
	}

	// After the restart the public home page shows the saved profile.
	_, base, kill = startServe(t, dir)
	defer kill()
	page := get(public, base+"/")
	if !strings.Contains(page, "(0561) 555123") || strings.Contains(page, "736541") {
		t.Errorf("after the restart the home page does not show the saved phone")
	}
}
