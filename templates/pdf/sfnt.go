package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// sfnt holds the few TrueType tables the renderer needs: advance widths and
// the Unicode cmap, plus the numbers of the PDF font descriptor. It reads the
// embedded fonts once per process; see fonts.go.
type sfnt struct {
	unitsPerEm      int
	xMin, yMin      int
	xMax, yMax      int
	ascent, descent int // OS/2 typographic
	capHeight       int
	italicAngle     int
	underlinePos    int
	underlineThick  int
	advances        []uint16        // by glyph index
	glyphs          map[rune]uint16 // BMP runes to glyph index (cmap 3,1 format 4)
}

var errBadFont = errors.New("pdf: unreadable TrueType font")

func parseSFNT(b []byte) (*sfnt, error) {
	if len(b) < 12 {
		return nil, errBadFont
	}
	tables := map[string][]byte{}
	n := int(u16(b, 4))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errBadFont
		}
		off, size := int(u32(b, rec+8)), int(u32(b, rec+12))
		if off < 0 || size < 0 || off+size > len(b) {
			return nil, errBadFont
		}
		tables[string(b[rec:rec+4])] = b[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "OS/2", "post"} {
		if tables[t] == nil {
			return nil, fmt.Errorf("%w: no %s table", errBadFont, t)
		}
	}
	f := &sfnt{}
	head, hhea, os2, post := tables["head"], tables["hhea"], tables["OS/2"], tables["post"]
	if len(head) < 54 || len(hhea) < 36 || len(os2) < 72 || len(post) < 12 || len(tables["maxp"]) < 6 {
		return nil, errBadFont
	}
	f.unitsPerEm = int(u16(head, 18))
	f.xMin, f.yMin = int(s16(head, 36)), int(s16(head, 38))
	f.xMax, f.yMax = int(s16(head, 40)), int(s16(head, 42))
	f.ascent, f.descent = int(s16(os2, 68)), int(s16(os2, 70))
	if u16(os2, 0) >= 2 && len(os2) >= 90 {
		f.capHeight = int(s16(os2, 88))
	}
	f.italicAngle = int(int32(u32(post, 4)) >> 16)
	f.underlinePos, f.underlineThick = int(s16(post, 8)), int(s16(post, 10))
	if f.unitsPerEm == 0 {
		return nil, errBadFont
	}

	numGlyphs := int(u16(tables["maxp"], 4))
	numMetrics := int(u16(hhea, 34))
	hmtx := tables["hmtx"]
	if numMetrics == 0 || numMetrics > numGlyphs || len(hmtx) < 4*numMetrics {
		return nil, errBadFont
	}
	f.advances = make([]uint16, numGlyphs)
	for g := range f.advances {
		if g < numMetrics {
			f.advances[g] = u16(hmtx, 4*g)
		} else {
			f.advances[g] = f.advances[numMetrics-1]
		}
	}
	var err error
	if f.glyphs, err = parseCmap(tables["cmap"], numGlyphs); err != nil {
		return nil, err
	}
	return f, nil
}

// parseCmap reads the Windows Unicode BMP subtable (platform 3, encoding 1),
// which must be in format 4.
func parseCmap(c []byte, numGlyphs int) (map[rune]uint16, error) {
	if len(c) < 4 {
		return nil, errBadFont
	}
	var sub []byte
	for i := 0; i < int(u16(c, 2)); i++ {
		rec := 4 + 8*i
		if rec+8 > len(c) {
			return nil, errBadFont
		}
		if u16(c, rec) == 3 && u16(c, rec+2) == 1 {
			off := int(u32(c, rec+4))
			if off+14 > len(c) || u16(c, off) != 4 {
				return nil, fmt.Errorf("%w: cmap 3,1 is not format 4", errBadFont)
			}
			sub = c[off:]
			break
		}
	}
	if sub == nil {
		return nil, fmt.Errorf("%w: no Unicode cmap", errBadFont)
	}
	segs := int(u16(sub, 6)) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	if ranges+2*segs > len(sub) {
		return nil, errBadFont
	}
	out := make(map[rune]uint16, numGlyphs)
	for s := 0; s < segs; s++ {
		end, start := int(u16(sub, ends+2*s)), int(u16(sub, starts+2*s))
		delta, rangeOff := int(u16(sub, deltas+2*s)), int(u16(sub, ranges+2*s))
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			g := 0
			if rangeOff == 0 {
				g = (ch + delta) & 0xFFFF
			} else {
				at := ranges + 2*s + rangeOff + 2*(ch-start)
				if at+2 > len(sub) {
					continue
				}
				if g = int(u16(sub, at)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 && g < numGlyphs {
				out[rune(ch)] = uint16(g)
			}
		}
	}
	return out, nil
}

// width is the advance of r in thousandths of an em, and whether the font
// has a glyph for r.
func (f *sfnt) width(r rune) (int, bool) {
	g, ok := f.glyphs[r]
	return f.scale(int(f.advances[g])), ok
}

func (f *sfnt) scale(v int) int {
	x := v * 1000
	if x >= 0 {
		return (x + f.unitsPerEm/2) / f.unitsPerEm
	}
	return -((-x + f.unitsPerEm/2) / f.unitsPerEm)
}

func u16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }
func s16(b []byte, i int) int16  { return int16(binary.BigEndian.Uint16(b[i:])) }
func u32(b []byte, i int) uint32 { return binary.BigEndian.Uint32(b[i:]) }
