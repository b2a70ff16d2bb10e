package pdf

import (
	"strings"
	"time"

	"naskah/letters"
)

// dispositionBody writes the three columns: Diteruskan kepada, Isi
// Disposisi (tick list, free text, due date) and the disposer's block.
func (d *doc) dispositionBody(y float64, s letters.DispositionSheet, loc *time.Location) float64 {
	x0, w := d.mx, d.pw-2*d.mx
	c1, c2 := 58.0, 77.0
	c3 := w - c1 - c2
	d.font(styleRegular, dispFS)
	var to []string
	for i, t := range s.To {
		for j, line := range d.wrap(t, c1-9) {
			prefix := "   "
			if j == 0 {
				prefix = itoa(i+1) + "."
			}
			to = append(to, prefix+"\x00"+line)
		}
	}
	ticked := map[string]bool{}
	var free []string
	for _, in := range s.Instructions {
		in = strings.TrimSpace(in)
		std := false
		for _, si := range StandardInstructions {
			if strings.EqualFold(in, si) || strings.EqualFold(in, strings.TrimPrefix(strings.ToLower(si), "untuk ")) {
				ticked[si], std = true, true
			}
		}
		if !std && in != "" {
			free = append(free, d.wrap(in, c2-6)...)
		}
	}
	instrH := float64(len(StandardInstructions))*dispLH + 1
	if len(free) > 0 {
		instrH += dispLH + float64(len(free))*dispLH
	}
	if s.Due != nil {
		instrH += dispLH * 1.5
	}
	byLines := d.wrap(s.By.Position, c3-4)
	byH := 2*dispLH + float64(len(byLines))*dispLH + 13 + dispLH
	if s.By.NIP != "" {
		byH += dispLH
	}
	h := 6.5 + max(float64(len(to))*dispLH, instrH, byH-6.5) + 2
	y = d.need(y, h)
	d.SetLineWidth(0.3)
	d.Rect(x0, y, c1, h, "D")
	d.Rect(x0+c1, y, c2, h, "D")
	d.Rect(x0+c1+c2, y, c3, h, "D")
	d.font(styleBold, dispFS)
	d.text(x0+2, y+4.6, "Diteruskan kepada Sdr.:")
	d.text(x0+c1+2, y+4.6, "Isi Disposisi:")

	ty := y + 6.5
	d.font(styleRegular, dispFS)
	for _, t := range to {
		num, line, _ := strings.Cut(t, "\x00")
		d.text(x0+2, ty+dispLH*0.78, num)
		d.text(x0+8, ty+dispLH*0.78, line)
		ty += dispLH
	}

	iy := y + 6.5
	for _, si := range StandardInstructions {
		d.tickBox(x0+c1+2, iy+0.5, ticked[si])
		d.font(styleRegular, dispFS)
		if ticked[si] {
			d.font(styleBold, dispFS)
		}
		d.text(x0+c1+7.5, iy+dispLH*0.78, si)
		iy += dispLH
	}
	if len(free) > 0 {
		iy += 1
		d.font(styleBold, dispFS)
		d.text(x0+c1+2, iy+dispLH*0.78, "Catatan:")
		iy += dispLH
		d.font(styleRegular, dispFS)
		for _, line := range free {
			d.text(x0+c1+4, iy+dispLH*0.78, line)
			iy += dispLH
		}
	}
	if s.Due != nil {
		iy += dispLH * 0.5
		d.font(styleRegular, dispFS)
		d.text(x0+c1+2, iy+dispLH*0.78, "Batas waktu: "+longDate(*s.Due, loc))
	}
	d.disposer(x0+c1+c2, y, c3, s.By, s.At, byLines, loc)
	return y + h
}

// disposer writes the date, the position, the paraf mark, the name and the
// NIP of the one who disposed.
func (d *doc) disposer(x, y, w float64, by letters.Official, at time.Time, pos []string, loc *time.Location) {
	cx := x + w/2
	d.font(styleRegular, dispFS)
	ty := y + 4.6
	d.textCenter(cx, ty, "Tanggal: "+letters.FormatDateTime(at.In(loc)))
	ty += dispLH * 1.3
	for _, line := range pos {
		d.textCenter(cx, ty, line)
		ty += dispLH
	}
	// The paraf mark: the disposer's initials in a small dashed frame.
	mark := initials(by.Name)
	d.font(styleBold, 13)
	mw := max(d.width(mark)+6, 16)
	d.SetDashPattern([]float64{0.8, 0.6}, 0)
	d.SetLineWidth(0.2)
	d.Rect(cx-mw/2, ty-1.2, mw, 9, "D")
	d.SetDashPattern(nil, 0)
	d.textCenter(cx, ty+5.3, mark)
	d.font(styleRegular, 6)
	d.textCenter(cx, ty+9.8, "paraf")
	ty += 13 + dispLH*0.6
	d.font(styleBold, dispFS)
	for _, line := range d.wrap(by.Name, w-4) {
		d.textCenter(cx, ty, line)
		lw := d.width(line)
		d.SetLineWidth(0.2)
		d.Line(cx-lw/2, ty+0.7, cx+lw/2, ty+0.7)
		ty += dispLH
	}
	if by.NIP != "" {
		d.font(styleRegular, dispFS)
		d.textCenter(cx, ty, "NIP. "+by.NIP)
	}
}

// cascade writes the earlier dispositions of the letter as a table: No,
// Tanggal, Dari, Kepada, Isi Disposisi. Rows continue on the next sheet.
func (d *doc) cascade(y float64, lines []letters.DispositionSheetLine, loc *time.Location) float64 {
	const fs, lh = 7.5, 3.5
	x0, w := d.mx, d.pw-2*d.mx
	cols := []float64{7, 27, 42, 42, w - 7 - 27 - 42 - 42}
	heads := []string{"No", "Tanggal", "Dari", "Kepada", "Isi Disposisi"}
	header := func(y float64) float64 {
		d.font(styleBold, fs)
		d.SetFillColor(235, 235, 235)
		x := x0
		for i, cw := range cols {
			d.Rect(x, y, cw, 5, "FD")
			d.text(x+1.5, y+3.5, heads[i])
			x += cw
		}
		return y + 5
	}
	y = d.need(y, 5+5+lh+2)
	d.font(styleBold, dispFS)
	d.text(x0, y+3.5, "Riwayat Disposisi")
	y = header(y + 5)
	for i, ln := range lines {
		d.font(styleRegular, fs)
		cells := [][]string{
			{itoa(i+1) + "."},
			{ln.At.In(loc).Format("02-01-2006 15.04")},
			d.wrap(ln.By, cols[2]-3),
			d.wrap(ln.To, cols[3]-3),
			d.wrap(ln.Instruction, cols[4]-3),
		}
		n := 1
		for _, c := range cells {
			n = max(n, len(c))
		}
		h := float64(n)*lh + 1.6
		if ny := d.need(y, h); ny != y {
			y = header(ny)
		}
		d.SetLineWidth(0.2)
		x := x0
		d.font(styleRegular, fs)
		for j, cw := range cols {
			d.Rect(x, y, cw, h, "D")
			for k, line := range cells[j] {
				d.text(x+1.5, y+0.8+lh*0.8+float64(k)*lh, line)
			}
			x += cw
		}
		y += h
	}
	return y
}
