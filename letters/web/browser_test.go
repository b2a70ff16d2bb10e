package web_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
)

// writePDF writes a real one-page PDF for the browser to upload.
func writePDF(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, realPDF(t, text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// signInBrowser signs in through the form.
func signInBrowser(b *browser, username string) {
	b.t.Helper()
	b.open("/masuk", http.StatusOK)
	b.fill(map[string]string{"username": username, "password": testPassword})
	if status, path := b.submit(`form[action="/masuk"] button[type=submit]`); status != http.StatusOK || path != "/agenda" {
		b.t.Fatalf("sign in as %s: status %d at %s", username, status, path)
	}
}

var letterPath = regexp.MustCompile(`^/surat/(\d+)$`)

// A clerk signs in, registers a complaint with an attachment through the
// intake form, lands on its page with the agenda number, and every link on
// that page (the attachment, the receipt) downloads.
func TestBrowserClerkRegistersComplaint(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	b := newBrowser(t, e.url)
	signInBrowser(b, clerk)
	b.snap("agenda-desktop")

	b.open("/surat/baru", http.StatusOK)
	b.fill(map[string]string{
		"saluran": "tatap_muka", "perihal": "Tunjangan belum dibayarkan",
		"isi": "Tunjangan bulan Oktober belum diterima.", "nama": "Budi Santoso", "nik": "6171010101900001",
		"telepon": "081234567890",
	})
	b.attach("lampiran", writePDF(t, "surat-pengaduan.pdf", "Surat pengaduan Budi"))
	b.snap("intake-desktop")
	status, path := b.submit(`form.intake button[type=submit]`)
	m := letterPath.FindStringSubmatch(path)
	if status != http.StatusOK || m == nil {
		t.Fatalf("intake ended on %s with status %d: %s", path, status, b.text("main"))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	l, err := e.letters.FindLetterByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Attachments) != 1 || l.Attachments[0].Name != "surat-pengaduan.pdf" {
		t.Errorf("stored attachments: %+v", l.Attachments)
	}
	main := b.text("main")
	if !strings.Contains(main, l.AgendaNumber) || !strings.Contains(main, "Tunjangan belum dibayarkan") {
		t.Errorf("letter page does not show agenda number %s and the subject:\n%s", l.AgendaNumber, main)
	}
	b.snap("letter-desktop")
	if broken := b.brokenLinks(); len(broken) > 0 {
		t.Errorf("broken links on the letter page: %s", strings.Join(broken, "; "))
	}
	b.checkConsole()
}

// The public files a complaint with the online form, gets the tracking
// code, downloads the receipt, and finds the complaint on the tracking page
// with its stage.
func TestBrowserPublicComplaintAndTracking(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	b := newBrowser(t, e.url)
	b.open("/", http.StatusOK)
	b.snap("home-desktop")
	if status, path := b.submit(`a.card[href="/pengaduan"]`); status != http.StatusOK || path != "/pengaduan" {
		t.Fatalf("home's complaint link went to %s (%d)", path, status)
	}
	b.fill(map[string]string{
		"kategori": "pengaduan", "perihal": "Pelayanan loket lambat", "isi": "Antrean lebih dari tiga jam.",
		"nama": "Maria Goreti", "nik": "6171015505900002", "telepon": "0812 5550 1234",
	})
	b.attach("lampiran", writePDF(t, "foto-antrean.pdf", "antrean"))
	b.snap("pengaduan-desktop")
	status, path := b.submit(`form.intake button[type=submit]`)
	if status != http.StatusOK || !strings.HasPrefix(path, "/pengaduan/terkirim?kode=") {
		t.Fatalf("online complaint ended on %s with status %d: %s", path, status, b.text("main"))
	}
	code := b.text("#kode-pelacakan")
	agenda := b.text("#nomor-agenda")
	l, err := e.letters.FindLetterByTrackingCode(context.Background(), code)
	if err != nil || l.AgendaNumber != agenda || l.Channel != "web" || len(l.Attachments) != 1 {
		t.Fatalf("thank-you page shows %s / %s; stored: %+v, %v", agenda, code, l, err)
	}
	b.snap("terkirim-desktop")
	if broken := b.brokenLinks(); len(broken) > 0 {
		t.Errorf("broken links on the thank-you page: %s", strings.Join(broken, "; "))
	}

	b.open("/lacak", http.StatusOK)
	b.fill(map[string]string{"kode": strings.ToLower(strings.ReplaceAll(code, "-", " "))})
	if status, _ := b.submit(`form[action="/lacak"] button[type=submit]`); status != http.StatusOK {
		t.Fatalf("tracking: status %d", status)
	}
	main := b.text("main")
	if !strings.Contains(main, letters.StatusRegistered.Label()) {
		t.Errorf("tracking page lacks the stage %q:\n%s", letters.StatusRegistered.Label(), main)
	}
	if strings.Contains(main, "Maria Goreti") || strings.Contains(main, "Pelayanan loket lambat") {
		t.Errorf("tracking page shows the complainant or the subject:\n%s", main)
	}
	b.snap("lacak-desktop")
	b.checkConsole()
}

// The Standar Pelayanan shows each channel's deadline as the profile sets it.
func TestBrowserStandardShowsEveryDeadline(t *testing.T) {
	e := newFullEnv(t, "disarpus-sanggau")
	b := newBrowser(t, e.url)
	b.open("/standar-pelayanan", http.StatusOK)
	words := map[string]string{letters.UnitWorkingDays: "hari kerja", letters.UnitDays: "hari kalender",
		letters.UnitHours: "jam", letters.UnitMinutes: "menit"}
	for _, ch := range e.profile.Channels {
		want := fmt.Sprintf("%d %s", ch.Deadline.Value, words[ch.Deadline.Unit])
		if got := b.text("#waktu-" + ch.Code + " .deadline"); got != want {
			t.Errorf("channel %s: page shows %q, profile says %q", ch.Name, got, want)
		}
	}
	b.snap("standar-desktop")
	b.checkConsole()
}

// Every page a visitor, a clerk and the admin see fits a desktop and a
// 390 px phone without sideways scrolling, with no console errors.
func TestBrowserPagesFitDesktopAndPhone(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	l := e.createLetter("Hibah belum cair")
	code := l.TrackingCode
	b := newBrowser(t, e.url)
	public := []string{"/", "/pengaduan", "/standar-pelayanan", "/lacak", "/lacak?kode=" + code,
		"/pengaduan/terkirim?kode=" + code, "/masuk"}
	staffPages := []string{"/agenda", "/surat/baru", "/surat/" + strconv.FormatInt(l.ID, 10),
		"/admin/pengguna", "/admin/hari-libur", "/admin/profil"}
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		b.viewport(vp.width, vp.height)
		for _, p := range public {
			b.open(p, http.StatusOK)
			if n := b.overflow(); n > 0 {
				t.Errorf("%s on a %s (%d px) is %d px too wide", p, vp.name, vp.width, n)
			}
			b.snap(vp.name + p)
		}
	}
	signInBrowser(b, admin)
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		b.viewport(vp.width, vp.height)
		for _, p := range staffPages {
			b.open(p, http.StatusOK)
			if n := b.overflow(); n > 0 {
				t.Errorf("%s on a %s (%d px) is %d px too wide", p, vp.name, vp.width, n)
			}
			b.snap(vp.name + p)
		}
	}
	b.checkConsole()
}

