package pdf

import (
	"bytes"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
)

// Signature block geometry, in mm.
const (
	sigColW   = 84.0 // width of a signature column
	sigSpace  = 23.0 // height of the space for the signature (holds the QR)
	qrSide    = 21.0
	sigLH     = 5.0
	parafRowH = 6.6
)

// qrCaption is printed beside the QR code of a signed document.
const qrCaption = "Dokumen ini ditandatangani secara elektronik; pindai kode QR untuk memverifikasi"

// sigColumn is one party's signature block: heading lines (e.g. "PIHAK
// PERTAMA,"), the position ending in a comma, the space for the signature
// (with the QR code when qr is set) and the name, bold and underlined,
// with the NIP.
type sigColumn struct {
	cx       float64
	heading  []string
	position string
	official letters.Official
	qr       []byte
	url      string
}

// height is how tall the block is.
func (d *doc) sigHeight(c sigColumn) float64 {
	d.font(styleRegular, d.bodyFS)
	n := len(c.heading) + len(d.wrap(c.position, sigColW))
	h := float64(n)*sigLH + sigSpace + sigLH
	if c.official.NIP != "" {
		h += sigLH
	}
	return h
}

// signature writes the block with its first baseline below y; it returns
// the y below the block.
func (d *doc) signature(y float64, c sigColumn) float64 {
	d.font(styleRegular, d.bodyFS)
	for _, line := range c.heading {
		y += sigLH
		d.textCenter(c.cx, y-1.2, line)
	}
	pos := strings.TrimRight(strings.TrimSpace(c.position), ",")
	if pos != "" {
		pos += ","
	}
	for _, line := range d.wrap(pos, sigColW) {
		y += sigLH
		d.textCenter(c.cx, y-1.2, line)
	}
	if c.qr != nil {
		d.sealQR(c.cx-sigColW/2, y+1, c.qr, c.url)
	}
	y += sigSpace + sigLH
	name := c.official.Name
	if name == "" {
		name = "(.................................)"
		d.textCenter(c.cx, y-1.2, name)
	} else {
		d.font(styleBold, d.bodyFS)
		d.textCenter(c.cx, y-1.2, name)
		w := d.width(name)
		d.SetDrawColor(0, 0, 0)
		d.SetLineWidth(0.25)
		d.Line(c.cx-w/2, y-0.5, c.cx+w/2, y-0.5)
		d.font(styleRegular, d.bodyFS)
	}
	if c.official.NIP != "" {
		y += sigLH
		d.textCenter(c.cx, y-1.2, "NIP. "+c.official.NIP)
	}
	return y
}

// sealQR writes the QR code at x, y with the caption and the verification
// address beside it.
func (d *doc) sealQR(x, y float64, qr []byte, url string) {
	opt := gofpdf.ImageOptions{ImageType: "PNG"}
	d.RegisterImageOptionsReader("qr", opt, bytes.NewReader(qr))
	d.ImageOptions("qr", x, y, qrSide, qrSide, false, opt, 0, "")
	tx, tw := x+qrSide+2.5, sigColW-qrSide-2.5
	d.SetTextColor(60, 60, 60)
	d.font(styleRegular, 7)
	ty := y + 3
	for _, line := range d.wrap(qrCaption, tw) {
		d.text(tx, ty, line)
		ty += 3.1
	}
	d.font(styleRegular, 6.5)
	ty += 0.6
	for _, line := range d.wrap(url, tw) {
		d.text(tx, ty, line)
		ty += 2.9
	}
	d.SetTextColor(0, 0, 0)
	d.font(styleRegular, d.bodyFS)
}

// parafMarks are the chain's paraf steps (drafting and paraf, not the
// signature itself), in chain order.
func parafMarks(all []letters.Paraf) []letters.Paraf {
	var out []letters.Paraf
	for _, p := range all {
		if p.Kind == letters.StepDraft || p.Kind == letters.StepParaf || p.Kind == "" {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b letters.Paraf) int { return a.Step - b.Step })
	return out
}

// parafHeight is the height of the paraf table of n marks.
func parafHeight(n int) float64 {
	if n == 0 {
		return 0
	}
	return 5 + float64(n)*parafRowH
}

// parafTable writes the small table offices put in the corner of the file
// copy: No, Jabatan (short title over the name) and Paraf (initials and
// date). It returns the y below it.
func (d *doc) parafTable(x, y float64, marks []letters.Paraf, loc *time.Location) float64 {
	if len(marks) == 0 {
		return y
	}
	cols := [3]float64{6, 44, 24}
	heads := [3]string{"No", "Jabatan", "Paraf"}
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.2)
	cx := x
	d.font(styleBold, 7)
	for i, w := range cols {
		d.Rect(cx, y, w, 5, "D")
		d.textCenter(cx+w/2, y+3.5, heads[i])
		cx += w
	}
	y += 5
	for i, m := range marks {
		cx = x
		for _, w := range cols {
			d.Rect(cx, y, w, parafRowH, "D")
			cx += w
		}
		d.font(styleRegular, 7)
		d.textCenter(x+cols[0]/2, y+4.2, itoa(i+1)+".")
		short := m.Short
		if short == "" {
			short = m.Official.Position
		}
		d.text(x+cols[0]+1.2, y+2.8, d.clip(short, cols[1]-2.4))
		d.font(styleRegular, 6.2)
		d.text(x+cols[0]+1.2, y+5.6, d.clip(m.Official.Name, cols[1]-2.4))
		px := x + cols[0] + cols[1]
		d.font(styleBold, 8)
		d.textCenter(px+cols[2]/2, y+3.1, initials(m.Official.Name))
		if !m.At.IsZero() {
			d.font(styleRegular, 6.2)
			d.textCenter(px+cols[2]/2, y+5.7, m.At.In(loc).Format("02-01-2006"))
		}
		y += parafRowH
	}
	return y
}

// clip shortens s with an ellipsis to fit w mm in the current font.
func (d *doc) clip(s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// initials is a paraf mark from a name: the first letters of its words,
// without academic and religious titles ("Drs.", "H.", ", M.Si.").
func initials(name string) string {
	if i := strings.Index(name, ","); i > 0 {
		name = name[:i]
	}
	var out []rune
	for _, w := range strings.Fields(name) {
		if strings.HasSuffix(w, ".") && len([]rune(w)) <= 5 {
			continue // Drs., Dr., Ir., H., Hj.
		}
		r := []rune(w)
		if unicode.IsLetter(r[0]) {
			out = append(out, unicode.ToUpper(r[0]))
		}
	}
	if len(out) > 4 {
		out = out[:4]
	}
	return string(out)
}

// watermark writes s large and faint across every page, rising
// diagonally through the page's centre.
func (d *doc) watermark(s string) {
	d.font(styleBold, 100)
	w := d.width(s)
	capH := 100 * ptToMM * 0.73
	for i := 1; i <= d.PageCount(); i++ {
		d.SetPage(i)
		d.SetAlpha(0.22, "Normal")
		d.SetTextColor(150, 150, 150)
		d.TransformBegin()
		d.TransformRotate(50, d.pw/2, d.ph/2)
		d.font(styleBold, 100)
		d.text(d.pw/2-w/2, d.ph/2+capH/2, s)
		d.TransformEnd()
		d.SetAlpha(1, "Normal")
		d.SetTextColor(0, 0, 0)
	}
}
