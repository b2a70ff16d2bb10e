package pdf

import (
	"bytes"
	"strings"

	"naskah/letters"
)

// The Lembar Disposisi is printed on half a folio (F4, 215 × 330 mm) sheet
// cut across: 215 × 165 mm, the long side horizontal, as offices print two
// sheets on one folio page.
const (
	dispW  = 215.0
	dispH  = 165.0
	dispMX = 10.0
	dispFS = 9.0 // text size in the boxes
	dispLH = 4.4
)

// Natures of a disposition, in the order the form prints them.
var natures = []string{"Biasa", "Segera", "Sangat Segera", "Rahasia"}

// StandardInstructions are the instructions the form prints as a tick list;
// a disposition's other instructions are printed as free text.
var StandardInstructions = []string{
	"Untuk ditindaklanjuti", "Siapkan jawaban", "Untuk diketahui", "Koordinasikan", "Arsip",
}

// RenderDisposition prints a Lembar Disposisi: letterhead, title, the
// letter's data (surat dari, nomor and tanggal surat, diterima tanggal,
// nomor agenda, sifat as tick boxes, perihal), the recipients, the
// instructions (ticked from the standard list, then free text) with the due
// date, the disposer's position, paraf mark, name and date, and the cascade
// so far. EINVALID names what is missing.
func (r *Renderer) RenderDisposition(s letters.DispositionSheet) ([]byte, error) {
	if s.Profile == nil || s.Letter == nil {
		return nil, letters.Errorf(letters.EINVALID, "Lembar disposisi memerlukan profil kantor dan surat yang didisposisikan.")
	}
	loc, err := officeZone(s.Profile)
	if err != nil {
		return nil, err
	}
	nature, err := checkSheet(s)
	if err != nil {
		return nil, err
	}
	logo, err := officeLogo(s.Profile.Office)
	if err != nil {
		return nil, err
	}
	l := s.Letter
	d := r.newDocSize("Lembar Disposisi "+l.AgendaNumber, s.Profile.Office.Name, dispW, dispH, dispMX)
	d.ref = "Lembar Disposisi · Nomor Agenda " + l.AgendaNumber
	y := d.letterhead(s.Profile.Office, logo)
	y += 6.5
	d.font(styleBold, 12)
	d.textCenter(d.pw/2, y, "LEMBAR DISPOSISI")
	if s.Number != "" {
		y += 4.2
		d.font(styleRegular, 8.5)
		d.textCenter(d.pw/2, y, "Nomor: "+s.Number)
	}
	y += 2.5

	x0, w := d.mx, d.pw-2*d.mx
	half := w / 2
	origin := l.Origin
	if origin == "" {
		origin = complainantName(l.Complainant)
	}
	refDate := "-"
	if l.RefDate != nil {
		refDate = letters.FormatDate(l.RefDate.In(loc))
	}
	left := [][2]string{{"Surat dari", origin}, {"Nomor Surat", orDash(l.RefNumber)}, {"Tanggal Surat", refDate}}
	right := [][2]string{{"Diterima Tanggal", longDateTime(l.ReceivedAt, loc)}, {"Nomor Agenda", l.AgendaNumber}}
	if ch := s.Profile.Channel(l.Channel); ch != nil {
		right = append(right, [2]string{"Saluran", ch.Name})
	}
	h := max(d.boxRowsHeight(left, half), d.boxRowsHeight(right, half))
	y = d.need(y, h)
	d.SetLineWidth(0.3)
	d.Rect(x0, y, half, h, "D")
	d.Rect(x0+half, y, half, h, "D")
	d.boxRows(x0, y, half, left)
	d.boxRows(x0+half, y, half, right)
	y += h

	y = d.natureRow(y, x0, w, nature)
	rows := [][2]string{{"Perihal", l.Subject}}
	h = d.boxRowsHeight(rows, w)
	y = d.need(y, h)
	d.Rect(x0, y, w, h, "D")
	d.boxRows(x0, y, w, rows)
	y += h

	y = d.dispositionBody(y, s, loc)
	if len(s.Cascade) > 0 {
		y = d.cascade(y+3, s.Cascade, loc)
	}
	_ = y
	var buf bytes.Buffer
	if err := d.finish(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// checkSheet validates the sheet and returns its nature as the form prints
// it ("Sangat Segera").
func checkSheet(s letters.DispositionSheet) (string, error) {
	nature := ""
	want := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s.Nature, "_", " ")), " "))
	for _, n := range natures {
		if strings.ToLower(n) == want {
			nature = n
		}
	}
	switch {
	case nature == "":
		return "", letters.Errorf(letters.EINVALID, "Sifat disposisi %q tidak dikenal; pilih biasa, segera, sangat segera atau rahasia.", s.Nature)
	case len(s.To) == 0:
		return "", letters.Errorf(letters.EINVALID, "Disposisi belum ditujukan kepada siapa pun (diteruskan kepada).")
	case len(s.Instructions) == 0:
		return "", letters.Errorf(letters.EINVALID, "Isi disposisi belum diisi.")
	case strings.TrimSpace(s.By.Name) == "" || strings.TrimSpace(s.By.Position) == "":
		return "", letters.Errorf(letters.EINVALID, "Nama dan jabatan pemberi disposisi belum diisi.")
	case s.At.IsZero():
		return "", letters.Errorf(letters.EINVALID, "Tanggal disposisi belum diisi.")
	}
	return nature, nil
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// Label column of the boxes, in mm.
const dispLabelW = 29.0

// boxRowsHeight is the height of label : value rows in a box w mm wide.
func (d *doc) boxRowsHeight(rows [][2]string, w float64) float64 {
	d.font(styleRegular, dispFS)
	n := 0
	for _, r := range rows {
		n += len(d.wrap(r[1], w-dispLabelW-6))
	}
	return float64(n)*dispLH + 2.6
}

// boxRows writes label : value rows inside a box at x, y.
func (d *doc) boxRows(x, y, w float64, rows [][2]string) {
	y += 1.3
	for _, r := range rows {
		d.font(styleRegular, dispFS)
		for i, line := range d.wrap(r[1], w-dispLabelW-6) {
			base := y + dispLH*0.78
			if i == 0 {
				d.text(x+2, base, r[0])
				d.text(x+dispLabelW, base, ":")
			}
			d.text(x+dispLabelW+2.5, base, line)
			y += dispLH
		}
	}
}

// tickBox draws a box of side 3.4 mm with its top-left at x, y, crossed
// with a bold X when ticked.
func (d *doc) tickBox(x, y float64, ticked bool) {
	d.SetLineWidth(0.25)
	d.Rect(x, y, 3.4, 3.4, "D")
	if ticked {
		d.font(styleBold, 9)
		d.textCenter(x+1.7, y+2.95, "X")
	}
}

// natureRow writes "Sifat" with the four natures as tick boxes.
func (d *doc) natureRow(y, x, w float64, nature string) float64 {
	const h = 7.0
	y = d.need(y, h)
	d.SetLineWidth(0.3)
	d.Rect(x, y, w, h, "D")
	d.font(styleRegular, dispFS)
	d.text(x+2, y+4.7, "Sifat")
	d.text(x+dispLabelW, y+4.7, ":")
	cx := x + dispLabelW + 3
	for _, n := range natures {
		d.tickBox(cx, y+1.8, n == nature)
		d.font(styleRegular, dispFS)
		if n == nature {
			d.font(styleBold, dispFS)
		}
		d.text(cx+5, y+4.7, n)
		cx += 5 + d.width(n) + 9
	}
	return y + h
}
