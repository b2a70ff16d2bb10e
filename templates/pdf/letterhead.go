package pdf

import (
	"bytes"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
)

const logoH = 24.0 // mm

// letterhead writes the kop surat at the top of the current page: the parent
// government, the office's name in bold capitals, one line of address and
// contacts, and a thick and a thin rule. logo, when not empty, is a PNG set
// on the left. It returns the y below the rules.
func (d *doc) letterhead(o letters.Office, logo []byte) float64 {
	left, right := d.mx, d.pw-d.mx
	y := marginTop
	if len(logo) > 0 {
		opt := gofpdf.ImageOptions{ImageType: "PNG"}
		info := d.RegisterImageOptionsReader("logo", opt, bytes.NewReader(logo))
		if info != nil && info.Height() > 0 {
			logoW := min(logoH*info.Width()/info.Height(), 40)
			d.ImageOptions("logo", d.mx, y, logoW, logoH, false, opt, 0, "")
			left = d.mx + logoW + 4
		}
	}
	cx, w := (left+right)/2, right-left

	write := func(lines []string) {
		for _, line := range lines {
			y += d.lineHeight()
			d.textCenter(cx, y-d.lineHeight()*0.25, line)
		}
	}
	if o.Parent != "" {
		d.font(styleRegular, 13)
		write(d.wrap(strings.ToUpper(o.Parent), w))
	}
	d.font(styleBold, 15)
	write(d.wrap(strings.ToUpper(o.Name), w))
	if parts := contactParts(o); len(parts) > 0 {
		y += 0.8
		d.font(styleRegular, 8.5)
		write(d.wrapParts(parts, " · ", w))
	}
	if len(logo) > 0 {
		y = max(y, marginTop+logoH)
	}
	y += 2.2
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.8)
	d.Line(d.mx, y, d.pw-d.mx, y)
	d.SetLineWidth(0.25)
	d.Line(d.mx, y+1.2, d.pw-d.mx, y+1.2)
	return y + 1.2
}

// contactParts are the address and contacts of the letterhead, e.g.
// "Jl. A. Yani, Pontianak", "Telepon (0561) 736541", "Pos-el
// bkad@kalbarprov.go.id", "Laman bkad.kalbarprov.go.id".
func contactParts(o letters.Office) []string {
	var parts []string
	addr := strings.TrimSpace(o.Address)
	if o.City != "" && !strings.Contains(strings.ToLower(addr), strings.ToLower(o.City)) {
		if addr != "" {
			addr += ", "
		}
		addr += o.City
	}
	if addr != "" {
		parts = append(parts, addr)
	}
	if o.Phone != "" {
		parts = append(parts, "Telepon "+o.Phone)
	}
	if o.Email != "" {
		parts = append(parts, "Pos-el "+o.Email)
	}
	if o.Website != "" {
		parts = append(parts, "Laman "+o.Website)
	}
	return parts
}
