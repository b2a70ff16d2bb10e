package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"naskah/letters"
)

// letter lays out an outgoing letter (Surat Jawaban, informasi
// kelengkapan): place and date on the right; Nomor, Sifat, Lampiran and Hal;
// the "Yth." addressee; the body, justified; the closing; the signature
// with the QR code; the paraf table; Tembusan.
func (l *layout) letter(y float64) error {
	c := l.c
	addressee, err := l.addressee()
	if err != nil {
		return err
	}
	y += 7
	l.font(styleRegular, l.bodyFS)
	l.textRight(l.pw-l.mx, y, placeDate(c.Profile.Office, c.Date.In(l.loc)))
	y += 3
	number := c.Number
	if number == "" {
		number = "................................"
	}
	y = l.labelled(y, l.mx, 20, 105, l.bodyFS, [][2]string{
		{"Nomor", number},
		{"Sifat", l.field(FieldSifat, "Biasa")},
		{"Lampiran", l.field(FieldLampiran, "-")},
		{"Hal", l.field(FieldHal, l.defaultHal())},
	}, nil)

	y += 6
	l.font(styleRegular, l.bodyFS)
	for _, line := range addressee {
		y = l.need(y, l.bodyLH)
		l.text(l.mx, y+l.bodyLH*0.75, line)
		y += l.bodyLH
	}

	y += 6
	y = l.body(y, l.mx, l.letterParagraphs())

	y += 8
	cx := l.pw - l.mx - sigColW/2
	y = l.closingBlock(y, []sigColumn{l.signer(cx)})

	if copies := lines(l.c.Fields[FieldTembusan]); len(copies) > 0 {
		y += 6
		l.font(styleRegular, 9.5)
		y = l.need(y, 5)
		l.text(l.mx, y+4, "Tembusan:")
		y += 5
		for i, cp := range copies {
			for j, line := range l.wrap(cp, l.pw-2*l.mx-6) {
				y = l.need(y, 4.5)
				if j == 0 {
					l.text(l.mx, y+3.5, itoa(i+1)+".")
				}
				l.text(l.mx+6, y+3.5, line)
				y += 4.5
			}
		}
	}
	return nil
}

// addressee is the "Yth." block: the drafted one, else the complainant's
// name and address ("di Tempat" when there is none).
func (l *layout) addressee() ([]string, error) {
	text := strings.TrimSpace(l.c.Addressee)
	if text == "" {
		p := l.c.Letter.Complainant
		if p.Anonymous || strings.TrimSpace(p.Name) == "" {
			return nil, letters.Errorf(letters.EINVALID, "Alamat tujuan surat (Yth.) belum diisi dan pengadu tidak bernama.")
		}
		text = "Sdr. " + p.Name
		if p.Organisation != "" {
			text += "\n" + p.Organisation
		}
		where := strings.TrimSpace(p.Address)
		if where == "" {
			where = "Tempat"
		}
		text += "\ndi\n    " + where
	}
	if !strings.HasPrefix(text, "Yth") && !strings.HasPrefix(text, "Kepada") {
		text = "Yth. " + text
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		indent := ""
		if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			indent = "      "
		}
		for _, w := range l.wrap(strings.TrimSpace(line), 110) {
			out = append(out, indent+w)
		}
	}
	return out, nil
}

// defaultHal is the subject line when the drafter set none.
func (l *layout) defaultHal() string {
	if l.c.Type == TypeKelengkapan {
		return "Pemberitahuan Kelengkapan Berkas Pengaduan"
	}
	subject := strings.TrimSpace(l.c.Letter.Subject)
	if subject == "" {
		return "Jawaban atas Pengaduan"
	}
	return "Jawaban atas Pengaduan tentang " + lowerFirst(subject)
}

// letterParagraphs is the body as printed: the drafted text; for a
// kelengkapan letter the standard opening when none was drafted, the list of
// what is missing and the date to complete by; and the closing sentence
// unless the draft ends with one.
func (l *layout) letterParagraphs() []string {
	c := l.c
	paras := splitParagraphs(c.Body)
	closing := "Demikian disampaikan, atas perhatian Saudara diucapkan terima kasih."
	if n := len(paras); n > 0 && strings.HasPrefix(paras[n-1], "Demikian") {
		closing, paras = paras[n-1], paras[:n-1]
	}
	if c.Type == TypeKelengkapan {
		drafted := strings.Join(paras, "\n")
		if len(paras) == 0 {
			paras = append(paras, l.kelengkapanOpening())
		}
		// The list and the date to complete by, unless the drafted text
		// already gives them (the workflow's template writes them in).
		if missing := lines(c.Fields[FieldKekurangan]); len(missing) > 0 && !strings.Contains(drafted, listMarker.ReplaceAllString(missing[0], "")) {
			var b strings.Builder
			for i, m := range missing {
				if i > 0 {
					b.WriteString("\n")
				}
				b.WriteString(itoa(i+1) + ". " + listMarker.ReplaceAllString(m, ""))
			}
			paras = append(paras, b.String())
		}
		if t, due, ok := l.dateField(FieldBatasKelengkapan); ok && !strings.Contains(drafted, due) {
			p := "Kelengkapan tersebut mohon disampaikan paling lambat "
			if !t.IsZero() {
				p += "tanggal "
			}
			p += due
			if code := c.Letter.TrackingCode; code != "" {
				p += " dengan menyebutkan kode lacak " + code
			}
			p += ". Apabila sampai batas waktu tersebut kelengkapan belum kami terima, pengaduan belum dapat kami tindak lanjuti."
			paras = append(paras, p)
		}
	}
	return append(paras, closing)
}

func (l *layout) kelengkapanOpening() string {
	lt := l.c.Letter
	p := "Sehubungan dengan pengaduan Saudara yang kami terima pada tanggal " + letters.FormatDate(lt.ReceivedAt.In(l.loc))
	if lt.AgendaNumber != "" {
		p += " dengan nomor agenda " + lt.AgendaNumber
	}
	if lt.Subject != "" {
		p += " perihal " + lowerFirst(lt.Subject)
	}
	return p + ", dengan ini kami beritahukan bahwa berkas pengaduan Saudara belum lengkap. Agar pengaduan dapat ditindaklanjuti, mohon Saudara melengkapi:"
}

// lines splits a list field into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// lowerFirst lowers the first letter of a sentence used inside another
// ("Keterlambatan pencairan" → "keterlambatan pencairan"), unless the first
// word is an acronym or a name in capitals ("BPJS", "SK").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || len(s) <= n {
		return s
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	if !unicode.IsLower(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
