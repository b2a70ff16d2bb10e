package pdf

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
)

// The fonts are DejaVu Sans Condensed as shipped in the gofpdf module (see
// fonts/README). They cover Latin with all its accents, Greek and Cyrillic.
//
//go:embed fonts/DejaVuSansCondensed.ttf
var regularTTF []byte

//go:embed fonts/DejaVuSansCondensed-Bold.ttf
var boldTTF []byte

// Why the fonts are not added with gofpdf's AddUTF8FontFromBytes: that call
// parses the whole TTF (and JSON-encodes 65,536 widths to name it) and, when
// the document is written, subsets it, builds a 128 KB CID map and compresses
// both again, in every document. A short page in two styles costs 15–25 ms
// that way (BenchmarkFontStrategies); gofpdf cannot hand a parsed UTF-8 font
// from one document to the next.
//
// Instead each style is cut, once per process, into "planes" of at most 223
// glyphs. Each plane is an ordinary single-byte TrueType font with its own
// encoding: plane 0 is Windows-1252 (ASCII, é, ñ, “ ” – —, €), the others map
// the codes 33–255 to further glyphs by name (/uni014D for ō) through a PDF
// /Differences array. A plane's font program is gofpdf's own subset of just
// its glyphs, compressed once; gofpdf copies those bytes into each document
// that uses the plane, and text is written run by run in the plane of each
// rune. The same short page costs about 1.1 ms; a document embeds only the
// planes its text uses (plane 0 is about 20 KB a style), and a plane no
// document has used yet is built on first use (tens of milliseconds, once).

const (
	styleRegular = 0
	styleBold    = 1
	firstCode    = 33 // codes of planes 1…: '!' to 0xFF
	planeSize    = 256 - firstCode
)

// glyph says where a rune is printed: plane and byte code, with its advance
// in thousandths of an em for each style.
type glyph struct {
	plane int
	code  byte
	w     [2]int
}

type face struct {
	name    string // PostScript name
	ttf     []byte
	metrics *sfnt
}

// plane is one single-byte font: the runes of its codes, and per style the
// font definition and compressed font program, built on first use.
type plane struct {
	index int
	runes [256]rune
	once  [2]sync.Once
	def   [2][]byte
	file  [2][]byte
	err   [2]error
}

type fontSet struct {
	faces  [2]face
	ascii  [128]glyph
	glyphs map[rune]glyph
	planes []*plane
}

var loadFonts = sync.OnceValues(func() (*fontSet, error) {
	fs := &fontSet{glyphs: map[rune]glyph{}}
	for i, f := range []struct {
		name string
		ttf  []byte
	}{{"DejaVuSansCondensed", regularTTF}, {"DejaVuSansCondensed-Bold", boldTTF}} {
		m, err := parseSFNT(f.ttf)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.name, err)
		}
		fs.faces[i] = face{name: f.name, ttf: f.ttf, metrics: m}
	}
	fs.assign()
	// Plane 0 is in every document: build it now so that the first document
	// is as fast as the others and a broken font fails NewRenderer.
	for style := range fs.faces {
		if _, _, err := fs.font(0, style); err != nil {
			return nil, err
		}
	}
	return fs, nil
})

// cp1252High maps the codes 0x80–0x9F of Windows-1252 to runes.
var cp1252High = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}

// assign gives every rune of the regular face a plane and a code.
func (fs *fontSet) assign() {
	p0 := &plane{}
	for c := 32; c < 256; c++ {
		r := rune(c)
		switch {
		case c == 0x7F:
			r = 0
		case c >= 0x80 && c < 0xA0:
			r = cp1252High[c-0x80]
		}
		if r != 0 {
			p0.runes[c] = r
			fs.add(r, glyph{plane: 0, code: byte(c)})
		}
	}
	fs.planes = append(fs.planes, p0)

	var rest []rune
	for r := range fs.faces[styleRegular].metrics.glyphs {
		if _, done := fs.glyphs[r]; done || r < 0xA0 || (r >= 0xD800 && r < 0xF900) || r >= 0xFFF0 {
			continue
		}
		rest = append(rest, r)
	}
	slices.Sort(rest)
	for len(rest) > 0 {
		n := min(planeSize, len(rest))
		p := &plane{index: len(fs.planes)}
		for i, r := range rest[:n] {
			p.runes[firstCode+i] = r
			fs.add(r, glyph{plane: p.index, code: byte(firstCode + i)})
		}
		fs.planes = append(fs.planes, p)
		rest = rest[n:]
	}
}

