package templates_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/templates"
)

func parse(t *testing.T) *templates.Templates {
	t.Helper()
	tpl, err := templates.Parse()
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	loc, err := time.LoadLocation("Asia/Pontianak")
	if err != nil {
		t.Fatal(err)
	}
	tpl.Location = loc
	return tpl
}

func render(t *testing.T, tpl *templates.Templates, page string, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tpl.Render(&b, page, data); err != nil {
		t.Fatalf("render %s: %v", page, err)
	}
	return b.String()
}

func mustContain(t *testing.T, page, html string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(html, w) {
			t.Errorf("%s: output lacks %q", page, w)
		}
	}
}

// samples holds data for every page; a page added to views/ without sample
// data here fails TestEveryPageRenders.
func samples() map[string]any {
	staff := &letters.User{ID: 1, Name: "Rina Kartika", Position: "front_office"}
	received := time.Date(2026, 11, 23, 7, 5, 0, 0, time.UTC) // 14.05 WIB
	deadline := time.Date(2026, 11, 30, 16, 59, 59, 0, time.UTC)
	refDate := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	letter := &letters.Letter{
		ID: 7, AgendaNumber: "000.8.3/12/BKAD/XI/2026", TrackingCode: "7K3Q-M9XD-2HFA-TR8W",
		Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: "Keterlambatan <pembayaran> hibah",
		Body: "Baris satu\nBaris dua", RefNumber: "12/RT/2026", RefDate: &refDate, Status: letters.StatusRegistered,
		ReceivedAt: received, Deadline: deadline,
		Complainant: letters.Party{Name: "Budi Santoso", NIK: templates.Mask("6171010101010001", 4), Phone: templates.Mask("081234567890", 3)},
		Attachments: []*letters.Attachment{{ID: 3, Name: "ktp.pdf", Size: 2500}},
	}
	m := map[string]any{
		templates.PageLogin: templates.LoginPage{Base: templates.Base{Title: "Masuk", Error: "Nama pengguna atau kata sandi salah."}, Username: "rina", Next: "/agenda"},
		templates.PageAgenda: templates.AgendaPage{
			Base: templates.Base{Title: "Buku Agenda", Office: "BKAD", User: staff},
			Rows: []templates.AgendaRow{{ID: 7, AgendaNumber: letter.AgendaNumber, ReceivedAt: received, Channel: "Tatap Muka",
				Subject: letter.Subject, Complainant: "Budi Santoso", Status: letters.StatusRegistered, Deadline: deadline, Overdue: true}},
			Total: 51, Statuses: []templates.Option{{Value: "registered", Label: "Teragenda", Selected: true}},
			Page: 1, Pages: 2, NextURL: "/agenda?hal=2&status=registered",
		},
		templates.PageIntake: templates.IntakePage{
			Base:       templates.Base{Title: "Registrasi Surat", User: staff, Error: "NIK wajib diisi untuk saluran Tatap Muka."},
			Form:       templates.IntakeForm{Channel: "tatap_muka", Subject: "Hibah belum cair", Name: "Budi Santoso", Statement: true},
			Channels:   []templates.ChannelInfo{{Code: "tatap_muka", Name: "Tatap Muka", Requirement: "Identitas resmi pengadu (KTP/SIM)", Selected: true}},
			Categories: []templates.Option{{Value: "pengaduan", Label: "Pengaduan", Selected: true}},
			Classes:    []templates.Option{{Value: "ringan", Label: "Ringan"}},
			MaxUpload:  "20 MB",
		},
		templates.PageLetter: templates.LetterPage{
			Base: templates.Base{Title: "Surat", User: staff}, Letter: letter, Channel: "Tatap Muka",
			Responsible: "Kepala Sub Bagian Rencana Kerja", Masked: true,
			Deadline: templates.Due{At: deadline, Left: "sisa 5 hari kerja"},
			Events:   []templates.EventRow{{At: received, Action: "Agendakan", To: letters.StatusRegistered, Actor: "Rina Kartika", Position: "Front Office", Note: "Diterima langsung"}},
			Actions: []templates.ActionForm{
				{Action: letters.ActionDispose, Label: "Disposisi", Targets: []templates.Option{{Value: "kabid", Label: "Kepala Bidang"}}},
				{Action: letters.ActionReturn, Label: "Kembalikan (belum lengkap)", NeedsNote: true},
			},
			HasReceipt: true,
		},
		templates.PageTrack: templates.TrackPage{
			Base: templates.Base{Title: "Lacak Pengaduan"}, Code: "7K3Q-M9XD-2HFA-TR8W", Searched: true, Found: true,
			Category: letters.CategoryPengaduan, Status: letters.StatusDisposed, ReceivedAt: received, Deadline: deadline,
			Stages: []templates.Stage{{Status: letters.StatusRegistered, At: received}, {Status: letters.StatusDisposed, At: received.Add(time.Hour)}},
		},
		templates.PageError: templates.ErrorPage{Base: templates.Base{Title: "Tidak ditemukan"}, Status: 404, Message: "Surat tidak ditemukan."},
	}
	for k, v := range portalSamples() { // portal_test.go: public and admin pages
		m[k] = v
	}
	for k, v := range workflowSamples(letter, staff) { // workflow_pages_test.go
		m[k] = v
	}
	for k, v := range scanSamples(letter, staff) { // scan_test.go
		m[k] = v
	}
	for k, v := range totpSamples() { // totp_test.go
		m[k] = v
	}
	for k, v := range adminSettingsSamples() { // admin_settings_test.go
		m[k] = v
	}
	for k, v := range dashboardSamples(staff) { // dashboard_test.go
		m[k] = v
	}
	return m
}

