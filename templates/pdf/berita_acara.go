package pdf

import (
	"strings"
	"time"

	"naskah/letters"
)

// beritaAcara lays out a Berita Acara Penyelesaian Pengaduan: the title
// centred, bold and underlined with the number under it; the opening
// sentence with the date in words; the two parties; the complaint and how
// it was settled; the closing; both parties' signatures and the paraf table.
func (l *layout) beritaAcara(y float64) error {
	c := l.c
	lt := c.Letter
	title := strings.ToUpper(documentName(c))
	l.bodyFS, l.bodyLH = 10.5, 5.0 // a berita acara should fit one page
	y += 9
	l.font(styleBold, 12.5)
	for i, line := range l.wrap(title, l.pw-2*l.mx-20) {
		if i > 0 {
			y += 5.6
		}
		l.textCenter(l.pw/2, y, line)
		w := l.width(line)
		l.SetLineWidth(0.3)
		l.Line(l.pw/2-w/2, y+1, l.pw/2+w/2, y+1)
	}
	number := c.Number
	if number == "" {
		number = "................................"
	}
	y += 5.8
	l.font(styleRegular, l.bodyFS)
	l.textCenter(l.pw/2, y, "Nomor: "+number)
	y += 7

	date := c.Date.In(l.loc)
	o := c.Profile.Office
	place := o.Name
	if o.City != "" {
		place += " di " + o.City
	}
	y = l.body(y, l.mx, []string{"Pada hari ini, " + dateInWords(date) + ", bertempat di kantor " + place +
		", yang bertanda tangan di bawah ini:"})

	const ix, lw = 7.0, 24.0
	x := l.mx + ix
	y += 1.5
	l.font(styleRegular, l.bodyFS)
	l.text(l.mx, y+l.bodyFS*ptToMM*1.4*0.75, "1.")
	first := [][2]string{{"Nama", c.Signer.Name}}
	if c.Signer.NIP != "" {
		first = append(first, [2]string{"NIP", c.Signer.NIP})
	}
	first = append(first, [2]string{"Jabatan", c.Signer.Position})
	y = l.labelled(y, x, lw, 0, l.bodyFS, first, nil)
	y = l.body(y, x, []string{"dalam hal ini bertindak untuk dan atas nama " + o.Name + ", selanjutnya disebut PIHAK PERTAMA."})

	y += 1.5
	y = l.need(y, l.bodyLH*3)
	l.font(styleRegular, l.bodyFS)
	l.text(l.mx, y+l.bodyFS*ptToMM*1.4*0.75, "2.")
	second := [][2]string{{"Nama", l.field(FieldPihakPengadu, l.complainant())}}
	if p := lt.Complainant; !p.Anonymous && !p.Confidential && strings.TrimSpace(p.Address) != "" {
		second = append(second, [2]string{"Alamat", p.Address})
	}
	y = l.labelled(y, x, lw, 0, l.bodyFS, second, nil)
	y = l.body(y, x, []string{"selaku pengadu, selanjutnya disebut PIHAK KEDUA."})

	y += paraGap
	y = l.body(y, l.mx, []string{"PIHAK PERTAMA telah menyelesaikan pengaduan PIHAK KEDUA dengan keterangan sebagai berikut:"})
	y += 1.5
	y = l.labelled(y, x, 47, 0, l.bodyFS, l.settlementRows(date), nil)

	y += paraGap
	// The opening "Pada hari ini, …" is written above with the date in
	// words; a drafted opening of the same kind is not repeated.
	paras := splitParagraphs(c.Body)
	if len(paras) > 0 && strings.HasPrefix(paras[0], "Pada hari ini") {
		paras = paras[1:]
	}
	if n := len(paras); n == 0 || !strings.HasPrefix(paras[n-1], "Demikian") {
		paras = append(paras, "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.")
	}
	y = l.body(y, l.mx, paras)

	y += 8
	left := sigColumn{cx: l.mx + sigColW/2 - 4, heading: []string{"PIHAK KEDUA,"}, position: "Pengadu",
		official: letters.Official{Name: l.field(FieldPihakPengadu, l.complainant())}}
	right := l.signer(l.pw-l.mx-sigColW/2, "PIHAK PERTAMA,")
	l.closingBlock(y, []sigColumn{left, right})
	return nil
}

// settlementRows are the complaint's data and how it was settled.
func (l *layout) settlementRows(date time.Time) [][2]string {
	lt := l.c.Letter
	dots := "...................................................."
	done, doneText, ok := l.dateField(FieldTanggalSelesai)
	if !ok {
		done, doneText = date, letters.FormatDate(date)
	}
	given := l.field(FieldTepatWaktu, "")
	onTime := strings.ToLower(given)
	switch {
	case onTime == "ya" || onTime == "tidak":
	case given != "": // a sentence: "Ya, diselesaikan dalam batas waktu (…)."
		onTime = ""
	case !done.IsZero() && !lt.Deadline.IsZero():
		onTime = "ya"
		if done.In(l.loc).Format("2006-01-02") > lt.Deadline.In(l.loc).Format("2006-01-02") {
			onTime = "tidak"
		}
	default:
		onTime = ""
	}
	timely := dots
	if onTime == "" && given != "" {
		timely = strings.TrimSuffix(given, ".")
	}
	if onTime != "" {
		timely = strings.ToUpper(onTime[:1]) + onTime[1:]
		if !lt.Deadline.IsZero() {
			timely += " (batas waktu penyelesaian " + longDate(lt.Deadline, l.loc) + ")"
		}
	}
	rows := [][2]string{
		{"Nomor Agenda", l.orDots(lt.AgendaNumber)},
		{"Tanggal Diterima", longDate(lt.ReceivedAt, l.loc)},
		{"Pengadu", l.complainant()},
		{"Perihal", l.field(FieldPengaduan, l.orDots(lt.Subject))},
	}
	if lt.LaporID != "" {
		rows = append(rows, [2]string{"Nomor Laporan SP4N-LAPOR!", lt.LaporID})
	}
	return append(rows,
		[2]string{"Tindakan yang Dilakukan", l.field(FieldTindakan, dots)},
		[2]string{"Hasil Penyelesaian", l.field(FieldHasil, dots)},
		[2]string{"Tanggal Selesai", doneText},
		[2]string{"Tepat Waktu", timely},
		[2]string{"Tanggapan Pengadu", l.field(FieldTanggapanPengadu, l.field("tanggapan", dots))},
	)
}

func (l *layout) orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "...................................................."
	}
	return s
}
