package scan

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// testLetter is an official letter generated for the tests with what a
// clerk should find in it.
type testLetter struct {
	Government, Office, Address, Contact string
	Place                                string
	Date                                 time.Time
	Number, Nature, Enclosure, Subject   string
	Addressee                            string
	KepadaRight                          bool // the older layout: "Kepada Yth." block right of the labels
	Body                                 []string
	SignerTitle, SignerName, SignerRank  string
	SignerNIP                            string
}

var (
	tlGovernments = []struct{ Gov, Place, Domain string }{
		{"PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", "Kupang", "nttprov.go.id"},
		{"PEMERINTAH KABUPATEN KUPANG", "Oelamasi", "kupangkab.go.id"},
		{"PEMERINTAH KOTA KUPANG", "Kupang", "kupangkota.go.id"},
		{"PEMERINTAH PROVINSI KALIMANTAN BARAT", "Pontianak", "kalbarprov.go.id"},
		{"PEMERINTAH KABUPATEN TIMOR TENGAH SELATAN", "Soe", "ttskab.go.id"},
		{"PEMERINTAH KABUPATEN SIKKA", "Maumere", "sikkakab.go.id"},
		{"PEMERINTAH KABUPATEN MANGGARAI BARAT", "Labuan Bajo", "manggaraibaratkab.go.id"},
		{"PEMERINTAH KABUPATEN SUMBA TIMUR", "Waingapu", "sumbatimurkab.go.id"},
	}
	tlOffices = []struct{ Name, Code, Head string }{
		{"BADAN KEUANGAN DAN ASET DAERAH", "BKAD", "KEPALA BADAN KEUANGAN DAN ASET DAERAH"},
		{"DINAS PENDIDIKAN DAN KEBUDAYAAN", "DIKBUD", "KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN"},
		{"DINAS KESEHATAN", "DINKES", "KEPALA DINAS KESEHATAN"},
		{"BADAN PERENCANAAN PEMBANGUNAN DAERAH", "BAPPEDA", "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH"},
		{"INSPEKTORAT DAERAH", "ITDA", "INSPEKTUR DAERAH"},
		{"DINAS PEKERJAAN UMUM DAN PENATAAN RUANG", "PUPR", "KEPALA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"},
		{"BADAN KEPEGAWAIAN DAERAH", "BKD", "KEPALA BADAN KEPEGAWAIAN DAERAH"},
		{"DINAS SOSIAL", "DINSOS", "KEPALA DINAS SOSIAL"},
		{"DINAS KOMUNIKASI DAN INFORMATIKA", "KOMINFO", "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA"},
		{"BADAN PENDAPATAN DAERAH", "BAPENDA", "KEPALA BADAN PENDAPATAN DAERAH"},
		{"DINAS PERHUBUNGAN", "DISHUB", "KEPALA DINAS PERHUBUNGAN"},
		{"SEKRETARIAT DEWAN PERWAKILAN RAKYAT DAERAH", "SETWAN", "SEKRETARIS DPRD"},
	}
	tlStreets  = []string{"Jalan El Tari No. 52", "Jalan Jenderal Sudirman No. 7", "Jalan Ahmad Yani No. 121", "Jalan Soekarno No. 3", "Jalan Frans Seda No. 18", "Jalan Timor Raya Km. 36"}
	tlClasses  = []string{"800", "900", "005", "045.2", "000.8.3.3", "400.3.4", "100.3.2", "500.11", "094", "700.1.2.1"}
	tlRoman    = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	tlMonths   = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	tlNatures  = []string{"Biasa", "Biasa", "Segera", "Penting", "Sangat Segera", "Rahasia"}
	tlEnclose  = []string{"-", "1 (satu) berkas", "2 (dua) lembar", "1 (satu) eksemplar", "3 (tiga) berkas"}
	tlSubjects = []string{
		"Permohonan Data Realisasi Anggaran Triwulan III",
		"Undangan Rapat Koordinasi Penyusunan APBD Tahun Anggaran 2027",
		"Penyampaian Laporan Keuangan Semester I",
		"Permohonan Narasumber Bimbingan Teknis Pengelolaan Barang Milik Daerah",
		"Pengaduan Keterlambatan Pembayaran Tunjangan Guru",
		"Klarifikasi Data Aset Tanah dan Bangunan",
		"Usulan Kebutuhan Pegawai Tahun 2027",
		"Permintaan Informasi Rincian Belanja Hibah",
		"Penyampaian Hasil Pemeriksaan Inspektorat",
		"Permohonan Rekomendasi Izin Penggunaan Gedung",
		"Laporan Penggunaan Dana Bantuan Operasional Sekolah",
		"Pemberitahuan Jadwal Pemutakhiran Data Kepegawaian",
		"Tindak Lanjut Pengaduan Masyarakat tentang Jalan Rusak di Desa Oesao",
		"Penyampaian Dokumen Rencana Kerja Perangkat Daerah",
		"Permohonan Pencairan Dana Alokasi Khusus Bidang Kesehatan",
		"Undangan Sosialisasi Pajak Kendaraan Bermotor",
		"Rekonsiliasi Penerimaan Pajak Daerah Bulan September",
		"Permohonan Verifikasi Tagihan Pekerjaan Rehabilitasi Puskesmas",
	}
	tlAddressees = []string{
		"Kepala Badan Keuangan dan Aset Daerah Provinsi Nusa Tenggara Timur",
		"Gubernur Nusa Tenggara Timur",
		"Sekretaris Daerah Kabupaten Kupang",
		"Kepala Dinas Kesehatan Kota Kupang",
		"Bupati Timor Tengah Selatan",
		"Kepala Badan Pendapatan Daerah",
		"Inspektur Provinsi Kalimantan Barat",
		"Kepala Bidang Anggaran",
	}
	tlNames = []string{"Drs. YOHANES B. SERAN, M.Si.", "MARIA GORETI LEDA, S.E., M.M.", "Ir. ABRAHAM NDOEN, M.T.",
		"FRANSISKUS X. MANEK, S.H.", "dr. MAGDALENA TALLO, M.Kes.", "AHMAD SYARIF HIDAYAT, S.Sos."}
	tlRanks  = []string{"Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)"}
	tlBodies = []string{
		"Sehubungan dengan pelaksanaan kegiatan tahun anggaran berjalan, bersama ini kami sampaikan permohonan sebagaimana dimaksud pada pokok surat. Kami mohon kiranya data tersebut dapat disampaikan paling lambat tanggal 30 Oktober 2026 dalam bentuk cetak dan salinan elektronik.",
		"Berdasarkan Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah, setiap perangkat daerah wajib menyampaikan laporan secara berkala kepada pejabat pengelola keuangan daerah.",
		"Menindaklanjuti surat Saudara tanggal 2 September 2026, dengan hormat kami sampaikan bahwa permohonan tersebut telah kami terima dan sedang dalam proses penelaahan oleh tim teknis.",
		"Kegiatan dimaksud akan dilaksanakan pada hari Selasa, 17 November 2026, pukul 09.00 WITA sampai dengan selesai, bertempat di Aula Kantor Gubernur, Jalan El Tari Nomor 52 Kupang.",
		"Untuk kelancaran pelaksanaan kegiatan tersebut, kami mohon kesediaan Bapak/Ibu untuk menugaskan pejabat yang membidangi urusan keuangan dan aset agar hadir tepat waktu.",
	}
)

