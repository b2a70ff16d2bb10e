package pdf

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

func renderDoc(t *testing.T, c letters.DocumentContent) string {
	t.Helper()
	b, err := renderer(t).RenderDocument(c)
	if err != nil {
		t.Fatalf("RenderDocument: %v", err)
	}
	return writePDF(t, c.Type+".pdf", b)
}

func wantAll(t *testing.T, what, text string, wants []string) {
	t.Helper()
	flat := oneLine(text)
	for _, w := range wants {
		if !strings.Contains(flat, w) {
			t.Errorf("%s lacks %q; pdftotext reads:\n%s", what, w, text)
		}
	}
}

// flowText is the text in pdftotext's reading order (no -layout), with
// white space collapsed: blocks such as the QR caption stay whole.
func flowText(t *testing.T, path string) string {
	return oneLine(poppler(t, "pdftotext", "-enc", "UTF-8", path, "-"))
}

// pages is the page count pdfinfo reports.
func pages(t *testing.T, path string) string {
	for _, line := range strings.Split(poppler(t, "pdfinfo", path), "\n") {
		if strings.HasPrefix(line, "Pages:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "Pages:"))
		}
	}
	t.Fatalf("pdfinfo gives no page count")
	return ""
}

func TestSuratJawabanReadsAsAnOfficeLetter(t *testing.T) {
	c := suratJawaban(t)
	path := renderDoc(t, c)
	text := pdfText(t, path)
	wantAll(t, "surat jawaban", text, []string{
		"PEMERINTAH PROVINSI KALIMANTAN BARAT", "BADAN KEUANGAN DAN ASET DAERAH",
		"Pontianak, 23 November 2026",
		"Nomor : 000.8.3/45/BKAD-SJP/XI/2026",
		"Sifat : Biasa",
		"Lampiran : 1 (satu) berkas",
		"Hal : Jawaban atas Pengaduan tentang keterlambatan pencairan dana hibah",
		"Yth. Sdr. Yohanes Bosko Ndéwi", "Ketua Kelompok Tani Sungai Ambawang", "Kubu Raya",
		"Menindaklanjuti pengaduan Saudara",
		"2. Keterlambatan pencairan disebabkan",
		"Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih.",
		"Kepala Badan Keuangan dan Aset Daerah Provinsi Kalimantan Barat,",
		"Dr. Hendrikus Sanusi, S.E., M.Si.", "NIP. 197005141995031003",
		// the paraf table: short titles, names, initials and dates
		"Analis Monev", "Dewi Sartika Lestari, S.Stat.", "DSL",
		"Kasubag RKME", "Muhammad Rizal Fahmi, S.Kom., M.Si.", "MRF",
		"Sekretaris", "Rina Apriyanti, S.E., M.M.", "RA", "24-11-2026",
		"https://naskah.bkad.kalbarprov.go.id/verifikasi/",
		"Tembusan:", "1. Gubernur Kalimantan Barat (sebagai laporan)",
	})
	// The caption sits beside the QR code in lines of its own.
	wantAll(t, "surat jawaban (reading order)", flowText(t, path), []string{qrCaption})
	if strings.Contains(text, "KONSEP") {
		t.Error("a signed letter carries the KONSEP watermark")
	}
	if n := len(pdfImages(t, path)); n != 1 {
		t.Errorf("want one image (the QR code), pdfimages finds %d", n)
	}
	if p := pages(t, path); p != "1" {
		t.Errorf("the letter takes %s pages, want 1", p)
	}
}

func TestBeritaAcaraRecordsTheSettlement(t *testing.T) {
	path := renderDoc(t, beritaAcara(t))
	text := pdfText(t, path)
	wantAll(t, "berita acara", text, []string{
		"BERITA ACARA PENYELESAIAN PENGADUAN",
		"Nomor: BA/7/BKAD/XI/2026",
		"Pada hari ini, Jumat tanggal dua puluh tujuh bulan November tahun dua ribu dua puluh enam, bertempat di kantor Badan Keuangan dan Aset Daerah di Pontianak",
		"Nama : Muhammad Rizal Fahmi, S.Kom., M.Si.",
		"Jabatan : Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi",
		"selanjutnya disebut PIHAK PERTAMA",
		"Nama : Yohanes Bosko Ndéwi", "Alamat : Jl. Trans Kalimantan Km. 12",
		"selanjutnya disebut PIHAK KEDUA",
		"Nomor Agenda : 000.8.3/12/BKAD/XI/2026",
		"Tanggal Diterima : Senin, 23 November 2026",
		"Pengadu : Yohanes Bosko Ndéwi",
		"Perihal : Keterlambatan pencairan dana hibah",
		"Tindakan yang Dilakukan : Memeriksa berkas pengajuan hibah",
		"Hasil Penyelesaian : Dana hibah telah dicairkan",
		"Tanggal Selesai : 26 November 2026",
		"Tepat Waktu : Ya (batas waktu penyelesaian Senin, 30 November 2026)",
		"Tanggapan Pengadu : Pengadu menyatakan puas",
		"Demikian berita acara ini dibuat dengan sebenarnya",
		"PIHAK KEDUA,", "PIHAK PERTAMA,", "Pengadu,",
		"NIP. 198305292009011004",
		"Dewi Sartika Lestari, S.Stat.", "Rina Apriyanti, S.E., M.M.",
	})
	wantAll(t, "berita acara (reading order)", flowText(t, path), []string{qrCaption})
	if p := pages(t, path); p != "1" {
		t.Errorf("the berita acara takes %s pages, want 1", p)
	}
}

