package main

import (
	"fmt"
	"strings"
)

// The words of generated mail: who writes, about what, and how.

var genFirst = []string{"Budi", "Siti", "Agus", "Dewi", "Ahmad", "Rina", "Yusuf", "Nur", "Hendra", "Maria",
	"Slamet", "Fitri", "Rudi", "Lestari", "Bambang", "Yohanes", "André", "Stéfanus", "Herlina", "Irwan",
	"Kurniawati", "Joko", "Theresia", "Muhammad", "Yuliana", "Rusdi", "Désirée", "Aloysius", "Putri", "Wahyu"}

var genLast = []string{"Santoso", "Rahayu", "Wijaya", "Lestari", "Fauzi", "Marlina", "Hidayat", "Aini",
	"Gunawan", "Simanjuntak", "Pratama", "Saputra", "Nugroho", "Siregar", "Tan", "Lim", "Hasibuan",
	"Kusuma", "Setiawan", "Purba", "Syahputra", "Effendi", "Panjaitan", "Harahap", "Sulistyo"}

var genDomains = []string{"gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "yahoo.com", "outlook.com",
	"ymail.com", "kalbarprov.go.id", "untan.ac.id", "telkom.net"}

var genMailers = []string{"Microsoft Outlook 16.0", "Apple Mail (2.3696.120.41.1.8)", "Mozilla Thunderbird 115.4.1",
	"YahooMailAndroid/1.0", "Roundcube Webmail/1.6.5", "Gmail for Android", "Zimbra 8.8.15_GA_4581"}

var genPlaces = []string{"Pontianak Kota", "Kubu Raya", "Singkawang", "Mempawah", "Sanggau", "Ketapang",
	"Sintang", "Sambas", "Landak", "Kapuas Hulu", "Bengkayang", "Sekadau", "Melawi", "Kayong Utara"}

type genTopic struct {
	subject string
	story   []string
}

var genTopics = []genTopic{
	{"Pengaduan antrean SAMSAT", []string{
		"Saya sudah datang ke kantor SAMSAT sejak pukul 07.30 untuk membayar pajak kendaraan bermotor, tetapi antrean baru bergerak setelah pukul 10.00.",
		"Nomor antrean saya 214 dan loket yang buka hanya dua dari enam loket yang tersedia.",
		"Petugas di loket 3 menyampaikan bahwa sistem sedang “offline” tanpa penjelasan kapan akan pulih.",
	}},
	{"Keberatan atas tagihan PBB", []string{
		"Tagihan PBB tahun ini naik dari Rp 1.250.000 menjadi Rp 3.980.000 tanpa pemberitahuan sebelumnya.",
		"Luas bangunan yang tercantum 240 m² padahal rumah kami hanya 96 m² sesuai IMB.",
		"Kami mohon dilakukan penilaian ulang dan penjelasan dasar perhitungan NJOP.",
	}},
	{"Laporan jalan rusak", []string{
		"Jalan penghubung desa kami rusak berat sepanjang ± 2 km dan berlubang sedalam 40 cm.",
		"Sudah tiga kali terjadi kecelakaan sepeda motor pada bulan ini, salah satunya anak sekolah.",
		"Pada musim hujan jalan tergenang dan tidak dapat dilalui kendaraan roda empat.",
	}},
	{"Pengembalian kelebihan bayar pajak", []string{
		"Saya membayar pajak kendaraan dua kali karena transaksi pertama tidak tercatat, dengan bukti transfer terlampir.",
		"Sudah lebih dari 30 hari kerja sejak permohonan restitusi saya ajukan, namun belum ada jawaban.",
		"Mohon informasi tahapan dan perkiraan waktu pengembalian kelebihan bayar tersebut.",
	}},
	{"Tunjangan pegawai belum dibayarkan", []string{
		"Tunjangan tambahan penghasilan pegawai untuk bulan lalu belum kami terima sampai hari ini.",
		"Bendahara di unit kami menyampaikan bahwa berkas masih diverifikasi di BKAD.",
		"Kami mohon kepastian jadwal pembayaran karena banyak rekan yang bergantung pada tunjangan itu.",
	}},
	{"Pelayanan KTP elektronik", []string{
		"Perekaman KTP elektronik anak saya sudah dilakukan empat bulan lalu, tetapi kartu belum juga dicetak.",
		"Setiap kali ditanyakan, petugas menjawab blangko sedang kosong.",
		"Anak saya membutuhkan KTP untuk mendaftar kuliah dan membuka rekening bank.",
	}},
	{"Bantuan sosial tidak tepat sasaran", []string{
		"Beberapa keluarga mampu di RT 04 menerima bantuan sosial, sedangkan janda lansia di sebelah rumah kami tidak.",
		"Data penerima tampaknya tidak diperbarui sejak tahun 2021.",
		"Kami sudah melapor ke kelurahan tetapi diarahkan untuk menyurati dinas.",
	}},
	{"Air PDAM tidak mengalir", []string{
		"Sudah sembilan hari air PDAM di perumahan kami tidak mengalir, namun tagihan tetap datang seperti biasa.",
		"Warga terpaksa membeli air isi ulang dengan biaya ± Rp 35.000 per hari.",
		"Mohon perbaikan segera dan keringanan tagihan untuk bulan ini.",
	}},
	{"Izin PBG tidak kunjung terbit", []string{
		"Permohonan Persetujuan Bangunan Gedung kami ajukan melalui SIMBG dan sudah dinyatakan lengkap.",
		"Retribusi sudah dibayar lunas, tetapi dokumen PBG belum terbit setelah 60 hari.",
		"Pembangunan toko kami tertunda dan pekerja sudah kami rumahkan.",
	}},
	{"Lampu penerangan jalan padam", []string{
		"Lampu penerangan jalan umum di sepanjang jalan menuju pasar padam sejak dua bulan lalu.",
		"Malam hari jalan menjadi gelap dan sudah terjadi dua kali penjambretan.",
		"Kami mohon lampu segera diperbaiki atau diganti.",
	}},
}