// genLetter returns letter i of a reproducible set.
func genLetter(i int) testLetter {
	r := rand.New(rand.NewSource(int64(i)*7919 + 17))
	pick := func(s []string) string { return s[r.Intn(len(s))] }
	g := tlGovernments[r.Intn(len(tlGovernments))]
	o := tlOffices[r.Intn(len(tlOffices))]
	date := time.Date(2026, time.Month(1+r.Intn(12)), 1+r.Intn(28), 12, 0, 0, 0, time.UTC)
	var number string
	switch r.Intn(3) {
	case 0:
		number = fmt.Sprintf("%s/%d/%s/%s/%d", pick(tlClasses), 1+r.Intn(999), o.Code, tlRoman[date.Month()-1], date.Year())
	case 1:
		number = fmt.Sprintf("%s/%d/%s", pick(tlClasses), 1+r.Intn(300), pick([]string{"OR", "UM", "KEU", "SEKR", o.Code}))
	default:
		number = fmt.Sprintf("%s/%s/%d/%s/%d", pick(tlClasses), o.Code, 1+r.Intn(2500), tlRoman[date.Month()-1], date.Year())
	}
	body := []string{"Dengan hormat,"}
	for _, k := range r.Perm(len(tlBodies))[:2] {
		body = append(body, tlBodies[k])
	}
	body = append(body, "Demikian disampaikan, atas perhatian dan kerja sama Bapak/Ibu diucapkan terima kasih.")
	domain := strings.ToLower(o.Code) + "." + g.Domain
	return testLetter{
		Government: g.Gov, Office: o.Name,
		Address: fmt.Sprintf("%s, %s, Telepon (0380) 8%05d", pick(tlStreets), g.Place, r.Intn(100000)),
		Contact: fmt.Sprintf("Laman: %s, Pos-el: sekretariat@%s", domain, domain),
		Place:   g.Place, Date: date, Number: number,
		Nature: pick(tlNatures), Enclosure: pick(tlEnclose), Subject: pick(tlSubjects),
		Addressee: pick(tlAddressees), KepadaRight: r.Intn(4) == 0, Body: body,
		SignerTitle: o.Head + ",", SignerName: pick(tlNames), SignerRank: pick(tlRanks),
		SignerNIP: fmt.Sprintf("NIP %d%02d%02d %d%02d %d %03d", 1965+r.Intn(20), 1+r.Intn(12), 1+r.Intn(28), 1990+r.Intn(20), 1+r.Intn(12), 1+r.Intn(2), 1+r.Intn(20)),
	}
}

