package scan

import (
	"sort"
	"strconv"
	"strings"
)

// ocrWord is one word of Tesseract's TSV output.
type ocrWord struct {
	block, par, line int
	left, top, w, h  int
	text             string
}

// parseTSV reads the words of Tesseract's TSV output and the page width.
func parseTSV(tsv string) (words []ocrWord, pageWidth int) {
	for _, row := range strings.Split(tsv, "\n") {
		f := strings.Split(row, "\t")
		if len(f) < 12 {
			continue
		}
		n := make([]int, 10)
		ok := true
		for i := range n {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				ok = false
				break
			}
			n[i] = v
		}
		if !ok {
			continue
		}
		switch n[0] {
		case 1:
			pageWidth = n[8]
		case 5:
			if t := strings.TrimSpace(f[11]); t != "" {
				words = append(words, ocrWord{block: n[2], par: n[3], line: n[4], left: n[6], top: n[7], w: n[8], h: n[9], text: t})
			}
		}
	}
	return words, pageWidth
}

// layoutText rebuilds the text from the words in reading order. Tesseract
// orders text by the blocks it found, which in a letter puts the pieces of
// one header row in different places; here the words are put back in rows
// by their position on the (deskewed) page, top to bottom, left to right.
//
// The "Kepada Yth. …" block that older letters put right of Nomor, Sifat,
// Lampiran and Hal would then be glued to those rows: a row is cut where a
// wide gap is followed by a word in the right part of the page, and the
// right-hand pieces (with the right-only rows that follow them) are written
// as their own block after the rows they stood beside. A blank line marks a
// wider gap between rows than usual.
func layoutText(words []ocrWord, pageWidth int) string {
	if len(words) == 0 {
		return ""
	}
	slope := skew(words)
	type placed struct {
		ocrWord
		y float64 // centre, deskewed
	}
	ps := make([]placed, len(words))
	heights := make([]int, len(words))
	for i, w := range words {
		ps[i] = placed{w, float64(w.top) + float64(w.h)/2 - slope*float64(w.left)}
		heights[i] = w.h
	}
	sort.Ints(heights)
	tol := float64(heights[len(heights)/2]) * 0.6
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].y < ps[j].y })

	// Rows: words whose centres lie within tol of the row's first word.
	type row struct {
		y     float64
		words []ocrWord
	}
	var rows []row
	for _, p := range ps {
		if n := len(rows); n > 0 && p.y-rows[n-1].y <= tol {
			rows[n-1].words = append(rows[n-1].words, p.ocrWord)
			continue
		}
		rows = append(rows, row{y: p.y, words: []ocrWord{p.ocrWord}})
	}
	pitches := make([]float64, 0, len(rows))
	for i := 1; i < len(rows); i++ {
		pitches = append(pitches, rows[i].y-rows[i-1].y)
	}
	sort.Float64s(pitches)
	pitch := tol * 3
	if len(pitches) > 0 {
		pitch = pitches[len(pitches)/2]
	}

	rightEdge := pageWidth * 55 / 100
	var out, side []string
	flush := func() {
		if len(side) > 0 {
			out = append(out, "")
			out = append(out, side...)
			out = append(out, "")
			side = nil
		}
	}
	for i, r := range rows {
		ws := r.words
		sort.Slice(ws, func(i, j int) bool { return ws[i].left < ws[j].left })
		h := 0
		for _, w := range ws {
			h = max(h, w.h)
		}
		cut := len(ws)
		for k := 1; k < len(ws); k++ {
			gap := ws[k].left - (ws[k-1].left + ws[k-1].w)
			if pageWidth > 0 && ws[k].left > rightEdge && gap > 3*h/2 {
				cut = k
				break
			}
		}
		left, right := join(ws[:cut]), join(ws[cut:])
		if !hasWordChar(left + right) {
			continue // a speck or a rule read as punctuation
		}
		rightOnly := pageWidth > 0 && ws[0].left > rightEdge
		wide := i > 0 && r.y-rows[i-1].y > pitch*1.5
		switch {
		case right != "":
			if wide && len(side) == 0 {
				out = append(out, "")
			}
			out = append(out, left)
			side = append(side, right)
		case rightOnly && len(side) > 0:
			side = append(side, left)
		default:
			flush()
			if wide && len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			out = append(out, left)
		}
	}
	flush()
	return strings.Join(out, "\n")
}

// skew estimates the page's slope (dy/dx) from Tesseract's own lines: the
// median over lines of five words or more of the slope of their word tops.
func skew(words []ocrWord) float64 {
	type key struct{ block, par, line int }
	lines := map[key][]ocrWord{}
	for _, w := range words {
		k := key{w.block, w.par, w.line}
		lines[k] = append(lines[k], w)
	}
	var slopes []float64
	for _, ws := range lines {
		if len(ws) < 5 {
			continue
		}
		// Least squares of the word centres.
		var sx, sy, sxx, sxy float64
		for _, w := range ws {
			x, y := float64(w.left+w.w/2), float64(w.top+w.h/2)
			sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
		}
		n := float64(len(ws))
		if d := n*sxx - sx*sx; d > 0 {
			if sl := (n*sxy - sx*sy) / d; sl > -0.05 && sl < 0.05 { // within 3°
				slopes = append(slopes, sl)
			}
		}
	}
	if len(slopes) == 0 {
		return 0
	}
	sort.Float64s(slopes)
	return slopes[len(slopes)/2]
}

func join(ws []ocrWord) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

func hasWordChar(s string) bool { return countWordChars(s) > 0 }
