package letters_test

import (
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
)

func loadProfile(t *testing.T, name string) *letters.Profile {
	t.Helper()
	p, err := profile.Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %s", name, letters.ErrorMessage(err))
	}
	return p
}

// CheckIntake against each office's own identity rules. want is the exact
// message a clerk sees, or "" when the letter is accepted.
func TestCheckIntake(t *testing.T) {
	const nik = "5310012304850001"
	budi := letters.Party{Name: "Budi Santoso", NIK: nik, Address: "Jl. Ahmad Yani No. 5", Phone: "0812-3456-7890"}
	nameOnly := letters.Party{Name: "Budi Santoso"}
	namePhone := letters.Party{Name: "Budi Santoso", Phone: "+62 812 3456 7890"}
	anonymous := letters.Party{Anonymous: true}

	for _, tc := range []struct {
		name      string
		profile   string
		channel   string
		party     letters.Party
		laporID   string
		statement bool
		uploads   int
		want      string
	}{
		// BKPSDMD Manggarai Timur: "Menunjukkan KTP" face to face.
		{"matim tatap muka complete", "bkpsdmd-matim", "tatap_muka", budi, "", false, 0, ""},
		{"matim tatap muka without NIK", "bkpsdmd-matim", "tatap_muka", namePhone, "", false, 0, "NIK wajib diisi untuk saluran Tatap Muka."},
		{"matim tatap muka without name", "bkpsdmd-matim", "tatap_muka", letters.Party{NIK: nik}, "", false, 0, "Nama pengadu wajib diisi untuk saluran Tatap Muka."},
		{"matim tatap muka bad NIK", "bkpsdmd-matim", "tatap_muka", letters.Party{Name: "Budi", NIK: "53100123"}, "", false, 0, "NIK harus 16 angka."},
		// "nama, alamat dan/atau Nomor HP".
		{"matim kotak saran name and phone", "bkpsdmd-matim", "kotak_saran", namePhone, "", false, 0, ""},
		{"matim kotak saran name only", "bkpsdmd-matim", "kotak_saran", nameOnly, "", false, 0, "Isi salah satu: alamat atau nomor HP."},
		// "fotocopy KTP ... dan/atau nomor HP": an attached copy will do.
		{"matim surat with KTP copy", "bkpsdmd-matim", "surat", nameOnly, "", false, 1, ""},
		{"matim surat with nothing", "bkpsdmd-matim", "surat", nameOnly, "", false, 0, "Isi salah satu: salinan KTP/identitas diri atau nomor HP."},
		{"matim tatap muka anonymous", "bkpsdmd-matim", "tatap_muka", anonymous, "", false, 0, "Saluran Tatap Muka tidak menerima pengaduan tanpa identitas (anonim)."},
		{"matim lapor anonymous", "bkpsdmd-matim", "lapor", anonymous, "LAP-2611-0042", false, 0, ""},

		// Biro Organisasi NTT.
		{"ntt kotak saran name and phone", "biro-organisasi-ntt", "kotak_saran", namePhone, "", false, 0, ""},
		{"ntt kotak saran name only", "biro-organisasi-ntt", "kotak_saran", nameOnly, "", false, 0, "Isi salah satu: alamat atau nomor HP."},
		{"ntt lapor complete", "biro-organisasi-ntt", "lapor", budi, "5738291", false, 0, ""},
		{"ntt lapor without lapor id", "biro-organisasi-ntt", "lapor", budi, "", false, 0, "Nomor laporan SP4N-LAPOR! wajib diisi untuk saluran SP4N-LAPOR!."},
		{"ntt lapor named without address", "biro-organisasi-ntt", "lapor", namePhone, "5738291", false, 0, "Alamat wajib diisi untuk saluran SP4N-LAPOR!."},
		{"ntt lapor anonymous", "biro-organisasi-ntt", "lapor", anonymous, "5738291", false, 0, ""},
		{"ntt lapor anonymous with a name", "biro-organisasi-ntt", "lapor", letters.Party{Anonymous: true, Name: "Budi"}, "5738291", false, 0,
			"Pengaduan anonim tidak boleh memuat identitas, tetapi nama pengadu terisi. Kosongkan, atau jangan tandai sebagai anonim."},

		// BKAD Kalimantan Barat: "Identitas resmi pengadu (KTP/SIM)".
		{"bkad telepon", "bkad-kalbar", "telepon", namePhone, "", false, 0, ""},
		{"bkad telepon bad phone", "bkad-kalbar", "telepon", letters.Party{Name: "Budi", Phone: "0812"}, "", false, 0,
			`Nomor HP/telepon "0812" tidak sah: tulis 8 sampai 15 angka, boleh diawali + dan dipisah spasi atau tanda hubung.`},
		{"bkad telepon area code", "bkad-kalbar", "telepon", letters.Party{Name: "Budi", Phone: "(0561) 736541"}, "", false, 0, ""},
		{"bkad email bad address", "bkad-kalbar", "email", letters.Party{Name: "Budi", NIK: nik, Email: "budi@"}, "", false, 0,
			`Alamat email "budi@" tidak sah; tulis seperti nama@contoh.go.id.`},
		{"bkad email", "bkad-kalbar", "email", letters.Party{Name: "Budi", NIK: nik, Email: "budi@contoh.co.id"}, "", false, 0, ""},
		{"bkad surat NIK with letters", "bkad-kalbar", "surat", letters.Party{Name: "Budi", Address: "Pontianak", NIK: "61710A2304850001"}, "", false, 0, "NIK harus 16 angka."},
		{"bkad fax anonymous", "bkad-kalbar", "fax", anonymous, "", false, 0, "Saluran Faksimile tidak menerima pengaduan tanpa identitas (anonim)."},

		// Disarpus Sanggau: nama, alamat dan nomor telepon on every channel.
		{"sanggau whatsapp complete", "disarpus-sanggau", "whatsapp", budi, "", false, 0, ""},
		{"sanggau whatsapp without address", "disarpus-sanggau", "whatsapp", namePhone, "", false, 0, "Alamat wajib diisi untuk saluran WhatsApp."},
		{"sanggau unknown channel", "disarpus-sanggau", "surat", budi, "", false, 0, `Saluran "surat" tidak diterima kantor ini.`},

		// DPMPTSP: "Membuat Surat Pernyataan Kebenaran Aduan".
		{"dpmptsp tatap muka with statement", "dpmptsp", "tatap_muka", budi, "", true, 0, ""},
		{"dpmptsp tatap muka without statement", "dpmptsp", "tatap_muka", budi, "", false, 0,
			"Surat pernyataan kebenaran aduan wajib dibuat dan ditandai untuk saluran Tatap Muka (Front Office)."},
		{"dpmptsp sms without statement", "dpmptsp", "sms", namePhone, "", false, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := loadProfile(t, tc.profile)
			l := &letters.Letter{
				Category: letters.CategoryPengaduan, Channel: tc.channel, Subject: "Keterlambatan layanan",
				Complainant: tc.party, LaporID: tc.laporID, Statement: tc.statement,
			}
			err := p.CheckIntake(l, tc.uploads)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (letters.ErrorCode(err) != letters.EINVALID || letters.ErrorMessage(err) != tc.want):
				t.Errorf("CheckIntake = %v\nwant EINVALID %q", err, tc.want)
			}
		})
	}
}

