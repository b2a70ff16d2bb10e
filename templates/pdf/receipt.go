package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"naskah/letters"
)

// Official is a person named on a document: name, position title as printed
// (e.g. "Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi") and NIP.
type Official struct {
	Name     string
	Position string
	NIP      string
}

// ReceiptData is what a Tanda Bukti Pengaduan shows.
type ReceiptData struct {
	Profile *letters.Profile
	Letter  *letters.Letter
	// Number is the receipt's own number when the office numbers receipts
	// (document type "tanda_bukti"); empty prints none.
	Number string
	// Official is the official responsible for settling the complaint. The
	// service standard requires the receipt to give "nama dan jabatan
	// pejabat/petugas yang berwenang": Name is required; an empty Position
	// is taken from the profile (Letter.Responsible, else the channel's).
	Official Official
	// Clerk is the officer who received the complaint and signs the receipt.
	Clerk Official
	// TrackURL is the public page where the complainant follows the case
	// with the tracking code; the QR code holds it.
	TrackURL string
	// Logo is an optional PNG for the letterhead.
	Logo []byte
}

// Receipt writes the Tanda Bukti Pengaduan of a registered letter to w.
// EINVALID, naming what is missing, when the letter has no agenda number or
// tracking code, no responsible official can be named, or TrackURL is empty.
func (r *Renderer) Receipt(w io.Writer, data ReceiptData) error {
	p, l := data.Profile, data.Letter
	if p == nil || l == nil {
		return fmt.Errorf("pdf: receipt needs a profile and a letter")
	}
	loc, err := officeZone(p)
	if err != nil {
		return err
	}
	official := data.Official
	if official.Position == "" {
		code := l.Responsible
		if code == "" {
			code = p.ReceiptOfficial(l.Channel)
		}
		if code != "" {
			official.Position = p.PositionTitle(code)
		}
	}
	switch {
	case strings.TrimSpace(l.AgendaNumber) == "":
		return letters.Errorf(letters.EINVALID, "Tanda bukti pengaduan belum dapat dicetak: surat belum memiliki nomor agenda.")
	case strings.TrimSpace(l.TrackingCode) == "":
		return letters.Errorf(letters.EINVALID, "Tanda bukti pengaduan belum dapat dicetak: surat belum memiliki kode lacak.")
	case strings.TrimSpace(official.Name) == "":
		return letters.Errorf(letters.EINVALID, "Tanda bukti pengaduan wajib memuat nama pejabat yang bertanggung jawab; nama pejabat belum diisi.")
	case strings.TrimSpace(official.Position) == "":
		return letters.Errorf(letters.EINVALID, "Tanda bukti pengaduan wajib memuat jabatan pejabat yang bertanggung jawab; jabatan belum diisi.")
	case strings.TrimSpace(data.TrackURL) == "":
		return letters.Errorf(letters.EINVALID, "Alamat pelacakan pengaduan (TrackURL) belum diisi; tanda bukti memuatnya dalam kode QR.")
	}
	qr, err := qrPNG(data.TrackURL)
	if err != nil {
		return letters.Errorf(letters.EINVALID, "Alamat pelacakan pengaduan terlalu panjang untuk kode QR (%d karakter).", len(data.TrackURL))
	}

	d := r.newDoc("Tanda Bukti Pengaduan "+l.AgendaNumber, p.Office.Name)
	d.ref = "Tanda Bukti Pengaduan · Nomor Agenda " + l.AgendaNumber
	y := d.letterhead(p.Office, data.Logo)

	y += 9
	d.font(styleBold, 13)
	title := "TANDA BUKTI PENGADUAN"
	d.textCenter(pageW/2, y, title)
	tw := d.width(title)
	d.SetLineWidth(0.3)
	d.Line(pageW/2-tw/2, y+1, pageW/2+tw/2, y+1)
	if data.Number != "" {
		y += 5.5
		d.font(styleRegular, 10)
		d.textCenter(pageW/2, y, "Nomor: "+data.Number)
	}
	y += 9
	d.font(styleRegular, 10)
	d.text(marginX, y, "Telah diterima pengaduan dengan keterangan sebagai berikut:")
	y += 3

	for _, row := range receiptRows(p, l, official, loc) {
		y = d.row(y, row.label, row.value)
	}
	y = d.trackingBox(y+3, l.TrackingCode, data.TrackURL, qr)

	if e := p.Escalation; e != nil && e.To != "" {
		note := "Apabila sampai batas waktu penyelesaian pengaduan belum ditanggapi, pengaduan dapat dilanjutkan kepada " + e.To
		if e.Via != "" {
			note += " melalui " + e.Via
		}
		y = d.note(y+4, note+".")
	}

	issued := l.ReceivedAt
	if l.RegisteredAt != nil {
		issued = *l.RegisteredAt
	}
	place := letters.FormatDate(issued.In(loc))
	if p.Office.City != "" {
		place = p.Office.City + ", " + place
	}
	d.signatures(y+8, place, data.Clerk)
	return d.finish(w)
}

