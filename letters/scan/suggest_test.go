package scan

import (
	"testing"
	"time"

	"naskah/letters"
)

func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	return &t
}

func TestSuggest(t *testing.T) {
	cases := []struct {
		name string
		text string
		want letters.Suggestion
	}{
		{
			name: "Permendagri layout, clean text layer",
			text: `PEMERINTAH PROVINSI NUSA TENGGARA TIMUR
BADAN KEUANGAN DAN ASET DAERAH
Jalan El Tari No. 52, Kupang 85111, Telepon (0380) 821234
Laman: bkad.nttprov.go.id, Pos-el: bkad@nttprov.go.id

                                                  Kupang, 12 Oktober 2026
Nomor    : 800/123/BKAD/X/2026
Sifat    : Segera
Lampiran : 1 (satu) berkas
Hal      : Permohonan Data Realisasi Anggaran
           Triwulan III

Yth. Kepala Dinas Pendidikan dan Kebudayaan
di
     Tempat

Dengan hormat, pada tanggal 5 November 2026 ...`,
			want: letters.Suggestion{Origin: "Badan Keuangan dan Aset Daerah", Number: "800/123/BKAD/X/2026", Place: "Kupang",
				Date: date(2026, 10, 12), Nature: "Segera", Enclosure: "1 (satu) berkas",
				Subject: "Permohonan Data Realisasi Anggaran Triwulan III", Addressee: "Kepala Dinas Pendidikan dan Kebudayaan"},
		},
		{
			name: "OCR mistakes: semicolons, O for 0, l for 1, dash for colon, a quoted Sifat",
			text: `PEMERINTAH KABUPATEN KUPANG
INSPEKTORAT DAERAH
Jl. Timor Raya Km. 36, Oelamasi
Oelamasi, l2 0ktober 2O26
Nomor ; 8OO/l23/ITDA/X/2026
Sifat ; “Biasa
Lampiran : —
Hal - Penyampaian Hasil Pemeriksaan
Yth, Bupati Kupang
di-
Tempat`,
			want: letters.Suggestion{Origin: "Inspektorat Daerah", Number: "800/123/ITDA/X/2026", Place: "Oelamasi",
				Date: date(2026, 10, 12), Nature: "Biasa", Enclosure: "-", Subject: "Penyampaian Hasil Pemeriksaan",
				Addressee: "Bupati Kupang"},
		},
		{
			name: "dotted classification number, Perihal, Kepada block, Roman month read as 1",
			text: `KEMENTERIAN DALAM NEGERI
REPUBLIK INDONESIA
Jalan Medan Merdeka Utara No. 7, Jakarta

Nomor : 000.8.3.3/15/OR
Lamp. : 2 (dua) lembar
Perihal : Undangan Rapat Koordinasi

Kepada
Yth. Gubernur Nusa Tenggara Timur
di
Kupang

Jakarta, 3 Maret 2026`,
			want: letters.Suggestion{Origin: "Kementerian Dalam Negeri Republik Indonesia", Number: "000.8.3.3/15/OR", Place: "Jakarta",
				Date: date(2026, 3, 3), Enclosure: "2 (dua) lembar", Subject: "Undangan Rapat Koordinasi",
				Addressee: "Gubernur Nusa Tenggara Timur"},
		},
		{
			name: "Roman month OCR'd as digits, label alone on its line",
			text: `DINAS KESEHATAN
Soe, 1 Februari 2026
Nomor : 440/DINKES/77/11/2026
Hal

: Laporan Kasus Demam Berdarah`,
			want: letters.Suggestion{Origin: "Dinas Kesehatan", Number: "440/DINKES/77/II/2026", Place: "Soe",
				Date: date(2026, 2, 1), Subject: "Laporan Kasus Demam Berdarah"},
		},
		{
			name: "Roman month disagreeing with the date by one stroke, dash in the code, a speck before the count",
			text: `BADAN PENDAPATAN DAERAH
Pontianak, 16 November 2026
Nomor : 400-3.4/522/DINKES/XI1/2026
Lampiran : 1.2 (dua) lembar
Hal : Laporan Pajak`,
			want: letters.Suggestion{Origin: "Badan Pendapatan Daerah", Number: "400.3.4/522/DINKES/XI/2026", Place: "Pontianak",
				Date: date(2026, 11, 16), Enclosure: "2 (dua) lembar", Subject: "Laporan Pajak"},
		},
		{
			name: "a citizen's letter: no letterhead, no number",
			text: `Kepada Yth. Kepala Badan Keuangan
di Kupang

Saya, Maria Ledo, warga Oebobo, ingin mengadukan tunggakan pembayaran.
Kupang, 7 Mei 2026`,
			want: letters.Suggestion{Place: "Kupang", Date: date(2026, 5, 7), Addressee: "Kepala Badan Keuangan"},
		},
		{
			name: "nothing to find",
			text: "lorem ipsum\n\n",
			want: letters.Suggestion{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Suggest(c.text)
			got.Letterhead = nil
			check := func(field, g, w string) {
				if g != w {
					t.Errorf("%s = %q, want %q", field, g, w)
				}
			}
			check("origin", got.Origin, c.want.Origin)
			check("number", got.Number, c.want.Number)
			check("place", got.Place, c.want.Place)
			check("nature", got.Nature, c.want.Nature)
			check("enclosure", got.Enclosure, c.want.Enclosure)
			check("subject", got.Subject, c.want.Subject)
			check("addressee", got.Addressee, c.want.Addressee)
			if (got.Date == nil) != (c.want.Date == nil) || got.Date != nil && !got.Date.Equal(*c.want.Date) {
				t.Errorf("date = %v, want %v", got.Date, c.want.Date)
			}
		})
	}
}

func TestSuggest_LetterheadLines(t *testing.T) {
	s := Suggest("PEMERINTAH KOTA KUPANG\nDINAS SOSIAL\nJalan Soekarno No. 3, Kupang\n________\nNomor : 460/9/DINSOS/2026\n")
	if len(s.Letterhead) != 3 || s.Letterhead[2] != "Jalan Soekarno No. 3, Kupang" || s.Origin != "Dinas Sosial" {
		t.Fatalf("letterhead = %q, origin %q", s.Letterhead, s.Origin)
	}
}

// The "Kepada Yth." block right of the labels is cut from their rows and
// written after them; rows come in page order whatever Tesseract's blocks.
func TestLayoutText_RightColumn(t *testing.T) {
	w := func(block, left, top int, text string) ocrWord {
		return ocrWord{block: block, line: top / 70, left: left, top: top, w: 30 * len(text), h: 40, text: text}
	}
	words := []ocrWord{
		w(1, 300, 1000, "Nomor"), w(1, 600, 1000, ":"), w(1, 650, 1002, "800/1/X/2026"), w(2, 1700, 1004, "Kepada"),
		w(1, 300, 1070, "Hal"), w(1, 600, 1070, ":"), w(1, 650, 1071, "Laporan"), w(2, 1700, 1074, "Yth."), w(2, 1830, 1074, "Bupati"),
		w(3, 650, 1140, "Pajak"), w(2, 1700, 1142, "di"),
		w(1, 1700, 1210, "Tempat"),
		w(4, 300, 1400, "Dengan"), w(4, 500, 1400, "hormat,"),
	}
	got := layoutText(words, 2480)
	want := "Nomor : 800/1/X/2026\nHal : Laporan\nPajak\n\nKepada\nYth. Bupati\ndi\nTempat\n\nDengan hormat,"
	if got != want {
		t.Fatalf("layout =\n%s\nwant\n%s", got, want)
	}
}
