package store

import (
	"fmt"
	"strings"

	"naskah/letters"
)

// Word lists of the generated cases: what people write to a regional
// finance and asset office, from the places of a province.
var (
	bulkTopics = []struct{ subject, body string }{
		{"Keterlambatan pembayaran tunjangan", "Tunjangan kinerja kami untuk bulan lalu belum dibayarkan sampai hari ini, padahal SP2D sudah terbit."},
		{"Permohonan informasi pajak kendaraan bermotor", "Mohon penjelasan rincian pajak kendaraan bermotor dan denda yang tercantum pada notice kami."},
		{"Sengketa batas tanah aset daerah", "Tanah milik pemerintah daerah di samping rumah kami dipagari pihak lain tanpa papan nama aset."},
		{"Permohonan sewa gedung milik daerah", "Kami bermaksud menyewa gedung serbaguna milik daerah untuk kegiatan masyarakat."},
		{"Pencairan dana hibah belum diterima", "Dana hibah untuk rumah ibadah kami sudah disetujui dalam naskah perjanjian hibah tetapi belum cair."},
		{"Kendaraan dinas dipakai untuk keperluan pribadi", "Kami melihat kendaraan dinas berpelat merah dipakai untuk keperluan pribadi pada hari libur."},
		{"Pembayaran proyek jalan belum lunas", "Pekerjaan peningkatan jalan telah selesai dan diserahterimakan namun termin terakhir belum dibayar."},
		{"Permintaan salinan laporan realisasi anggaran", "Kami memohon salinan laporan realisasi anggaran pendapatan dan belanja daerah tahun lalu."},
		{"Gaji pegawai honorer terlambat", "Gaji tenaga honorer di unit kami terlambat dua bulan berturut-turut tanpa penjelasan."},
		{"Retribusi pasar tidak sesuai peraturan", "Petugas menarik retribusi pasar lebih tinggi dari tarif dalam peraturan daerah."},
		{"Penghapusan barang milik daerah", "Mohon petunjuk tata cara penghapusan kendaraan dan peralatan kantor yang sudah rusak berat."},
		{"Sertifikat tanah sekolah belum terbit", "Tanah sekolah yang dihibahkan warga belum bersertifikat atas nama pemerintah daerah."},
		{"Undangan rapat koordinasi pengelolaan keuangan", "Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat koordinasi pengelolaan keuangan daerah."},
		{"Pelayanan loket samsat lambat", "Antrean di loket pembayaran sangat panjang dan petugas tidak memberi kepastian waktu pelayanan."},
		{"Jembatan gantung rusak belum diperbaiki", "Jembatan gantung penghubung desa rusak dan anggaran perbaikannya belum dialokasikan."},
		{"Permohonan data aset tanah dan bangunan", "Untuk keperluan penelitian kami memohon data aset tanah dan bangunan milik pemerintah provinsi."},
	}
	bulkPlaces = []string{"Pontianak", "Singkawang", "Sambas", "Bengkayang", "Landak", "Mempawah", "Sanggau",
		"Sekadau", "Sintang", "Melawi", "Kapuas Hulu", "Ketapang", "Kayong Utara", "Kubu Raya"}
	bulkFirst = []string{"Agus", "Budi", "Dewi", "Eka", "Fransiska", "Gregorius", "Hadi", "Indah", "Joko", "Kristina",
		"Lukas", "Maria", "Nurul", "Oktavianus", "Putri", "Rahmat", "Sri", "Theresia", "Usman", "Veronika",
		"Wahyu", "Yohanes", "Zainal", "Abdul", "Bernadeta", "Citra", "Darius", "Erna", "Fajar", "Yuliana"}
	bulkLast = []string{"Santoso", "Lestari", "Pratama", "Wijaya", "Saputra", "Hidayat", "Siregar", "Tambunan",
		"Nugroho", "Rahayu", "Kurniawan", "Sembiring", "Syahputra", "Situmorang", "Anggraini", "Setiawan",
		"Hasibuan", "Purba", "Aritonang", "Maulana"}
	bulkOrgs = []string{"", "", "", "CV Kapuas Jaya", "Yayasan Khatulistiwa", "Koperasi Tani Makmur",
		"PT Borneo Konstruksi", "Paguyuban Pedagang Pasar", "SMA Negeri 1", "Lembaga Adat Dayak"}
	bulkStreets = []string{"Jl. Ahmad Yani", "Jl. Gajah Mada", "Jl. Sutan Syahrir", "Jl. Imam Bonjol", "Jl. Tanjungpura",
		"Jl. Adisucipto", "Jl. Veteran", "Jl. Sungai Raya Dalam"}
)

