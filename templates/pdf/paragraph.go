package pdf

import (
	"regexp"
	"strings"
)

// Letter text is set at bodySize points with bodyLH mm between lines
// unless a document sets its own (doc.bodyFS, doc.bodyLH).
const (
	bodySize = 11.0
	bodyLH   = 5.4
	paraGap  = 2.4
)

// listMarker matches the start of a list item in drafted text: "1.", "2)",
// "a.", "-", "•".
var listMarker = regexp.MustCompile(`^(\d{1,2}[.)]|[a-z][.)]|[-•])\s+`)

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// splitParagraphs breaks drafted text at blank lines.
func splitParagraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range blankLine.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// body writes paragraphs of drafted text from x to the right margin,
// justified, breaking pages as needed; a paragraph whose lines start with
// list markers is written as a list with hanging indents. It returns the y
// below the last line.
func (d *doc) body(y, x float64, paras []string) float64 {
	w := d.pw - d.mx - x
	for i, p := range paras {
		if i > 0 {
			y += paraGap
		}
		if listMarker.MatchString(p) {
			y = d.list(y, x, w, listItems(p))
			continue
		}
		y = d.justified(y, x, w, strings.Join(strings.Fields(p), " "))
	}
	return y
}

// listItems splits a list paragraph into its marker and text pairs; a line
// without a marker continues the item before it.
func listItems(p string) [][2]string {
	var items [][2]string
	for _, line := range strings.Split(p, "\n") {
		line = strings.TrimSpace(line)
		if m := listMarker.FindString(line); m != "" || len(items) == 0 {
			items = append(items, [2]string{strings.TrimSpace(m), strings.TrimSpace(line[len(m):])})
			continue
		}
		items[len(items)-1][1] += " " + line
	}
	return items
}

// list writes numbered or bulleted items with the text hanging after the
// marker.
func (d *doc) list(y, x, w float64, items [][2]string) float64 {
	const hang = 7.0
	for _, it := range items {
		d.font(styleRegular, d.bodyFS)
		y = d.need(y, d.bodyLH)
		d.text(x, y+d.bodyLH*0.75, it[0])
		y = d.justified(y, x+hang, w-hang, it[1])
	}
	return y
}

// justified writes one paragraph in lines of width w starting at x, every
// line but the last stretched to both margins.
func (d *doc) justified(y, x, w float64, text string) float64 {
	d.font(styleRegular, d.bodyFS)
	lines := d.wrap(text, w)
	space := d.width(" ")
	for i, line := range lines {
		y = d.need(y, d.bodyLH)
		base := y + d.bodyLH*0.75
		words := strings.Fields(line)
		if i == len(lines)-1 || len(words) < 2 {
			d.text(x, base, line)
			y += d.bodyLH
			continue
		}
		total := 0.0
		widths := make([]float64, len(words))
		for j, word := range words {
			widths[j] = d.width(word)
			total += widths[j]
		}
		gap := (w - total) / float64(len(words)-1)
		if gap > 4*space { // a line with few long words: do not stretch it absurdly
			gap = space
		}
		wx := x
		for j, word := range words {
			d.text(wx, base, word)
			wx += widths[j] + gap
		}
		y += d.bodyLH
	}
	return y
}

// labelled writes "label : value" rows with the colon at x+labelW, values
// wrapped to the right margin (or to maxW mm when it is not 0), in size pt;
// bold values when bold is set.
func (d *doc) labelled(y, x, labelW, maxW, size float64, rows [][2]string, bold map[string]bool) float64 {
	lh := size * ptToMM * 1.4
	vx := x + labelW + 3
	w := d.pw - d.mx - vx
	if maxW > 0 {
		w = min(w, maxW)
	}
	for _, r := range rows {
		style := styleRegular
		if bold[r[0]] {
			style = styleBold
		}
		d.font(style, size)
		vals := d.wrap(r[1], w)
		for i, v := range vals {
			y = d.need(y, lh)
			base := y + lh*0.75
			d.font(styleRegular, size)
			if i == 0 {
				d.text(x, base, r[0])
				d.text(x+labelW, base, ":")
			}
			d.font(style, size)
			d.text(vx, base, v)
			y += lh
		}
	}
	return y
}