func TestCheckIntakeLetterFields(t *testing.T) {
	p := loadProfile(t, "dpmptsp")
	ok := func() *letters.Letter {
		return &letters.Letter{Category: letters.CategoryAspirasi, Channel: "telepon", Subject: "Jam layanan",
			Complainant: letters.Party{Name: "Sari", Phone: "081234567890"}}
	}
	if err := p.CheckIntake(ok(), 0); err != nil {
		t.Fatalf("valid letter refused: %v", err)
	}
	for _, tc := range []struct {
		change func(*letters.Letter)
		want   string
	}{
		{func(l *letters.Letter) { l.Subject = "  " }, "Perihal wajib diisi."},
		{func(l *letters.Letter) { l.Category = "" }, "Kategori wajib dipilih (pengaduan, aspirasi, permintaan informasi atau surat masuk)."},
		{func(l *letters.Letter) { l.Category = "keluhan" }, `Kategori "keluhan" tidak dikenal.`},
		{func(l *letters.Letter) { l.Channel = "" }, "Saluran pengaduan wajib dipilih."},
		{func(l *letters.Letter) { l.Class = "sangat_berat" }, `Klasifikasi pengaduan "sangat_berat" tidak dikenal di kantor ini.`},
		{func(l *letters.Letter) { l.Complainant.Name = " " }, "Nama pengadu wajib diisi untuk saluran Telepon."},
	} {
		l := ok()
		tc.change(l)
		if err := p.CheckIntake(l, 0); letters.ErrorCode(err) != letters.EINVALID || letters.ErrorMessage(err) != tc.want {
			t.Errorf("CheckIntake = %v, want EINVALID %q", err, tc.want)
		}
	}
	l := ok()
	l.Class = "berat"
	if err := p.CheckIntake(l, 0); err != nil {
		t.Errorf("class berat refused: %v", err)
	}
}

func TestReceiptOfficial(t *testing.T) {
	p := loadProfile(t, "bkad-kalbar")
	if got := p.ReceiptOfficial("surat"); got != "kasubag_rkme" {
		t.Errorf("ReceiptOfficial(surat) = %q", got)
	}
	p.Channels[0].Responsible = "sekretaris"
	if got := p.ReceiptOfficial(p.Channels[0].Code); got != "sekretaris" {
		t.Errorf("channel's own responsible not used: %q", got)
	}
	if got := p.ReceiptOfficial("tidak_ada"); got != "kasubag_rkme" {
		t.Errorf("ReceiptOfficial(unknown) = %q", got)
	}
}