func TestEveryPageRenders(t *testing.T) {
	tpl := parse(t)
	data := samples()
	for _, page := range tpl.Pages() {
		d, ok := data[page]
		if !ok {
			t.Errorf("page %q has no sample data in this test", page)
			continue
		}
		html := render(t, tpl, page, d)
		mustContain(t, page, html, "<!DOCTYPE html>", `<html lang="id">`, `href="/static/style.css"`, `name="viewport"`)
	}
}

func TestPagesShowTheirData(t *testing.T) {
	tpl := parse(t)
	data := samples()

	html := render(t, tpl, templates.PageAgenda, data[templates.PageAgenda])
	mustContain(t, "agenda", html, "Nomor Agenda", "000.8.3/12/BKAD/XI/2026", "23 November 2026", "Tatap Muka",
		"Keterlambatan &lt;pembayaran&gt; hibah", "Teragenda", "30 November 2026", "terlambat", "halaman 1 dari 2",
		`<option value="registered" selected>`, "Berikutnya", "Keluar")

	html = render(t, tpl, templates.PageIntake, data[templates.PageIntake])
	mustContain(t, "intake", html, "NIK wajib diisi untuk saluran Tatap Muka.", `value="Hibah belum cair"`, `value="Budi Santoso"`,
		`<option value="tatap_muka" selected>`, "Identitas resmi pengadu (KTP/SIM)", `name="pernyataan" type="checkbox" value="1" checked`,
		`name="klasifikasi"`, `type="file" multiple`, `<label for="nik">NIK</label>`)

	html = render(t, tpl, templates.PageLetter, data[templates.PageLetter])
	mustContain(t, "letter", html, "Nomor Agenda 000.8.3/12/BKAD/XI/2026", "23 November 2026 14.05 WIB", "20 November 2026",
		"••••••••••••0001", "•••••••••890", "disamarkan", `href="/lampiran/3"`, "ktp.pdf", "2,4 KB",
		`href="/surat/7/tanda-bukti.pdf"`, `action="/surat/7/aksi"`, `name="tujuan"`, "Kembalikan (belum lengkap)",
		"sisa 5 hari kerja", "Diterima langsung")
	if strings.Contains(html, "6171010101010001") {
		t.Error("letter: the masked NIK appears in full")
	}

	html = render(t, tpl, templates.PageTrack, data[templates.PageTrack])
	mustContain(t, "track", html, "Didisposisi", "Teragenda", "23 November 2026", "Masuk Petugas")
	if strings.Contains(html, "Keluar") {
		t.Error("track: a public page shows the staff menu")
	}
}

// The Content-Security-Policy forbids inline scripts and styles; a view that
// uses them would break in the browser.
func TestNoInlineScriptOrStyle(t *testing.T) {
	tpl := parse(t)
	data := samples()
	pages := tpl.Pages()
	slices.Sort(pages)
	for _, page := range pages {
		html := strings.ToLower(render(t, tpl, page, data[page]))
		for _, bad := range []string{"<script", " style=", "<style", "javascript:", " onclick=", " onsubmit="} {
			if strings.Contains(html, bad) {
				t.Errorf("%s contains %q", page, bad)
			}
		}
	}
}

func TestStaticStyleSheet(t *testing.T) {
	b, err := fs.ReadFile(templates.Static(), "style.css")
	if err != nil {
		t.Fatalf("style.css: %v", err)
	}
	if !strings.Contains(string(b), "@media") {
		t.Error("style.css has no media query for phones")
	}
}

func TestMask(t *testing.T) {
	for _, c := range []struct {
		in   string
		keep int
		want string
	}{
		{"6171010101010001", 4, "••••••••••••0001"},
		{"0812", 4, "••••"},
		{"", 4, ""},
	} {
		if got := templates.Mask(c.in, c.keep); got != c.want {
			t.Errorf("Mask(%q, %d) = %q, want %q", c.in, c.keep, got, c.want)
		}
	}
}

func TestRenderUnknownPage(t *testing.T) {
	tpl := parse(t)
	if err := tpl.Render(&strings.Builder{}, "nope", nil); err == nil {
		t.Error("rendering an unknown page did not fail")
	}
}