func TestBeritaAcaraLateSettlementIsNotOnTime(t *testing.T) {
	c := beritaAcara(t)
	c.Fields[FieldTanggalSelesai] = "2026-12-02"
	text := oneLine(pdfText(t, renderDoc(t, c)))
	if !strings.Contains(text, "Tepat Waktu : Tidak (batas waktu penyelesaian Senin, 30 November 2026)") {
		t.Errorf("a settlement after the deadline should read Tidak:\n%s", text)
	}
}

func TestKelengkapanListsWhatIsMissing(t *testing.T) {
	text := pdfText(t, renderDoc(t, kelengkapan(t)))
	wantAll(t, "informasi kelengkapan", text, []string{
		"Nomor : KL/3/BKAD/XI/2026",
		"Hal : Pemberitahuan Kelengkapan Berkas Pengaduan",
		"Yth. Sdr. Yohanes Bosko Ndéwi",
		"berkas pengaduan Saudara belum lengkap",
		"1. Fotokopi KTP pengadu",
		"2. Surat keputusan pembentukan kelompok tani",
		"3. 2 lembar foto kegiatan kelompok tani",
		"paling lambat tanggal 4 Desember 2026 dengan menyebutkan kode lacak 7K3Q-M9XD-2HFA-TR8W",
		"Muhammad Rizal Fahmi, S.Kom., M.Si.",
	})
}

func TestDraftIsMarkedKonsepWithoutQR(t *testing.T) {
	c := suratJawaban(t)
	c.Draft, c.Number, c.VerifyURL = true, "", ""
	path := renderDoc(t, c)
	text := pdfText(t, path)
	wantAll(t, "konsep", text, []string{"Nomor : ....", "Dr. Hendrikus Sanusi, S.E., M.Si."})
	// The watermark is set diagonally, letter by letter as pdftotext sees it.
	raw := strings.Join(strings.Fields(poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")), "")
	if !strings.Contains(raw, "KONSEP") {
		t.Errorf("a draft lacks the KONSEP watermark:\n%s", raw)
	}
	if strings.Contains(oneLine(flowText(t, path)), qrCaption) {
		t.Error("a draft carries the e-signature caption")
	}
	if n := len(pdfImages(t, path)); n != 0 {
		t.Errorf("a draft should hold no QR code; pdfimages finds %d images", n)
	}
}

// A long letter continues on numbered pages and keeps the signature block
// together on the last one.
func TestLongLetterRunsOverPages(t *testing.T) {
	c := suratJawaban(t)
	para := strings.Repeat("Berdasarkan hasil pemeriksaan berkas dan klarifikasi kepada bidang terkait, pencairan dana hibah memerlukan verifikasi ulang. ", 8)
	c.Body = strings.Repeat(para+"\n\n", 6) + "AKHIR-ISI."
	path := renderDoc(t, c)
	if p, _ := strconv.Atoi(pages(t, path)); p < 2 {
		t.Fatalf("a long letter takes %d page(s), want at least 2", p)
	}
	last := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", pages(t, path), path, "-")
	wantAll(t, "last page", last, []string{"(lanjutan)", "Halaman " + pages(t, path) + " dari " + pages(t, path), "Dr. Hendrikus Sanusi, S.E., M.Si.", "NIP. 197005141995031003"})
	if !strings.Contains(oneLine(pdfText(t, path)), "AKHIR-ISI.") {
		t.Error("the end of the body is lost")
	}
}

func TestDocumentRefusesWhatIsMissing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*letters.DocumentContent)
		words string
	}{
		{"no number", func(c *letters.DocumentContent) { c.Number = "" }, "Nomor dokumen"},
		{"no verify URL", func(c *letters.DocumentContent) { c.VerifyURL = "" }, "VerifyURL"},
		{"no signer", func(c *letters.DocumentContent) { c.Signer.Name = "" }, "penanda tangan"},
		{"no action", func(c *letters.DocumentContent) { delete(c.Fields, FieldTindakan) }, "tindakan"},
		{"no date", func(c *letters.DocumentContent) { c.Date = time.Time{} }, "Tanggal dokumen"},
	} {
		c := beritaAcara(t)
		tc.edit(&c)
		_, err := renderer(t).RenderDocument(c)
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), tc.words) {
			t.Errorf("%s: want EINVALID naming %q, got %v", tc.name, tc.words, err)
		}
	}
	c := kelengkapan(t)
	c.Fields = nil
	if _, err := renderer(t).RenderDocument(c); letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), "kekurangan") {
		t.Errorf("kelengkapan without the missing items: want EINVALID naming kekurangan, got %v", err)
	}
}