var genSentences = []string{
	"Mohon kiranya Bapak/Ibu dapat menindaklanjuti pengaduan ini sesuai ketentuan yang berlaku.",
	"Saya bersedia dihubungi untuk memberikan keterangan tambahan bila diperlukan.",
	"Bukti pendukung dapat saya serahkan langsung ke kantor bila diminta.",
	"Kami berharap pelayanan publik di daerah kami dapat menjadi lebih baik.",
	"Atas perhatian dan bantuan Bapak/Ibu, saya ucapkan terima kasih.",
	"Pengaduan yang sama sudah saya sampaikan melalui telepon tetapi belum ada kabar.",
}

// person returns a sender's display name and address.
func (g *mailGen) person() (string, string) {
	r := g.r
	first, last := genFirst[r.IntN(len(genFirst))], genLast[r.IntN(len(genLast))]
	local := strings.ToLower(strings.NewReplacer("é", "e", "ö", "o").Replace(first))
	switch r.IntN(3) {
	case 0:
		local += "." + strings.ToLower(last)
	case 1:
		local += fmt.Sprintf("%d", 70+r.IntN(35))
	default:
		local += strings.ToLower(last[:1]) + fmt.Sprintf("%d", r.IntN(1000))
	}
	return first + " " + last, local + "@" + genDomains[r.IntN(len(genDomains))]
}

// complaint is the body of a letter from name about topic.
func (g *mailGen) complaint(name string, t genTopic) string {
	r := g.r
	var b strings.Builder
	b.WriteString([]string{"Yth. Kepala Badan Keuangan dan Aset Daerah,", "Kepada Yth. Bapak/Ibu Pimpinan,", "Selamat pagi Bapak/Ibu,"}[r.IntN(3)])
	fmt.Fprintf(&b, "\n\nSaya yang bertanda tangan di bawah ini, %s, warga %s, dengan hormat menyampaikan pengaduan berikut.\n\n",
		name, genPlaces[r.IntN(len(genPlaces))])
	for _, k := range r.Perm(len(t.story)) {
		b.WriteString(t.story[k] + " ")
	}
	b.WriteString("\n\n" + genSentences[r.IntN(len(genSentences))] + " " + genSentences[r.IntN(len(genSentences))])
	fmt.Fprintf(&b, "\n\nHormat saya,\n%s\n", name)
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "NIK %d%015d\n", 6, r.Int64N(1e15))
	}
	fmt.Fprintf(&b, "HP 08%d\n", 1100000000+r.IntN(900000000))
	return b.String()
}

// firstRunes is at most n characters of s.
func firstRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