// bulkChannelWeight is how often each channel brings a case.
var bulkChannelWeight = map[string]int{"surat": 30, "web": 25, "email": 15, "tatap_muka": 10, "whatsapp": 8,
	"lapor": 6, "telepon": 3, "sms": 2, "kotak_saran": 1}

// letter generates the i-th case of the run (not yet numbered).
func (g *bulkGen) letter(i int) *letters.Letter {
	p, r := g.db.Profile, g.rng
	total := 0
	for _, ch := range p.Channels {
		total += max(bulkChannelWeight[ch.Code], 1)
	}
	pick := r.IntN(total)
	ch := &p.Channels[0]
	for k := range p.Channels {
		if pick -= max(bulkChannelWeight[p.Channels[k].Code], 1); pick < 0 {
			ch = &p.Channels[k]
			break
		}
	}
	topic := bulkTopics[r.IntN(len(bulkTopics))]
	place := bulkPlaces[r.IntN(len(bulkPlaces))]
	first, last := bulkFirst[r.IntN(len(bulkFirst))], bulkLast[r.IntN(len(bulkLast))]
	l := &letters.Letter{
		Channel:  ch.Code,
		Category: letters.CategoryPengaduan,
		Subject:  topic.subject + " di " + place,
		Body: fmt.Sprintf("Dengan hormat,\n\nSaya %s %s, warga %s. %s Kejadian ini kami alami sejak %d minggu terakhir "+
			"dan sudah kami sampaikan secara lisan, tetapi belum ada tindak lanjut. Mohon Bapak/Ibu memeriksa "+
			"dan menyelesaikannya sesuai ketentuan.\n\nHormat kami,\n%s %s",
			first, last, place, topic.body, 1+r.IntN(8), first, last),
		Statement:  true,
		ReceivedAt: g.receivedAt(i),
	}
	switch x := r.IntN(10); {
	case ch.Code == "surat" || ch.Code == "email" && x < 5:
		l.Category = letters.CategorySurat
		l.RefNumber = fmt.Sprintf("%03d/%s/%d", 1+r.IntN(900), strings.ToUpper(place[:3]), l.ReceivedAt.Year())
	case x < 2:
		l.Category = letters.CategoryInformasi
	case x < 3:
		l.Category = letters.CategoryAspirasi
	}
	if len(p.Classes) > 0 && r.IntN(10) < 7 {
		l.Class = p.Classes[r.IntN(len(p.Classes))].Code
	}
	org := bulkOrgs[r.IntN(len(bulkOrgs))]
	l.Origin = org
	if org == "" {
		l.Origin = "Masyarakat " + place
	}
	l.Complainant = letters.Party{
		Name:         first + " " + last,
		NIK:          fmt.Sprintf("61%02d%012d", r.IntN(99)+1, r.Int64N(1e12)),
		Address:      fmt.Sprintf("%s No. %d, %s", bulkStreets[r.IntN(len(bulkStreets))], 1+r.IntN(200), place),
		Phone:        fmt.Sprintf("08%010d", r.Int64N(1e10)),
		Email:        strings.ToLower(first+"."+last) + fmt.Sprintf("%d@contoh.id", r.IntN(1000)),
		Organisation: org,
		Confidential: r.IntN(50) == 0,
	}
	if ch.Code == "lapor" {
		g.laporSeq++
		l.LaporID = fmt.Sprintf("BENCH%08d", g.laporSeq) // apart from real LAPOR! numbers
	}
	l.TrackingCode = g.trackingCode()
	return l
}