func TestTerbilang(t *testing.T) {
	for n, want := range map[int64]string{
		0: "nol", 1: "satu", 10: "sepuluh", 11: "sebelas", 12: "dua belas", 19: "sembilan belas",
		20: "dua puluh", 23: "dua puluh tiga", 100: "seratus", 101: "seratus satu", 111: "seratus sebelas",
		250: "dua ratus lima puluh", 1000: "seribu", 1001: "seribu satu", 1999: "seribu sembilan ratus sembilan puluh sembilan",
		2026: "dua ribu dua puluh enam", 11000: "sebelas ribu", 100000: "seratus ribu", 1000000: "satu juta",
		2500000000: "dua miliar lima ratus juta", -7: "minus tujuh",
	} {
		if got := Terbilang(n); got != want {
			t.Errorf("Terbilang(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{
		"Dr. Hendrikus Sanusi, S.E., M.Si.": "HS",
		"Drs. Agustinus Ñañez Pōhan, M.Si.": "AÑP",
		"H. Muhammad Rizal Fahmi":           "MRF",
		"Siti Nurhaliza":                    "SN",
	} {
		if got := initials(name); got != want {
			t.Errorf("initials(%q) = %q, want %q", name, got, want)
		}
	}
}

// Drafts made from the workflow's templates carry the opening, the list of
// what is missing and the closing in the body, dates written out and
// sentences for yes/no fields: nothing is printed twice or lost.
func TestWorkflowTemplateFieldsPrintOnce(t *testing.T) {
	c := kelengkapan(t)
	c.Fields = map[string]string{"kekurangan": "Fotokopi KTP pengadu", "batas_melengkapi": "14 (empat belas) hari kerja"}
	c.Body = "Menindaklanjuti pengaduan Saudara, dengan hormat kami sampaikan bahwa materi aduan Saudara belum lengkap, yaitu:\n\nFotokopi KTP pengadu\n\n" +
		"Mohon Saudara melengkapinya paling lambat 14 (empat belas) hari kerja sejak surat ini diterima.\n\n" +
		"Demikian kami sampaikan, atas perhatian Saudara kami ucapkan terima kasih."
	text := oneLine(pdfText(t, renderDoc(t, c)))
	if n := strings.Count(text, "Fotokopi KTP pengadu"); n != 1 {
		t.Errorf("the missing item is printed %d times, want once:\n%s", n, text)
	}
	if strings.Contains(text, "Demikian disampaikan") || strings.Count(text, "Demikian kami sampaikan") != 1 {
		t.Errorf("the drafted closing should be the only one:\n%s", text)
	}

	ba := beritaAcara(t)
	ba.Body = "Pada hari ini, 27 November 2026, kami yang bertanda tangan di bawah ini telah menyelesaikan pengaduan nomor agenda 000.8.3/12/BKAD/XI/2026."
	ba.Fields[FieldTanggalSelesai] = "26 November 2026"
	ba.Fields[FieldTepatWaktu] = "Ya, diselesaikan dalam batas waktu (30 November 2026)."
	ba.Fields[FieldPengaduan] = "Keterlambatan pencairan dana hibah: dana belum diterima sejak Oktober"
	text = oneLine(pdfText(t, renderDoc(t, ba)))
	if n := strings.Count(text, "Pada hari ini"); n != 1 {
		t.Errorf("the opening is printed %d times, want once:\n%s", n, text)
	}
	wantAll(t, "berita acara from the template", text, []string{
		"Tanggal Selesai : 26 November 2026",
		"Tepat Waktu : Ya, diselesaikan dalam batas waktu (30 November 2026)",
		"Perihal : Keterlambatan pencairan dana hibah: dana belum diterima sejak Oktober",
	})

	sj := suratJawaban(t)
	sj.Fields = map[string]string{"perihal": "Jawaban atas pengaduan: keterlambatan pencairan"}
	wantAll(t, "surat jawaban from the template", pdfText(t, renderDoc(t, sj)), []string{"Hal : Jawaban atas pengaduan: keterlambatan pencairan"})
}
