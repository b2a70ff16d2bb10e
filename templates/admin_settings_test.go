package templates_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/templates"
)

// adminSettingsSamples are the profile editor, delegations and mailbox pages.
func adminSettingsSamples() map[string]any {
	admin := &letters.User{ID: 1, Username: "kasubag", Name: "Muhammad Rizal Fahmi", Admin: true}
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	return map[string]any{
		templates.PageAdminProfileEdit: templates.AdminProfileEditPage{Base: templates.Base{Title: "Ubah Profil Kantor", User: admin},
			Text: "slug: bkad-kalbar\noffice:\n  name: <BKAD>\n", File: "naskah-data/profil.yaml", Modified: day, Pending: true,
			Problems: []string{"profil.yaml baris 3: kunci \"nama\" tidak dikenal"}, Backups: []string{"profil-20261124-020000.yaml"}},
		templates.PageAdminDelegations: templates.AdminDelegationsPage{Base: templates.Base{Title: "Plt./Plh.", User: admin},
			Rows: []templates.DelegationRow{{ID: 3, Kind: "Plh.", Position: "Kepala BKAD", User: "Rina Apriyanti", From: day,
				Last: day.AddDate(0, 0, 2), Note: "Kepala cuti", State: "berjalan", Running: true, Endable: true}},
			Kinds:     []templates.Option{{Value: "Plh.", Label: "Plh. (Pelaksana Harian)", Selected: true}},
			Positions: []templates.Option{{Value: "kepala", Label: "Kepala BKAD"}},
			Users:     []templates.Option{{Value: "2", Label: "Rina Apriyanti — Sekretaris"}}, Today: "2026-11-24"},
		templates.PageAdminMailbox: templates.AdminMailboxPage{Base: templates.Base{Title: "Kotak Surat", User: admin},
			Form:       templates.MailboxForm{Host: "imap.bkad.test", User: "pengaduan@bkad.test", Folder: "INBOX"},
			Securities: []templates.Option{{Value: "tls", Label: "TLS", Selected: true}}, HasPassword: true, CanCheck: true,
			CheckFailed: "Koneksi ke imap.bkad.test gagal.", OfficeEmail: "bkad@kalbarprov.go.id"},
	}
}

func TestAdminSettingsPagesShowTheirData(t *testing.T) {
	tpl := parse(t)
	data := adminSettingsSamples()
	html := render(t, tpl, templates.PageAdminProfileEdit, data[templates.PageAdminProfileEdit])
	mustContain(t, "profile editor", html, `<textarea id="profil" name="profil"`, "name: &lt;BKAD&gt;", "profil.yaml baris 3",
		"berlaku setelah Naskah dijalankan ulang", "profil-20261124-020000.yaml", `href="/admin/profil" aria-current="page"`)
	html = render(t, tpl, templates.PageAdminDelegations, data[templates.PageAdminDelegations])
	mustContain(t, "delegations", html, "Rina Apriyanti", "24 November 2026 s.d. 26 November 2026", `action="/admin/delegasi/3/akhiri"`,
		"Akhiri sekarang", `value="2026-11-24"`, `<option value="Plh." selected>`)
	html = render(t, tpl, templates.PageAdminMailbox, data[templates.PageAdminMailbox])
	mustContain(t, "mailbox", html, `value="imap.bkad.test"`, "tersimpan di berkas mail-password", `formaction="/admin/kotak-surat/uji"`,
		"Koneksi ke imap.bkad.test gagal.", "bawaan: bkad@kalbarprov.go.id")
	if strings.Contains(html, `name="sandi" value=`) {
		t.Error("the mailbox page fills the password field")
	}
}