// DateText is the date as written on the letter.
func (l testLetter) DateText() string {
	return fmt.Sprintf("%s, %d %s %d", l.Place, l.Date.Day(), tlMonths[l.Date.Month()-1], l.Date.Year())
}

// PDF renders the letter on A4 with a text layer.
func (l testLetter) PDF(t testing.TB) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetMargins(25, 15, 20)
	f.SetAutoPageBreak(true, 20)
	f.AddPage()
	f.SetFont("Times", "B", 14)
	f.CellFormat(0, 6, l.Government, "", 1, "C", false, 0, "")
	f.SetFont("Times", "B", 16)
	f.MultiCell(0, 7, l.Office, "", "C", false)
	f.SetFont("Times", "", 10)
	f.CellFormat(0, 5, l.Address, "", 1, "C", false, 0, "")
	f.CellFormat(0, 5, l.Contact, "", 1, "C", false, 0, "")
	y := f.GetY() + 1
	f.SetLineWidth(0.8)
	f.Line(25, y, 190, y)
	f.SetLineWidth(0.2)
	f.Line(25, y+1, 190, y+1)
	f.SetY(y + 6)

	f.SetFont("Times", "", 12)
	f.CellFormat(0, 6, l.DateText(), "", 1, "R", false, 0, "")
	f.Ln(2)
	top := f.GetY()
	labelW, valueW := 25.0, 75.0
	if !l.KepadaRight {
		valueW = 110
	}
	row := func(label, value string) {
		f.SetX(25)
		f.CellFormat(labelW, 6, label, "", 0, "L", false, 0, "")
		f.CellFormat(4, 6, ":", "", 0, "L", false, 0, "")
		f.MultiCell(valueW, 6, value, "", "L", false)
	}
	row("Nomor", l.Number)
	row("Sifat", l.Nature)
	row("Lampiran", l.Enclosure)
	row("Hal", l.Subject)
	if l.KepadaRight {
		after := f.GetY()
		f.SetXY(140, top)
		f.MultiCell(50, 6, "Kepada\nYth. "+l.Addressee+"\ndi\n      Tempat", "", "L", false)
		f.SetY(max(after, f.GetY()) + 6)
	} else {
		f.Ln(6)
		f.SetX(25)
		f.MultiCell(110, 6, "Yth. "+l.Addressee+"\ndi\n      Tempat", "", "L", false)
		f.Ln(4)
	}
	for _, p := range l.Body {
		f.SetX(25)
		f.MultiCell(0, 6, p, "", "J", false)
		f.Ln(2)
	}
	f.Ln(4)
	f.SetX(110)
	f.MultiCell(80, 6, l.SignerTitle, "", "C", false)
	f.Ln(18)
	f.SetX(110)
	f.SetFont("Times", "BU", 12)
	f.MultiCell(80, 6, l.SignerName, "", "C", false)
	f.SetFont("Times", "", 12)
	f.SetX(110)
	f.MultiCell(80, 6, l.SignerRank+"\n"+l.SignerNIP, "", "C", false)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