// The admin adds a user and a regional holiday through the forms.
func TestBrowserAdminAddsUserAndHoliday(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	b := newBrowser(t, e.url)
	signInBrowser(b, admin)
	b.open("/admin/pengguna", http.StatusOK)
	b.fill(map[string]string{"username": "rina.k", "nama": "Rina Kartika", "nip": "199801012022032001",
		"jabatan": "petugas_pengaduan", "sandi": "kata-sandi-rina", "sandi2": "kata-sandi-rina"})
	if status, path := b.submit(`form[action="/admin/pengguna"] button[type=submit]`); status != http.StatusOK || path != "/admin/pengguna" {
		t.Fatalf("add user ended on %s (%d): %s", path, status, b.text("main"))
	}
	if notice := b.text(".notice"); !strings.Contains(notice, "rina.k") {
		t.Errorf("notice after adding a user: %q", notice)
	}
	if _, err := e.users.FindUserByUsername(context.Background(), "rina.k"); err != nil {
		t.Errorf("user not stored: %v", err)
	}

	b.open("/admin/hari-libur?tahun=2026", http.StatusOK)
	b.fill(map[string]string{"tanggal": "2026-12-31", "jenis": "libur_daerah", "keterangan": "Cuti akhir tahun kantor"})
	if status, path := b.submit(`form[action="/admin/hari-libur"] button[type=submit]`); status != http.StatusOK || path != "/admin/hari-libur?tahun=2026" {
		t.Fatalf("add holiday ended on %s (%d): %s", path, status, b.text("main"))
	}
	if table := b.text("table.holidays"); !strings.Contains(table, "31 Desember 2026") || !strings.Contains(table, "Cuti akhir tahun kantor") {
		t.Errorf("holiday table lacks the new day:\n%s", table)
	}
	b.snap("admin-holiday-added")
	b.checkConsole()
}
