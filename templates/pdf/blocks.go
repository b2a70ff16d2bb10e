package pdf

// segment is a piece of a row's value in one style; each segment starts on
// its own line.
type segment struct {
	style int
	text  string
}

// plain is a value of one line of regular text (wrapped as needed).
func plain(s string) []segment { return []segment{{styleRegular, s}} }

// Columns of a label : value row, in mm, at 10 pt.
const (
	labelW = 52.0
	colonX = marginX + labelW
	valueX = colonX + 3.5
	valueW = pageW - marginX - valueX
	rowLH  = 5.2
)

// row writes a label, a colon and a value wrapped to the value column, line
// by line so that a long value continues on the next page.
func (d *doc) row(y float64, label string, value []segment) float64 {
	d.font(styleRegular, 10)
	labels := d.wrap(label, labelW-1)
	var vals []segment
	for _, seg := range value {
		d.font(seg.style, 10)
		for _, line := range d.wrap(seg.text, valueW) {
			vals = append(vals, segment{seg.style, line})
		}
	}
	y += 1.6
	for i := 0; i < max(len(labels), len(vals)); i++ {
		y = d.need(y, rowLH)
		base := y + rowLH*0.72
		d.font(styleRegular, 10)
		if i < len(labels) {
			d.text(marginX, base, labels[i])
		}
		if i == 0 {
			d.text(colonX, base, ":")
		}
		if i < len(vals) {
			d.font(vals[i].style, 10)
			d.text(valueX, base, vals[i].text)
		}
		y += rowLH
	}
	return y
}

// note writes a small paragraph across the page.
func (d *doc) note(y float64, s string) float64 {
	d.font(styleRegular, 8.5)
	for _, line := range d.wrap(s, contentW) {
		y = d.need(y, d.lineHeight())
		y += d.lineHeight()
		d.text(marginX, y-1, line)
	}
	return y
}

// signatures writes the complainant's and the receiving clerk's signature
// blocks side by side.
func (d *doc) signatures(y float64, place string, clerk Official) {
	const space = 20.0
	y = d.need(y, 42)
	left, right := marginX+35, pageW-marginX-42
	d.font(styleRegular, 10)
	d.textCenter(right, y, place)
	y += 5.5
	d.textCenter(left, y, "Pengadu,")
	d.textCenter(right, y, "Petugas Penerima,")
	y += space
	d.textCenter(left, y, "(.................................)")
	if clerk.Name == "" {
		d.textCenter(right, y, "(.................................)")
		return
	}
	d.font(styleBold, 10)
	d.textCenter(right, y, clerk.Name)
	w := d.width(clerk.Name)
	d.SetLineWidth(0.25)
	d.Line(right-w/2, y+1, right+w/2, y+1)
	d.font(styleRegular, 10)
	if clerk.Position != "" {
		for _, line := range d.wrap(clerk.Position, 80) {
			y += 4.8
			d.textCenter(right, y, line)
		}
	}
	if clerk.NIP != "" {
		d.textCenter(right, y+4.8, "NIP. "+clerk.NIP)
	}
}
