package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/jung-kurt/gofpdf"
)

// subsetFont returns a TrueType font holding only the glyphs of runes (and
// .notdef), zlib-compressed, and its uncompressed size. It lets gofpdf do the
// subsetting through its public API: a scratch document writes the runes in
// the UTF-8 font, and its one embedded font program is the subset. The
// result is checked to be a TrueType font mapping every rune asked for.
func subsetFont(face face, runes []rune) ([]byte, int, error) {
	f := gofpdf.New("P", "pt", "A4", "")
	f.SetCompression(false) // leaves the font program the only /Length1 stream
	f.AddUTF8FontFromBytes("s", "", face.ttf)
	f.AddPage()
	f.SetFont("s", "", 10)
	f.Text(10, 10, string(runes))
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	file, size, err := fontProgram(out.Bytes())
	if err != nil {
		return nil, 0, err
	}
	zr, err := zlib.NewReader(bytes.NewReader(file))
	if err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	if len(raw) != size {
		return nil, 0, fmt.Errorf("subset: font program is %d bytes, /Length1 says %d", len(raw), size)
	}
	m, err := parseSFNT(raw)
	if err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	for _, r := range runes {
		_, want := face.metrics.glyphs[r]
		if _, got := m.glyphs[r]; want && !got {
			return nil, 0, fmt.Errorf("subset: U+%04X missing from the subset", r)
		}
	}
	// gofpdf compresses for speed; this is done once, so compress hard.
	var small bytes.Buffer
	zw, err := zlib.NewWriterLevel(&small, zlib.BestCompression)
	if err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, 0, fmt.Errorf("subset: %w", err)
	}
	return small.Bytes(), size, nil
}

// fontProgram finds the one embedded font program of a gofpdf document:
// "<</Length N\n/Filter /FlateDecode\n/Length1 M\n>>\nstream\n…".
func fontProgram(doc []byte) ([]byte, int, error) {
	errNone := errors.New("subset: no font program in the scratch document")
	i := bytes.Index(doc, []byte("/Length1 "))
	if i < 0 || bytes.Count(doc, []byte("/Length1 ")) != 1 {
		return nil, 0, errNone
	}
	size, err := number(doc[i+len("/Length1 "):])
	if err != nil {
		return nil, 0, errNone
	}
	j := bytes.LastIndex(doc[:i], []byte("<</Length "))
	if j < 0 {
		return nil, 0, errNone
	}
	n, err := number(doc[j+len("<</Length "):])
	if err != nil {
		return nil, 0, errNone
	}
	k := bytes.Index(doc[i:], []byte(">>\nstream\n"))
	if k < 0 {
		return nil, 0, errNone
	}
	start := i + k + len(">>\nstream\n")
	if start+n > len(doc) {
		return nil, 0, errNone
	}
	return bytes.Clone(doc[start : start+n]), size, nil
}

func number(b []byte) (int, error) {
	end := 0
	for end < len(b) && b[end] >= '0' && b[end] <= '9' {
		end++
	}
	return strconv.Atoi(string(b[:end]))
}
