package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A profile saved on the admin page is kept in the data directory and
// `naskah serve` starts again on it by itself: the same process (it
// re-executes), the same sessions, the new profile on the public pages.
func TestServeReloadsSavedProfile(t *testing.T) {
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
	get := func(c *http.Client, u string) (string, error) {
		resp, err := c.Get(u)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return string(body), fmt.Errorf("GET %s: %d", u, resp.StatusCode)
		}
		return string(body), nil
	}

	client, base, kill := startServe(t, dir)
	defer kill()
	pid := servePID(t, strings.TrimPrefix(base, "http://"))
	login(t, client, base, "kasubag", password) // with the code of the demo's second factor
	resp, err := client.PostForm(base+"/admin/profil/ubah", url.Values{"profil": {edited}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Naskah sedang dimuat ulang dengan profil baru") {
		t.Fatalf("save profile: %d\n%.1500s", resp.StatusCode, body)
	}
	if now, _ := os.ReadFile(file); string(now) != edited {
		t.Fatal("profil.yaml does not hold the saved profile")
	}

	// Within seconds the public home page shows the saved profile, served
	// by the same process.
	public := &http.Client{Timeout: 10 * time.Second}
	var page string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if page, err = get(public, base+"/"); err == nil && strings.Contains(page, "(0561) 555123") {
			break
		}
	}
	if !strings.Contains(page, "(0561) 555123") || strings.Contains(page, "736541") {
		t.Fatalf("30 s after the save the home page does not show the saved phone (%v)", err)
	}
	if again := servePID(t, strings.TrimPrefix(base, "http://")); again != pid {
		t.Errorf("serve ran as pid %d, after the reload %d: want the same process", pid, again)
	}
	// The admin's session survived the restart.
	if page, err := get(client, base+"/admin/profil/ubah"); err != nil || !strings.Contains(page, "Ubah Profil Kantor") {
		t.Errorf("after the reload the admin's session is gone: %v", err)
	} else if strings.Contains(page, "berbeda dengan profil yang sedang berjalan") {
		t.Error("after the reload the editor still says the saved profile is not running")
	}
}
