package templates

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// The three longest tables of the staff pages — the agenda's 50 letters,
// "Tugas saya"'s 100 tasks and its overdue list — are written here in Go
// rather than by a {{range}} in the view. html/template runs every action
// through reflection and an escaper called by reflection too: about 10 µs a
// row, 2.4 ms for a full "Tugas saya", the largest part of the server's
// work per page under load (issue 8). Written here a row costs well under
// a microsecond. The output is the same bytes html/template would write
// (rows_test.go renders the old {{range}} beside these and compares them,
// fuzzed with hostile text and URLs), so the escaping rules stay
// html/template's: text through htmlText, URLs through attrURL.

// htmlText escapes s for HTML text and quoted attributes exactly as
// html/template's escaper does (NUL, quotes, &, +, <, >).
var htmlText = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;",
).Replace

// attrURL writes u as html/template writes a URL in a quoted href: a URL
// whose scheme is not http, https or mailto becomes "#ZgotmplZ", bytes a
// URL may not hold are percent-encoded, then the result is escaped as
// attribute text.
func attrURL(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if urlKeeps(c) || c == '%' && i+2 < len(u) && isHexDigit(u[i+1]) && isHexDigit(u[i+2]) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return htmlText(b.String())
}

// urlKeeps reports whether html/template's URL normaliser leaves c as it
// is: the unreserved characters of RFC 3986 and its reserved ones but for
// quote and parentheses ('%' only as the start of an escape).
func urlKeeps(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// rowWriter builds a table's rows.
type rowWriter struct{ strings.Builder }

func (w *rowWriter) raw(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

func (w *rowWriter) text(s string) { w.WriteString(htmlText(s)) }

// badge writes a status as the views show it: a coloured label.
func (w *rowWriter) badge(class, label string) {
	w.raw(`<span class="badge `, htmlText(class), `">`, htmlText(label), `</span>`)
}

// agendaRows is {{agendaRows .Rows}} in agenda.html.
func (t *Templates) agendaRows(rows []AgendaRow) template.HTML {
	var w rowWriter
	w.Grow(len(rows) * 600)
	for _, r := range rows {
		id := strconv.FormatInt(r.ID, 10)
		w.raw("\n    <tr")
		if r.Overdue {
			w.raw(` class="late"`)
		}
		w.raw(">\n      <td><a href=\"/surat/", id, `">`)
		if r.AgendaNumber != "" {
			w.text(r.AgendaNumber)
		} else {
			w.raw("(belum diagendakan)")
		}
		w.raw("</a></td>\n      <td>", htmlText(t.date(r.ReceivedAt)), "</td>\n      <td>")
		w.text(r.Channel)
		w.raw("</td>\n      <td><a href=\"/surat/", id, `">`)
		w.text(r.Subject)
		w.raw("</a></td>\n      <td>")
		w.text(r.Complainant)
		w.raw("</td>\n      <td>")
		w.badge(statusClass(r.Status), r.Status.Label())
		w.raw("</td>\n      <td>", htmlText(t.date(r.Deadline)))
		if r.Overdue {
			w.raw(` <strong class="late-mark">terlambat</strong>`)
		}
		w.raw("</td>\n    </tr>")
	}
	return template.HTML(w.String())
}

// taskRows is {{taskRows .Tasks}} in tasks.html.
func (t *Templates) taskRows(rows []TaskRow) template.HTML {
	var w rowWriter
	w.Grow(len(rows) * 500)
	for _, r := range rows {
		w.raw("\n  <tr")
		if r.Deadline.Overdue {
			w.raw(` class="late"`)
		}
		w.raw(">\n    <td><a href=\"", attrURL(r.URL), `">`, htmlText(r.Kind), "</a></td>\n    <td>")
		w.text(r.AgendaNumber)
		w.raw("</td>\n    <td>")
		w.text(r.Subject)
		w.raw("</td>\n    <td>")
		w.text(r.Document)
		w.raw("</td>\n    <td>")
		w.text(r.Position)
		w.raw("</td>\n    <td>", htmlText(t.datetime(r.Deadline.At)), `<br><span class="`)
		if r.Deadline.Overdue {
			w.raw("late-mark")
		} else {
			w.raw("muted")
		}
		w.raw(`">`, htmlText(r.Deadline.Left), "</span></td>\n  </tr>")
	}
	return template.HTML(w.String())
}

// overdueRows is {{overdueRows .Overdue}} in tasks.html.
func (t *Templates) overdueRows(rows []TaskRow) template.HTML {
	var w rowWriter
	w.Grow(len(rows) * 500)
	for _, r := range rows {
		w.raw("\n  <tr class=\"late\">\n    <td><a href=\"", attrURL(r.URL), `">`, htmlText(r.AgendaNumber), "</a></td>\n    <td>")
		w.text(r.Subject)
		w.raw("</td>\n    <td>")
		w.badge(statusClass(r.Status), r.Status.Label())
		w.raw("</td>\n    <td>")
		w.text(r.Position)
		w.raw("</td>\n    <td>", htmlText(t.datetime(r.Deadline.At)), `<br><span class="late-mark">`, htmlText(r.Deadline.Left), "</span></td>\n  </tr>")
	}
	return template.HTML(w.String())
}
