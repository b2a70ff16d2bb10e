package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"naskah/letters/profile"
	"naskah/store"
)

// newProfileStore keeps the office's embedded profile as the data
// directory's profil.yaml, as `naskah serve` does, and returns the real
// profile store over it.
func newProfileStore(t *testing.T, db *store.DB) *store.ProfileService {
	t.Helper()
	src, err := profile.Source(db.Profile.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(db.Dir, store.ProfileFile), src, 0o640); err != nil {
		t.Fatal(err)
	}
	ps, err := store.NewProfileService(db, profile.Parse)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// lineOf returns the 1-based line of the first line of text holding s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, s) {
			return i + 1
		}
	}
	t.Fatalf("%q not in the profile", s)
	return 0
}

func TestAdminEditsProfile(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	file := filepath.Join(e.db.Dir, store.ProfileFile)
	original, _ := os.ReadFile(file)
	c := e.as(admin)
	page := c.get("/admin/profil/ubah")
	wantStatus(t, "editor", page, http.StatusOK)
	mustContain(t, "editor", page.body, `<textarea id="profil" name="profil"`, "slug: bkad-kalbar", "(0561) 736541 ext. 445")
	mustContain(t, "profile page", c.get("/admin/profil").body, `href="/admin/profil/ubah"`)

	// An unknown key and a chain step naming no position: nothing is saved,
	// the text comes back as typed, every problem with its line.
	bad := strings.Replace(string(original), "  short_name: BKAD\n", "  short_name: BKAD\n  singkatan: BKAD\n", 1)
	keyLine := lineOf(t, bad, "singkatan: BKAD")
	r := c.postForm("/admin/profil/ubah", url.Values{"profil": {bad}})
	wantStatus(t, "unknown key", r, http.StatusUnprocessableEntity)
	mustContain(t, "unknown key", html.UnescapeString(r.body), "Profil tidak disimpan", "profil.yaml baris "+strconv.Itoa(keyLine)+": kunci \"singkatan\" tidak dikenal",
		"singkatan: BKAD")
	bad = strings.Replace(string(original), "{position: kepala, step: sign", "{position: kepala_dinas, step: sign", 1)
	chainLine := lineOf(t, bad, "position: kepala_dinas")
	r = c.postForm("/admin/profil/ubah", url.Values{"profil": {bad}})
	wantStatus(t, "unknown position", r, http.StatusUnprocessableEntity)
	mustContain(t, "unknown position", html.UnescapeString(r.body), "profil.yaml baris "+strconv.Itoa(chainLine)+":", "kepala_dinas")
	// Another office's slug, and a position users still hold, are refused too.
	r = c.postForm("/admin/profil/ubah", url.Values{"profil": {strings.Replace(string(original), "slug: bkad-kalbar", "slug: dpmptsp", 1)}})
	wantStatus(t, "slug", r, http.StatusUnprocessableEntity)
	mustContain(t, "slug", html.UnescapeString(r.body), "slug tidak boleh diubah")
	if now, _ := os.ReadFile(file); string(now) != string(original) {
		t.Fatal("a rejected profile changed profil.yaml")
	}
	if _, err := os.Stat(filepath.Join(e.db.Dir, store.ProfileBackupsDir)); err == nil {
		t.Error("a rejected profile left a backup")
	}

	// A good profile (as a browser posts a textarea, with CRLF) is kept;
	// the running one stays until the restart, which the save asks for
	// once, and the page says so.
	good := strings.Replace(string(original), "phone: (0561) 736541 ext. 445", "phone: (0561) 999999", 1)
	r = c.postForm("/admin/profil/ubah", url.Values{"profil": {strings.ReplaceAll(good, "\n", "\r\n")}})
	wantStatus(t, "good profile", r, http.StatusSeeOther)
	page = c.get("/admin/profil/ubah")
	mustContain(t, "after saving", page.body, "Profil tersimpan. Naskah sedang dimuat ulang dengan profil baru", "(0561) 999999", "profil-lama", ".yaml</code>")
	if n := e.restarts.Load(); n != 1 {
		t.Errorf("saving a good profile asked for %d restarts, want 1 (the rejected ones none)", n)
	}
	if now, _ := os.ReadFile(file); string(now) != good {
		t.Fatalf("profil.yaml after saving:\n%.300s", now)
	}
	backups, _ := filepath.Glob(filepath.Join(e.db.Dir, store.ProfileBackupsDir, "profil-*.yaml"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if old, _ := os.ReadFile(backups[0]); string(old) != string(original) {
		t.Error("the backup is not the previous profile")
	}
	mustContain(t, "running profile", c.get("/admin/profil").body, "(0561) 736541 ext. 445")
	entries, err := store.NewAuditService(e.db).FindAuditEntries(context.Background(), "profile", 0)
	if err != nil || len(entries) != 1 || entries[0].Action != "profile.update" || entries[0].Actor != admin {
		t.Fatalf("audit: %+v %v", entries, err)
	}
	r = c.postForm("/admin/profil/ubah", url.Values{"profil": {good}})
	wantStatus(t, "unchanged profile", r, http.StatusConflict)

	// Not for a clerk.
	clerkC := e.as(clerk)
	wantStatus(t, "clerk editor", clerkC.get("/admin/profil/ubah"), http.StatusForbidden)
	wantStatus(t, "clerk saving", clerkC.postForm("/admin/profil/ubah", url.Values{"profil": {string(original)}}), http.StatusForbidden)
	if now, _ := os.ReadFile(file); string(now) != good {
		t.Fatal("a clerk changed the profile")
	}
}

// A position that active users hold cannot disappear from the profile.
func TestAdminProfileKeepsHeldPositions(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	original, _ := os.ReadFile(filepath.Join(e.db.Dir, store.ProfileFile))
	text := string(original)
	// Rename the code of the head of field BMD everywhere: valid YAML, a
	// valid profile, but the users holding kabid_bmd would be left without.
	renamed := strings.ReplaceAll(text, "kabid_bmd", "kabid_aset")
	r := e.as(admin).postForm("/admin/profil/ubah", url.Values{"profil": {renamed}})
	wantStatus(t, "renamed position", r, http.StatusUnprocessableEntity)
	mustContain(t, "renamed position", html.UnescapeString(r.body), `jabatan "kabid_bmd" tidak ada lagi, padahal masih dipegang 1 pengguna aktif`)
}
