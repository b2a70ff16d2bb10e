package pdf

import (
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"
)

const ptToMM = 25.4 / 72

// doc is one document being written: a gofpdf page in millimetres with the
// renderer's fonts. Text goes through doc, never straight to gofpdf, so that
// every rune is printed in its plane's font (see fonts.go).
type doc struct {
	*gofpdf.Fpdf
	fs    *fontSet
	added map[[2]int]bool // plane, style registered in this document
	style int
	size  float64 // points
	buf   []byte
	ref   string // names the document atop continuation pages
	// Page width and height and side margin in mm: A4 and marginX unless
	// the document is made with newDocSize.
	pw, ph, mx float64
	// Size (points) and line pitch (mm) of letter text; see paragraph.go.
	bodyFS, bodyLH float64
}

func (r *Renderer) newDoc(title, author string) *doc {
	return r.newDocSize(title, author, pageW, pageH, marginX)
}

// newDocSize starts a portrait document of w × h mm with side margins mx.
func (r *Renderer) newDocSize(title, author string, w, h, mx float64) *doc {
	f := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: w, Ht: h},
	})
	f.SetMargins(mx, marginTop, mx)
	f.SetAutoPageBreak(false, 0)
	// Page streams stay uncompressed: gofpdf makes a new 1 MB zlib writer for
	// every stream (the page, the QR palette), which costs more than half the
	// time of a receipt; the pages are a few kilobytes of text operators.
	f.SetCompression(false)
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("Naskah", true)
	f.AddPage()
	d := &doc{Fpdf: f, fs: r.fonts, added: map[[2]int]bool{}, pw: w, ph: h, mx: mx, bodyFS: bodySize, bodyLH: bodyLH}
	d.font(styleRegular, 10)
	return d
}

// font selects the style and size (in points) of the text that follows.
func (d *doc) font(style int, size float64) { d.style, d.size = style, size }

// lineHeight is a comfortable line pitch for the current size, in mm.
func (d *doc) lineHeight() float64 { return d.size * ptToMM * 1.3 }

// width of s in the current font, in mm.
func (d *doc) width(s string) float64 {
	w := 0
	for _, r := range s {
		w += d.fs.lookup(clean(r)).w[d.style]
	}
	return float64(w) / 1000 * d.size * ptToMM
}

// text writes s on one line with its baseline at y.
func (d *doc) text(x, y float64, s string) {
	scale := d.size * ptToMM / 1000
	cur := -1
	start := x
	flush := func() {
		if len(d.buf) > 0 {
			d.usePlane(cur)
			d.Text(start, y, string(d.buf))
			d.buf = d.buf[:0]
		}
	}
	for _, r := range s {
		g := d.fs.lookup(clean(r))
		if g.plane != cur {
			flush()
			cur, start = g.plane, x
		}
		d.buf = append(d.buf, g.code)
		x += float64(g.w[d.style]) * scale
	}
	flush()
}

// usePlane registers plane p in the current style with this document on
// first use and selects it.
func (d *doc) usePlane(p int) {
	key := [2]int{p, d.style}
	family := "p" + itoa(p)
	if !d.added[key] {
		def, file, err := d.fs.font(p, d.style)
		if err != nil {
			d.SetError(err)
			return
		}
		d.AddFontFromBytes(family, styleName(d.style), def, file)
		d.added[key] = true
	}
	d.SetFont(family, styleName(d.style), d.size) // always writes Tf, so right on any page
}

func styleName(style int) string {
	if style == styleBold {
		return "B"
	}
	return ""
}

// textCenter writes s centred on cx.
func (d *doc) textCenter(cx, y float64, s string) { d.text(cx-d.width(s)/2, y, s) }

// textRight writes s ending at x.
func (d *doc) textRight(x, y float64, s string) { d.text(x-d.width(s), y, s) }

// spaced writes s with extra space of track mm after each rune, so that a
// code printed large reads unambiguously (letter-spacing, as PDF's Tc would).
func (d *doc) spaced(x, y, track float64, s string) {
	for _, r := range s {
		c := string(r)
		d.text(x, y, c)
		x += d.width(c) + track
	}
}

// wrap breaks s into lines no wider than w mm: at spaces where it can, inside
// a word longer than a line where it must. Newlines in s start new lines.
func (d *doc) wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line := ""
		for _, word := range words {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if d.width(try) <= w {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			for d.width(word) > w {
				cut := d.fit(word, w)
				lines = append(lines, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

// wrapParts joins parts with sep into lines no wider than w mm, breaking
// only between parts unless a part alone is too wide.
func (d *doc) wrapParts(parts []string, sep string, w float64) []string {
	var lines []string
	line := ""
	for _, part := range parts {
		if line != "" && d.width(line+sep+part) <= w {
			line += sep + part
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		wrapped := d.wrap(part, w)
		lines = append(lines, wrapped[:len(wrapped)-1]...)
		line = wrapped[len(wrapped)-1]
	}
	return append(lines, line)
}

// fit returns how many bytes of s fit in w mm; at least one rune.
func (d *doc) fit(s string, w float64) int {
	total := 0.0
	for i, r := range s {
		total += d.width(string(r))
		if total > w && i > 0 {
			return i
		}
	}
	return len(s)
}

// clean maps control characters to a space.
func clean(r rune) rune {
	if unicode.IsControl(r) {
		return ' '
	}
	return r
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
