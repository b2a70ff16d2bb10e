package letters

import (
	"fmt"
	"strings"
	"time"
)

// Field keys of the document templates, in the order they are shown.
var DraftFieldKeys = map[string][]string{
	"surat_jawaban": {"perihal", "tindak_lanjut"},
	"berita_acara": {"pengaduan", "tindakan", "hasil", "tanggal_selesai", "tepat_waktu",
		"tanggapan_pengadu", "pihak_pengadu", "pihak_petugas"},
	DocKelengkapan: {"kekurangan", "batas_melengkapi"},
}

// DraftFieldLabels are the fields' labels in the editor.
var DraftFieldLabels = map[string]string{
	"perihal":           "Perihal",
	"tindak_lanjut":     "Tindak lanjut",
	"pengaduan":         "Pengaduan yang disampaikan",
	"tindakan":          "Tindakan yang telah diambil",
	"hasil":             "Hasil penyelesaian",
	"tanggal_selesai":   "Tanggal selesai",
	"tepat_waktu":       "Ketepatan waktu",
	"tanggapan_pengadu": "Tanggapan pengadu",
	"pihak_pengadu":     "Pihak pengadu (nama)",
	"pihak_petugas":     "Pihak petugas (nama dan jabatan)",
	"kekurangan":        "Kekurangan berkas/materi aduan",
	"batas_melengkapi":  "Batas waktu melengkapi",
}

// DocumentTitle is the heading printed on a document type.
func (p *Profile) DocumentTitle(typ string) string {
	if d := p.Document(typ); d != nil {
		return strings.ToUpper(d.Name)
	}
	return strings.ToUpper(typ)
}

// Addressee is the "Yth." block for the complainant of l.
func Addressee(l *Letter) string {
	c := l.Complainant
	name := c.Name
	switch {
	case c.Anonymous || name == "":
		name = "Pelapor"
		if l.LaporID != "" {
			name += " SP4N-LAPOR! " + l.LaporID
		}
	case c.Organisation != "":
		name += "\n" + c.Organisation
	}
	lines := []string{"Yth. Sdr. " + name}
	if c.Address != "" && !c.Anonymous {
		lines = append(lines, c.Address)
	}
	lines = append(lines, "di tempat")
	return strings.Join(lines, "\n")
}

// DraftTemplate is the first version of a draft of type typ for l, filled
// from the case: the drafter edits it in the browser. drafter names the
// official drafting it; now is the date in the office's zone.
func (p *Profile) DraftTemplate(l *Letter, typ string, drafter Official, loc *time.Location, now time.Time) DraftInput {
	received := FormatDate(l.ReceivedAt.In(loc))
	ref := "pengaduan Saudara"
	if l.AgendaNumber != "" {
		ref += " yang kami terima pada tanggal " + received + " dengan nomor agenda " + l.AgendaNumber
	}
	in := DraftInput{Addressee: Addressee(l), Fields: map[string]string{}}
	switch typ {
	case DocKelengkapan:
		in.Fields["kekurangan"] = "(sebutkan berkas atau keterangan yang belum lengkap)"
		in.Fields["batas_melengkapi"] = "14 (empat belas) hari kerja"
		in.Body = fmt.Sprintf("Menindaklanjuti %s perihal %s, dengan hormat kami sampaikan bahwa materi aduan Saudara belum lengkap, yaitu:\n\n%s\n\n"+
			"Mohon Saudara melengkapinya paling lambat %s sejak surat ini diterima, agar pengaduan dapat kami proses lebih lanjut.\n\n"+
			"Demikian kami sampaikan, atas perhatian Saudara kami ucapkan terima kasih.",
			ref, l.Subject, in.Fields["kekurangan"], in.Fields["batas_melengkapi"])
	case "berita_acara":
		onTime := "Ya, diselesaikan dalam batas waktu (" + FormatDate(l.Deadline.In(loc)) + ")."
		if now.After(l.Deadline) {
			onTime = "Tidak, melewati batas waktu (" + FormatDate(l.Deadline.In(loc)) + ")."
		}
		in.Addressee = ""
		in.Fields["pengaduan"] = l.Subject
		if l.Body != "" {
			in.Fields["pengaduan"] += ": " + l.Body
		}
		in.Fields["tindakan"] = "(uraikan tindakan yang telah diambil)"
		in.Fields["hasil"] = "(uraikan hasil penyelesaian)"
		in.Fields["tanggal_selesai"] = FormatDate(now.In(loc))
		in.Fields["tepat_waktu"] = onTime
		in.Fields["tanggapan_pengadu"] = "(tanggapan pengadu atas penyelesaian)"
		in.Fields["pihak_pengadu"] = partyName(l)
		in.Fields["pihak_petugas"] = drafter.Name + ", " + drafter.Position
		in.Body = fmt.Sprintf("Pada hari ini, %s, kami yang bertanda tangan di bawah ini telah menyelesaikan pengaduan nomor agenda %s yang diterima pada tanggal %s, dengan uraian sebagai berikut.",
			FormatDate(now.In(loc)), l.AgendaNumber, received)
	default: // surat_jawaban and any other answer
		in.Fields["perihal"] = "Jawaban atas pengaduan: " + l.Subject
		in.Fields["tindak_lanjut"] = "(uraikan tindak lanjut)"
		in.Body = fmt.Sprintf("Menindaklanjuti %s perihal %s, dengan hormat kami sampaikan hal-hal sebagai berikut.\n\n"+
			"(uraikan jawaban dan tindak lanjut atas pengaduan)\n\n"+
			"Demikian kami sampaikan, atas perhatian Saudara kami ucapkan terima kasih.", ref, l.Subject)
	}
	return in
}

func partyName(l *Letter) string {
	if l.Complainant.Anonymous || l.Complainant.Name == "" {
		return "Pelapor (anonim)"
	}
	return l.Complainant.Name
}
