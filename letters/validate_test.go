package letters_test

import (
	"slices"
	"strings"
	"testing"

	"naskah/letters"
)

// Each case breaks one thing in a valid profile; Validate must report it at
// its path, with a message naming what is wrong.
func TestValidateReportsEachProblemAtItsPath(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(p *letters.Profile)
		path   string
		msg    string
	}{
		{"no slug", func(p *letters.Profile) { p.Slug = "" }, "slug", "slug wajib diisi"},
		{"bad slug", func(p *letters.Profile) { p.Slug = "BKAD Kalbar" }, "slug", "hanya boleh berisi huruf kecil"},
		{"no office name", func(p *letters.Profile) { p.Office.Name = " " }, "office.name", "nama kantor wajib diisi"},
		{"no zone", func(p *letters.Profile) { p.TimeZone = "" }, "time_zone", "zona waktu wajib diisi"},
		{"unknown zone", func(p *letters.Profile) { p.TimeZone = "Asia/Borneo" }, "time_zone", `zona waktu "Asia/Borneo" tidak dikenal`},
		{"empty position code", func(p *letters.Profile) { p.Positions = append(p.Positions, letters.Position{Title: "Staf"}) }, "positions.7.code", "kode posisi wajib diisi"},
		{"duplicate position", func(p *letters.Profile) {
			p.Positions = append(p.Positions, letters.Position{Code: "analis", Title: "Analis Lain"})
		}, "positions.7.code", `kode posisi "analis" dipakai lebih dari sekali`},
		{"unknown parent", func(p *letters.Profile) { p.Positions[1].Parent = "gubernur" }, "positions.1.parent", `atasan "gubernur" dari posisi "sekretaris" tidak dikenal`},
		{"user without position", func(p *letters.Profile) { p.Users[0].Position = "" }, "users.0.position", `posisi wajib diisi untuk pengguna "kepala"`},
		{"user with unknown position", func(p *letters.Profile) { p.Users[0].Position = "kadis" }, "users.0.position", `posisi "kadis" tidak dikenal untuk pengguna "kepala"`},
		{"duplicate username", func(p *letters.Profile) { p.Users[1].Username = "kepala" }, "users.1.username", `nama pengguna "kepala" dipakai lebih dari sekali`},
		{"short NIP", func(p *letters.Profile) { p.Users[0].NIP = "19700514" }, "users.0.nip", `NIP "19700514" harus 18 angka`},
		{"unknown channel", func(p *letters.Profile) { p.Channels[3].Code = "telegram" }, "channels.3.code", `saluran "telegram" tidak dikenal`},
		{"duplicate channel", func(p *letters.Profile) { p.Channels[3].Code = "surat" }, "channels.3.code", `saluran "surat" ditulis lebih dari sekali`},
		{"channel without deadline", func(p *letters.Profile) { p.Channels[2].Deadline = letters.Duration{} }, "channels.2.deadline", `tenggat penyelesaian (deadline) saluran "surat" belum diisi`},
		{"deadline zero", func(p *letters.Profile) { p.Channels[2].Deadline.Value = 0 }, "channels.2.deadline.value", "nilai harus lebih dari 0"},
		{"deadline unit unknown", func(p *letters.Profile) { p.Channels[2].Deadline.Unit = "hari_kerja" }, "channels.2.deadline.unit", `satuan "hari_kerja" tidak dikenal`},
		{"deadline without unit", func(p *letters.Profile) { p.Channels[2].Deadline.Unit = "" }, "channels.2.deadline", "satuan (unit) wajib diisi"},
		{"first response bad", func(p *letters.Profile) { p.Channels[2].FirstResponse = &letters.Duration{Value: -1, Unit: "days"} }, "channels.2.first_response.value", "tanggapan pertama"},
		{"unknown identity field", func(p *letters.Profile) { p.Channels[0].Identity.Required = []string{"name", "ktp"} }, "channels.0.identity.required.1", `isian identitas "ktp" tidak dikenal pada saluran "tatap_muka"`},
		{"any_of of one", func(p *letters.Profile) { p.Channels[1].Identity.AnyOf = [][]string{{"phone"}} }, "channels.1.identity.any_of.0", "paling sedikit dua isian"},
		{"unknown receiver", func(p *letters.Profile) { p.Channels[1].Receiver = "resepsionis" }, "channels.1.receiver", `posisi "resepsionis" tidak dikenal sebagai penerima (receiver) pada saluran "kotak_saran"`},
		{"no receiver", func(p *letters.Profile) { p.Channels[1].Receiver = "" }, "channels.1.receiver", "posisi wajib diisi sebagai penerima"},
		{"unknown responsible on a channel", func(p *letters.Profile) { p.Channels[1].Responsible = "kabid" }, "channels.1.responsible", `posisi "kabid" tidak dikenal sebagai penanggung jawab`},
		{"class without deadline", func(p *letters.Profile) { p.Classes = []letters.Class{{Code: "ringan", Name: "Ringan"}} }, "classes.0.deadline", `tenggat klasifikasi "ringan" belum diisi`},
		{"negative extension", func(p *letters.Profile) { p.Extension = &letters.Duration{Value: -7, Unit: "working_days"} }, "extension.value", "nilai harus lebih dari 0"},
		{"unknown action", func(p *letters.Profile) { p.Actions[0].Action = "approve" }, "actions.0.action", `tindakan "approve" tidak dikenal`},
		{"action twice", func(p *letters.Profile) { p.Actions[1].Action = letters.ActionRegister }, "actions.1.action", `tindakan "register" ditulis lebih dari sekali`},
		{"action without positions", func(p *letters.Profile) { p.Actions[0].Positions = nil }, "actions.0.positions", "belum diberikan kepada posisi mana pun"},
		{"action for unknown position", func(p *letters.Profile) { p.Actions[8].Positions = []string{"gubernur"} }, "actions.8.positions.0", `posisi "gubernur" tidak dikenal pada tindakan "sign"`},
		{"escalate without escalation", func(p *letters.Profile) { p.Escalation = nil }, "actions.12.action", "bagian escalation"},
		{"escalation without target", func(p *letters.Profile) { p.Escalation.To = "" }, "escalation.to", "tujuan eskalasi (to) wajib diisi"},
		{"number format unknown field", func(p *letters.Profile) { p.Documents[3].NumberFormat = "{nomor}/{seksi}" }, "documents.3.number_format", "isian {seksi} tidak dikenal"},
		{"number format without nomor", func(p *letters.Profile) { p.Documents[3].NumberFormat = "{unit}/{tahun}" }, "documents.3.number_format", "tidak memuat {nomor}"},
		{"number field without value", func(p *letters.Profile) { delete(p.Documents[3].Fields, "kode") }, "documents.3.number_format", `memakai {kode}, tetapi fields.kode tidak diisi`},
		{"chain position unknown", func(p *letters.Profile) { p.Documents[3].Chain[1].Position = "kabid" }, "documents.3.chain.1.position", `posisi "kabid" tidak dikenal pada rantai dokumen "surat_jawaban"`},
		{"chain step unknown", func(p *letters.Profile) { p.Documents[3].Chain[1].Step = "setuju" }, "documents.3.chain.1.step", `langkah "setuju" tidak dikenal`},
		{"chain with two signatures", func(p *letters.Profile) { p.Documents[3].Chain[2].Step = letters.StepSign }, "documents.3.chain", "tepat satu langkah sign (tanda tangan), bukan 2"},
		{"chain without signature", func(p *letters.Profile) { p.Documents[3].Chain[3].Step = letters.StepParaf }, "documents.3.chain", "bukan 0"},
		{"duplicate document", func(p *letters.Profile) { p.Documents[4].Code = "surat_jawaban" }, "documents.4.code", `dokumen "surat_jawaban" ditulis lebih dari sekali`},
		{"agenda document missing", func(p *letters.Profile) { p.Agenda = "buku_agenda" }, "agenda", `dokumen agenda "buku_agenda" tidak ada`},
		{"no agenda", func(p *letters.Profile) { p.Agenda = "" }, "agenda", "agenda wajib diisi"},
		{"no responsible", func(p *letters.Profile) { p.Responsible = "" }, "responsible", "posisi wajib diisi sebagai penanggung jawab"},
		{"report period", func(p *letters.Profile) { p.Reports[0].Period = "weekly" }, "reports.0.period", `periode laporan "weekly" tidak dikenal`},
		{"report due day", func(p *letters.Profile) { p.Reports[0].DueDay = 31 }, "reports.0.due_day", "harus 1 sampai 28, bukan 31"},
		{"report responsible", func(p *letters.Profile) { p.Reports[0].Responsible = "bendahara" }, "reports.0.responsible", `posisi "bendahara" tidak dikenal sebagai penyusun laporan`},
		{"holiday date", func(p *letters.Profile) {
			p.Holidays = []letters.Holiday{{Date: "2026-06-01", Name: "ok"}, {Date: "28-01-2026", Name: "Hari Jadi"}}
		}, "holidays.1.date", `tanggal libur "28-01-2026" harus berbentuk TTTT-BB-HH`},
		{"privacy position", func(p *letters.Profile) { p.Privacy.ViewPersonal[0] = "admin" }, "privacy.view_personal.0", `posisi "admin" tidak dikenal pada privacy.view_personal`},
		{"complaint officer", func(p *letters.Profile) { p.Privacy.ComplaintOfficer = "ppid" }, "privacy.complaint_officer", `posisi "ppid" tidak dikenal sebagai petugas pengaduan`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := loadProfile(t, "bkad-kalbar")
			tc.mutate(p)
			problems := p.Validate()
			if len(problems) != 1 {
				t.Fatalf("want 1 problem, got %d: %v", len(problems), problems)
			}
			got := problems[0]
			if strings.Join(got.Path, ".") != tc.path || !strings.Contains(got.Message, tc.msg) {
				t.Errorf("got %s: %q\nwant %s: …%q…", strings.Join(got.Path, "."), got.Message, tc.path, tc.msg)
			}
			if want := tc.path + ": " + got.Message; got.Error() != want {
				t.Errorf("Error() = %q, want %q", got.Error(), want)
			}
		})
	}
}

func TestValidateFindsCyclesInTheHierarchy(t *testing.T) {
	p := loadProfile(t, "bkad-kalbar")
	p.Positions[0].Parent = "analis" // kepala ← sekretaris ← kasubag_rkme ← analis ← kepala
	var paths []string
	for _, e := range p.Validate() {
		if !strings.Contains(e.Message, "melingkar") {
			t.Errorf("unexpected problem %v", e)
		}
		paths = append(paths, strings.Join(e.Path, "."))
	}
	// Kabid and petugas_pengaduan hang below the loop, not in it.
	want := []string{"positions.0.parent", "positions.1.parent", "positions.4.parent", "positions.5.parent"}
	if !slices.Equal(paths, want) {
		t.Errorf("cycle reported at %v, want %v", paths, want)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	p := loadProfile(t, "dpmptsp")
	p.Slug = ""
	p.Channels[0].Receiver = "satpam"
	p.Documents[3].Chain[1].Position = "kabid"
	if got := len(p.Validate()); got != 3 {
		t.Errorf("got %d problems, want 3: %v", got, p.Validate())
	}
	if got := (letters.ValidationError{Message: "slug wajib diisi"}).Error(); got != "slug wajib diisi" {
		t.Errorf("Error() without path = %q", got)
	}
}
