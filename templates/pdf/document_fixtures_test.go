package pdf

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
)

// seedProfile loads an embedded office profile.
func seedProfile(t testing.TB, slug string) *letters.Profile {
	t.Helper()
	p, err := profile.Load(slug)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// official is the profile's demo user holding position code.
func official(t testing.TB, p *letters.Profile, position string) letters.Official {
	t.Helper()
	for _, u := range p.Users {
		if u.Position == position {
			return letters.Official{Name: u.Name, Position: p.PositionTitle(position), NIP: u.NIP}
		}
	}
	t.Fatalf("profile %s has no user for %s", p.Slug, position)
	return letters.Official{}
}

// parafChain is the marks of the chain before the signature of document
// type code, taken by the profile's demo users on Tuesday 24 November 2026.
func parafChain(t testing.TB, p *letters.Profile, code string) []letters.Paraf {
	t.Helper()
	loc, _ := time.LoadLocation(p.TimeZone)
	doc := p.Document(code)
	var out []letters.Paraf
	for i, step := range doc.Chain {
		if step.Step != letters.StepDraft && step.Step != letters.StepParaf {
			continue
		}
		pos := p.Position(step.Position)
		out = append(out, letters.Paraf{
			Step: i, Kind: step.Step, Position: step.Position, Short: pos.Short,
			Official: official(t, p, step.Position), Version: 2,
			At: time.Date(2026, 11, 24, 9+i, 10, 0, 0, loc),
		})
	}
	return out
}

// beritaAcara is the Berita Acara settling the BKAD complaint of Monday 23
// November 2026, signed by the Pejabat Pengelola Pengaduan on Friday 27.
func beritaAcara(t testing.TB) letters.DocumentContent {
	p := seedProfile(t, "bkad-kalbar")
	l := bkadLetter(t, p)
	l.Complainant.Address = "Jl. Trans Kalimantan Km. 12, Sungai Ambawang, Kubu Raya"
	loc, _ := time.LoadLocation(p.TimeZone)
	return letters.DocumentContent{
		Profile: p, Letter: l, Type: TypeBeritaAcara,
		Number: "BA/7/BKAD/XI/2026",
		Date:   time.Date(2026, 11, 27, 14, 5, 0, 0, loc),
		Fields: map[string]string{
			FieldTindakan:         "Memeriksa berkas pengajuan hibah kelompok tani dan berkoordinasi dengan Bidang Perbendaharaan untuk menerbitkan SP2D yang tertunda.",
			FieldHasil:            "Dana hibah telah dicairkan ke rekening Kelompok Tani Sungai Ambawang pada tanggal 26 November 2026.",
			FieldTanggalSelesai:   "2026-11-26",
			FieldTanggapanPengadu: "Pengadu menyatakan puas atas penyelesaian pengaduan.",
		},
		Signer:    official(t, p, "kasubag_rkme"),
		Parafs:    parafChain(t, p, TypeSuratJawaban),
		VerifyURL: "https://naskah.bkad.kalbarprov.go.id/verifikasi/QX7M-2KDA-91TB",
	}
}

// suratJawaban is the head's answer letter to the same complaint.
func suratJawaban(t testing.TB) letters.DocumentContent {
	c := beritaAcara(t)
	p := c.Profile
	c.Type = TypeSuratJawaban
	c.Title = ""
	c.Number = "000.8.3/45/BKAD-SJP/XI/2026"
	c.Date = c.Date.AddDate(0, 0, -4) // Monday 23 November 2026
	c.Signer = official(t, p, "kepala")
	c.Parafs = parafChain(t, p, TypeSuratJawaban)
	c.Addressee = "Yth. Sdr. Yohanes Bosko Ndéwi\nKetua Kelompok Tani Sungai Ambawang\ndi\n    Kubu Raya"
	c.Fields = map[string]string{
		FieldLampiran: "1 (satu) berkas",
		FieldTembusan: "Gubernur Kalimantan Barat (sebagai laporan)\nSekretaris Daerah Provinsi Kalimantan Barat",
	}
	c.Body = "Menindaklanjuti pengaduan Saudara yang kami terima pada tanggal 23 November 2026 dengan nomor agenda 000.8.3/12/BKAD/XI/2026 perihal keterlambatan pencairan dana hibah kelompok tani Desa Sungai Ambawang, dengan hormat kami sampaikan hal-hal sebagai berikut:\n\n" +
		"1. Berkas permohonan pencairan dana hibah Kelompok Tani Sungai Ambawang telah kami periksa dan dinyatakan lengkap.\n" +
		"2. Keterlambatan pencairan disebabkan oleh penyesuaian jadwal penerbitan Surat Perintah Pencairan Dana (SP2D) pada akhir tahun anggaran.\n" +
		"3. Dana hibah telah ditransfer ke rekening kelompok tani pada tanggal 26 November 2026.\n\n" +
		"Apabila Saudara masih memerlukan penjelasan lebih lanjut, Saudara dapat menghubungi Sub Bagian Rencana Kerja, Monitoring dan Evaluasi pada jam kerja di nomor (0561) 736541 ext. 445."
	return c
}

// kelengkapan is the first response telling the complainant what is missing.
func kelengkapan(t testing.TB) letters.DocumentContent {
	c := beritaAcara(t)
	c.Type = TypeKelengkapan
	c.Number = "KL/3/BKAD/XI/2026"
	c.Date = c.Date.AddDate(0, 0, -3)
	c.Parafs = nil
	c.Fields = map[string]string{
		FieldKekurangan:       "Fotokopi KTP pengadu\nSurat keputusan pembentukan kelompok tani\n2 lembar foto kegiatan kelompok tani",
		FieldBatasKelengkapan: "2026-12-04",
	}
	return c
}

// disposition is the head's disposition of the BKAD complaint to the
// Secretary and the Kasubag, after the receptionist's forwarding.
func disposition(t testing.TB) letters.DispositionSheet {
	p := seedProfile(t, "bkad-kalbar")
	l := bkadLetter(t, p)
	l.Channel = "surat"
	l.Origin = "Kelompok Tani Sungai Ambawang"
	l.RefNumber = "07/KT-SA/XI/2026"
	ref := time.Date(2026, 11, 20, 0, 0, 0, 0, l.ReceivedAt.Location())
	l.RefDate = &ref
	at := l.ReceivedAt.Add(3 * time.Hour)
	due := l.Deadline
	return letters.DispositionSheet{
		Profile: p, Letter: l, Number: "LD/15/BKAD/XI/2026", Nature: "sangat segera",
		To:           []string{p.PositionTitle("sekretaris"), p.PositionTitle("kasubag_rkme")},
		Instructions: []string{"Untuk ditindaklanjuti", "siapkan jawaban", "Koordinasikan dengan Bidang Perbendaharaan; laporkan hasilnya paling lambat Kamis."},
		By:           official(t, p, "kepala"),
		At:           at,
		Due:          &due,
		Cascade: []letters.DispositionSheetLine{
			{By: "Siti Nurhaliza (Petugas Penerima Pengaduan)", To: "Kepala Badan Keuangan dan Aset Daerah", Instruction: "Diteruskan untuk disposisi", At: l.ReceivedAt.Add(30 * time.Minute)},
		},
	}
}

// writePDF writes b into a temporary file and returns its path.
func writePDF(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
