package templates

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Charts are drawn on the server as inline SVG: no script, no outside
// file, nothing a Content-Security-Policy of 'self' would block (colours are
// presentation attributes, never style attributes). Each chart is an image
// with a title and a description for screen readers (role="img",
// aria-labelledby); the page puts the same numbers in a table beside it.

// Series is one set of bars: a name for the legend and a value per label.
type Series struct {
	Name   string
	Color  string // a fill colour, e.g. "#1f5f8b"
	Values []float64
}

// BarChart is a vertical bar chart with one group of bars per label (e.g.
// received and completed per month).
type BarChart struct {
	ID     string // unique on the page; the ids of the title and description derive from it
	Title  string
	Desc   string
	Labels []string
	Series []Series
}

// HBarChart is a horizontal bar chart: one bar per label (e.g. overdue
// cases per unit); long labels are shortened, the full label is the bar's
// tooltip.
type HBarChart struct {
	ID     string
	Title  string
	Desc   string
	Labels []string
	Values []float64
	Color  string
}

// Meter is a share from 0 to 1 drawn as a filled bar with its percentage
// (e.g. the within-deadline rate).
type Meter struct {
	ID    string
	Title string
	Desc  string
	Value float64 // 0 to 1
	Color string
}

const (
	chartWidth = 560 // drawn at about this many CSS pixels on a desktop; scaled down on a phone
	fontSize   = 14
)

// svgOpen starts an accessible SVG image of height h.
func svgOpen(b *strings.Builder, id, title, desc string, h int) {
	fmt.Fprintf(b, `<svg class="chart" id="%s" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-judul %s-uraian" font-size="%d" font-family="sans-serif">`,
		esc(id), chartWidth, h, chartWidth, h, esc(id), esc(id), fontSize)
	fmt.Fprintf(b, `<title id="%s-judul">%s</title><desc id="%s-uraian">%s</desc>`, esc(id), esc(title), esc(id), esc(desc))
}

// SVG draws the chart.
func (c BarChart) SVG() template.HTML {
	const h, left, right, top, bottom = 280, 40, 8, 36, 30
	var b strings.Builder
	svgOpen(&b, c.ID, c.Title, c.Desc, h)
	most := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			most = max(most, v)
		}
	}
	scale := niceMax(most)
	plotW, plotH := float64(chartWidth-left-right), float64(h-top-bottom)
	// Grid lines and the axis labels.
	for i := 0; i <= 4; i++ {
		v := scale * float64(i) / 4
		y := float64(top) + plotH - plotH*float64(i)/4
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#d5dbe0"/>`, left, chartWidth-right, y, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" fill="#555">%s</text>`, left-6, y+4, FormatNumber(v))
	}
	// The legend, top left.
	x := float64(left)
	for _, s := range c.Series {
		fmt.Fprintf(&b, `<rect x="%.1f" y="8" width="12" height="12" fill="%s"/><text x="%.1f" y="18">%s</text>`, x, esc(s.Color), x+16, esc(s.Name))
		x += 16 + float64(utf8.RuneCountInString(s.Name))*fontSize*0.6 + 20
	}
	n := max(len(c.Labels), 1)
	groupW := plotW / float64(n)
	barW := groupW * 0.7 / float64(max(len(c.Series), 1))
	for i, label := range c.Labels {
		gx := float64(left) + groupW*float64(i) + groupW*0.15
		for j, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			bh := plotH * v / scale
			bx, by := gx+barW*float64(j), float64(top)+plotH-bh
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s, %s: %s</title></rect>`,
				bx, by, barW-2, bh, esc(s.Color), esc(label), esc(s.Name), FormatNumber(v))
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, bx+(barW-2)/2, by-4, FormatNumber(v))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#333">%s</text>`, float64(left)+groupW*(float64(i)+0.5), h-10, esc(label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// SVG draws the chart; an empty chart says so.
func (c HBarChart) SVG() template.HTML {
	const left, right, rowH, top = 190, 40, 30, 8
	h := top*2 + rowH*max(len(c.Labels), 1)
	var b strings.Builder
	svgOpen(&b, c.ID, c.Title, c.Desc, h)
	if len(c.Labels) == 0 {
		fmt.Fprintf(&b, `<text x="%d" y="%d">Tidak ada.</text></svg>`, 8, top+20)
		return template.HTML(b.String())
	}
	most := 0.0
	for _, v := range c.Values {
		most = max(most, v)
	}
	plotW := float64(chartWidth - left - right)
	for i, label := range c.Labels {
		v := 0.0
		if i < len(c.Values) {
			v = c.Values[i]
		}
		y := top + rowH*i
		w := 0.0
		if most > 0 {
			w = plotW * v / most
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" fill="#333">%s</text>`, left-8, y+rowH/2+4, esc(shorten(label, 24)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>`,
			left, y+4, w, rowH-8, esc(c.Color), esc(label), FormatNumber(v))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`, float64(left)+w+6, y+rowH/2+4, FormatNumber(v))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// SVG draws the meter.
func (m Meter) SVG() template.HTML {
	const h, left, right = 56, 8, 8
	var b strings.Builder
	svgOpen(&b, m.ID, m.Title, m.Desc, h)
	v := min(max(m.Value, 0), 1)
	w := float64(chartWidth-left-right) * v
	fmt.Fprintf(&b, `<rect x="%d" y="8" width="%d" height="28" rx="4" fill="#e6eaee"/>`, left, chartWidth-left-right)
	fmt.Fprintf(&b, `<rect x="%d" y="8" width="%.1f" height="28" rx="4" fill="%s"/>`, left, w, esc(m.Color))
	fmt.Fprintf(&b, `<text x="%d" y="52" fill="#333">%s</text>`, left, FormatPercent(v))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// niceMax is the top of the value axis: four grid steps of a round whole
// size (1, 2, 3 or 5 times a power of ten) that reach v; at least 4.
func niceMax(v float64) float64 {
	step := v / 4
	if step <= 1 {
		return 4
	}
	p := math.Pow(10, math.Floor(math.Log10(step)))
	for _, m := range []float64{1, 2, 3, 5, 10} {
		if m*p >= step {
			return 4 * m * p
		}
	}
	return 4 * 10 * p
}

// FormatNumber writes a count or a decimal the Indonesian way: "12", "2,5".
func FormatNumber(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", ",", 1)
}

// FormatPercent writes a share from 0 to 1 as a percentage: "87,5%".
func FormatPercent(v float64) string { return FormatNumber(math.Round(v*1000)/10) + "%" }

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func esc(s string) string { return template.HTMLEscapeString(s) }