type receiptRow struct {
	label string
	value []segment
}

func receiptRows(p *letters.Profile, l *letters.Letter, official Official, loc *time.Location) []receiptRow {
	ch := p.Channel(l.Channel)
	channel := l.Channel
	if ch != nil {
		channel = ch.Name
	}
	category := l.Category
	for _, c := range letters.Categories {
		if c.Code == l.Category {
			category = c.Label
		}
	}
	var rule *letters.Duration
	if ch != nil {
		rule = &ch.Deadline
	}
	for _, c := range p.Classes {
		if l.Class != "" && c.Code == l.Class {
			category += " (" + c.Name + ")"
			rule = &c.Deadline
		}
	}

	rows := []receiptRow{
		{"Nomor Agenda", []segment{{styleBold, l.AgendaNumber}}},
		{"Tanggal/Jam Diterima", plain(longDateTime(l.ReceivedAt, loc))},
		{"Saluran", plain(channel)},
		{"Kategori", plain(category)},
		{"Perihal", plain(l.Subject)},
		{"Nama Pengadu", plain(complainantName(l.Complainant))},
	}
	if l.LaporID != "" {
		rows = append(rows, receiptRow{"Nomor Laporan SP4N-LAPOR!", plain(l.LaporID)})
	}
	if l.RefNumber != "" {
		ref := l.RefNumber
		if l.RefDate != nil {
			ref += " tanggal " + letters.FormatDate(l.RefDate.In(loc))
		}
		rows = append(rows, receiptRow{"Nomor Surat Pengadu", plain(ref)})
	}
	responsible := []segment{{styleBold, official.Name}, {styleRegular, official.Position}}
	if official.NIP != "" {
		responsible = append(responsible, segment{styleRegular, "NIP. " + official.NIP})
	}
	rows = append(rows, receiptRow{"Pejabat yang Bertanggung Jawab", responsible})

	if !l.Deadline.IsZero() {
		rows = append(rows, receiptRow{"Batas Waktu Penyelesaian", plain(deadlineText(l.Deadline, rule, loc))})
	}
	if l.FirstResponseDue != nil {
		var first *letters.Duration
		if ch != nil {
			first = ch.FirstResponse
		}
		rows = append(rows, receiptRow{"Tanggapan Pertama", plain(deadlineText(*l.FirstResponseDue, first, loc))})
	}
	return rows
}

// deadlineText is "Senin, 30 November 2026 (5 hari kerja sejak diterima)";
// with the time of day for deadlines counted in minutes or hours.
func deadlineText(t time.Time, rule *letters.Duration, loc *time.Location) string {
	lt := t.In(loc)
	h, m, s := lt.Clock()
	atClock := !(h == 23 && m == 59 && s == 59) && !(h == 0 && m == 0 && s == 0)
	if rule != nil {
		atClock = clockUnit(*rule)
	}
	out := longDate(t, loc)
	if atClock {
		out = longDateTime(t, loc)
	}
	if rule != nil && rule.Value > 0 {
		out += " (" + durationText(*rule) + " sejak diterima)"
	}
	return out
}

// complainantName is what the receipt prints for the complainant: never the
// name of one who asked to stay anonymous or confidential.
func complainantName(party letters.Party) string {
	switch {
	case party.Anonymous:
		return "Anonim"
	case party.Confidential:
		return "Dirahasiakan"
	case strings.TrimSpace(party.Name) == "":
		return "Anonim"
	case party.Organisation != "":
		return party.Name + " (" + party.Organisation + ")"
	}
	return party.Name
}
