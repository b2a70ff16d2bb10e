package templates_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/templates"
)

// portalSamples holds data for the public portal and the admin pages.
func portalSamples() map[string]any {
	admin := &letters.User{ID: 1, Name: "Muhammad Rizal Fahmi", Position: "kasubag_rkme", Admin: true}
	received := time.Date(2026, 11, 23, 7, 5, 0, 0, time.UTC)
	deadline := time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC)
	web := templates.StandardChannel{Code: "web", Name: "Formulir Pengaduan Daring", Requirement: "Identitas resmi pengadu",
		Identity: []string{"Wajib: Nama pengadu, NIK."}, Deadline: "5 hari kerja", Contact: "bkad.kalbarprov.go.id", Online: true}
	return map[string]any{
		templates.PageHome: templates.HomePage{Base: templates.Base{Title: "Layanan Pengaduan", Office: "BKAD"},
			OfficeName: "Badan Keuangan dan Aset Daerah", ServiceName: "Pengelolaan Pengaduan Pelayanan Publik", Online: true,
			Phone: "(0561) 736541"},
		templates.PageComplaint: templates.ComplaintPage{Base: templates.Base{Title: "Pengaduan Online", Error: "NIK harus 16 angka."},
			Form: templates.IntakeForm{Subject: "Izin <usaha> belum terbit", Name: "Budi Santoso"}, Channel: "Formulir Pengaduan Daring",
			Required: map[string]bool{"name": true, "nik": true, "phone": true}, NeedsStatement: true,
			AnyOf: []string{"Isi paling sedikit satu: Nomor HP atau Alamat email."}, MaxUpload: "20 MB", Deadline: "10 hari kerja",
			Categories: []templates.Option{{Value: "pengaduan", Label: "Pengaduan", Selected: true}}},
		templates.PageComplaintDone: templates.ComplaintDonePage{Base: templates.Base{Title: "Pengaduan Terkirim"},
			AgendaNumber: "000.8.3/12/BKAD/XI/2026", TrackingCode: "7K3Q-M9XD-2HFA-TR8W", ReceivedAt: received, Deadline: deadline,
			ReceiptURL: "/pengaduan/tanda-bukti/7K3Q-M9XD-2HFA-TR8W", TrackURL: "/lacak?kode=7K3Q-M9XD-2HFA-TR8W"},
		templates.PageStandard: templates.StandardPage{Base: templates.Base{Title: "Standar Pelayanan"},
			OfficeName: "Badan Keuangan dan Aset Daerah", ServiceName: "Pengelolaan Pengaduan Pelayanan Publik", Cost: "Tidak dipungut biaya",
			Requirements: []string{"Identitas resmi pengadu (KTP/SIM)."}, Channels: []templates.StandardChannel{web},
			Classes:    []templates.StandardClass{{Name: "Ringan", Deadline: "2 hari kerja"}},
			Escalation: "Apabila sampai batas waktu belum ditanggapi, pengaduan dapat dilanjutkan kepada Gubernur Kalimantan Barat."},
		templates.PageAdminUsers: templates.AdminUsersPage{Base: templates.Base{Title: "Pengguna dan Jabatan", User: admin},
			Users: []templates.AdminUserRow{
				{ID: 1, Username: "kasubag", Name: admin.Name, Position: "Kasubag RKME", Admin: true, Active: true, Self: true},
				{ID: 2, Username: "frontoffice", Name: "Siti Nurhaliza", Position: "Petugas Penerima Pengaduan", Active: false},
			},
			Positions: []templates.AdminPositionRow{{Code: "kepala", Title: "Kepala BKAD", Holders: 1, Actions: []string{"Tanda tangan"}}},
			Options:   []templates.Option{{Value: "kepala", Label: "Kepala BKAD"}}},
		templates.PageAdminHolidays: templates.AdminHolidaysPage{Base: templates.Base{Title: "Hari Libur", User: admin},
			Year: 2027, PrevYear: 2026, NextYear: 2028,
			Days:  []templates.HolidayRow{{Date: time.Date(2027, 10, 23, 0, 0, 0, 0, time.UTC), Kind: "Libur daerah", Name: "Hari Jadi", Added: true}},
			Kinds: []templates.Option{{Value: "libur_daerah", Label: "Libur daerah", Selected: true}}},
		templates.PageAdminProfile: templates.AdminProfilePage{Base: templates.Base{Title: "Profil Kantor", User: admin},
			Slug: "bkad-kalbar", OfficeName: "Badan Keuangan dan Aset Daerah", ShortName: "BKAD", Channels: []templates.StandardChannel{web},
			Actions:   []templates.ProfileRow{{Label: "Disposisi", Values: []string{"Kepala BKAD", "Sekretaris"}}},
			Documents: []templates.ProfileDocument{{Code: "agenda", Name: "Agenda Surat Masuk", Format: "{nomor}/{tahun}", Chain: []string{"Analis — draft"}}}},
	}
}

func TestPortalPagesShowTheirData(t *testing.T) {
	tpl := parse(t)
	data := portalSamples()

	html := render(t, tpl, templates.PageComplaint, data[templates.PageComplaint])
	mustContain(t, "pengaduan", html, "NIK harus 16 angka.", `value="Izin &lt;usaha&gt; belum terbit"`, `action="/pengaduan"`,
		`name="pernyataan" type="checkbox" value="1" required`, "Nomor HP atau Alamat email", "10 hari kerja", `type="file" multiple`)
	if strings.Contains(html, `name="saluran"`) || strings.Contains(html, `name="lapor_id"`) {
		t.Error("pengaduan: the public form offers the clerk's fields")
	}
	noStatement := data[templates.PageComplaint].(templates.ComplaintPage)
	noStatement.NeedsStatement = false
	if html := render(t, tpl, templates.PageComplaint, noStatement); strings.Contains(html, `name="pernyataan"`) {
		t.Error("pengaduan: statement of truth asked although the channel does not require it")
	}

	html = render(t, tpl, templates.PageComplaintDone, data[templates.PageComplaintDone])
	mustContain(t, "terkirim", html, "000.8.3/12/BKAD/XI/2026", "7K3Q-M9XD-2HFA-TR8W", `href="/pengaduan/tanda-bukti/7K3Q-M9XD-2HFA-TR8W"`, "30 November 2026")

	html = render(t, tpl, templates.PageStandard, data[templates.PageStandard])
	mustContain(t, "standar", html, "Formulir Pengaduan Daring", "5 hari kerja", "Tidak dipungut biaya", "Ringan: 2 hari kerja", "Gubernur Kalimantan Barat", `href="/pengaduan"`)

	html = render(t, tpl, templates.PageHome, data[templates.PageHome])
	mustContain(t, "home", html, `href="/pengaduan"`, `href="/lacak"`, `href="/standar-pelayanan"`, "Masuk Petugas")

	html = render(t, tpl, templates.PageAdminUsers, data[templates.PageAdminUsers])
	mustContain(t, "admin users", html, `action="/admin/pengguna/2/aktif"`, "Aktifkan", `action="/admin/pengguna"`, `href="/admin/pengguna">Admin</a>`)
	if strings.Contains(html, `action="/admin/pengguna/1/aktif"`) {
		t.Error("admin users: the admin may deactivate their own account")
	}
}