func (fs *fontSet) add(r rune, g glyph) {
	for style := range fs.faces {
		g.w[style], _ = fs.faces[style].metrics.width(r)
	}
	fs.glyphs[r] = g
	if r < 128 {
		fs.ascii[r] = g
	}
}

// lookup returns the glyph of r; runes the fonts lack print as '?'.
func (fs *fontSet) lookup(r rune) glyph {
	if r >= 0 && r < 128 {
		if g := fs.ascii[r]; g.code != 0 {
			return g
		}
	} else if g, ok := fs.glyphs[r]; ok {
		return g
	}
	return fs.ascii['?']
}

// font returns the gofpdf font definition (JSON) and compressed font program
// of plane i in style, building them on first use.
func (fs *fontSet) font(i, style int) (def, file []byte, err error) {
	p := fs.planes[i]
	p.once[style].Do(func() {
		p.def[style], p.file[style], p.err[style] = fs.build(p, style)
	})
	return p.def[style], p.file[style], p.err[style]
}

// fontDef mirrors the JSON font definition gofpdf reads in AddFontFromBytes.
type fontDef struct {
	Tp   string
	Name string
	Desc struct {
		Ascent, Descent, CapHeight, Flags int
		FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
		ItalicAngle, StemV, MissingWidth  int
	}
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
}

func (fs *fontSet) build(p *plane, style int) ([]byte, []byte, error) {
	f := fs.faces[style]
	var runes []rune
	for _, r := range p.runes {
		if r != 0 {
			runes = append(runes, r)
		}
	}
	file, size, err := subsetFont(f, runes)
	if err != nil {
		return nil, nil, fmt.Errorf("font %s plane %d: %w", f.name, p.index, err)
	}
	m := f.metrics
	var d fontDef
	d.Tp = "TrueType"
	d.Name = subsetTag(p.index, style) + "+" + f.name
	d.Desc.Ascent, d.Desc.Descent = m.scale(m.ascent), m.scale(m.descent)
	d.Desc.CapHeight = m.scale(m.capHeight)
	if d.Desc.CapHeight == 0 {
		d.Desc.CapHeight = d.Desc.Ascent
	}
	d.Desc.Flags = 1 << 5 // nonsymbolic: codes map to glyphs by name
	d.Desc.FontBBox.Xmin, d.Desc.FontBBox.Ymin = m.scale(m.xMin), m.scale(m.yMin)
	d.Desc.FontBBox.Xmax, d.Desc.FontBBox.Ymax = m.scale(m.xMax), m.scale(m.yMax)
	d.Desc.ItalicAngle = m.italicAngle
	d.Desc.StemV = 70
	if style == styleBold {
		d.Desc.StemV = 120
	}
	d.Desc.MissingWidth = m.scale(int(m.advances[0]))
	d.Up, d.Ut = m.scale(m.underlinePos), m.scale(m.underlineThick)
	d.Cw = make([]int, 256)
	for c, r := range p.runes {
		if r == 0 {
			d.Cw[c] = d.Desc.MissingWidth
		} else {
			d.Cw[c], _ = m.width(r)
		}
	}
	d.Enc = "cp1252"
	if p.index > 0 {
		d.Diff = fmt.Sprint(firstCode)
		for _, r := range p.runes[firstCode:] {
			if r == 0 {
				d.Diff += " /.notdef"
			} else {
				d.Diff += fmt.Sprintf(" /uni%04X", r)
			}
		}
	}
	d.File = fmt.Sprintf("%s-%d.z", f.name, p.index) // ".z": gofpdf marks it FlateDecode
	d.OriginalSize = size
	def, err := json.Marshal(&d)
	return def, file, err
}

// subsetTag is the six capital letters PDF puts before a subset's name.
func subsetTag(plane, style int) string {
	n := plane*2 + style
	tag := []byte("NSKAAA")
	for i := 5; i >= 3 && n > 0; i-- {
		tag[i] = byte('A' + n%26)
		n /= 26
	}
	return string(tag)
}
