package templates

import (
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"naskah/letters"
)

// funcs are the functions views may call. Dates are shown in t.Location,
// read at call time, so Location may be set after Parse.
func (t *Templates) funcs() template.FuncMap {
	return template.FuncMap{
		"date":          t.date,
		"datetime":      t.datetime,
		"isodate":       func(v time.Time) string { return v.In(t.loc()).Format("2006-01-02") },
		"size":          FormatSize,
		"categoryLabel": CategoryLabel,
		"statusClass":   statusClass,
		"agendaRows":    t.agendaRows,
		"taskRows":      t.taskRows,
		"overdueRows":   t.overdueRows,
	}
}

func (t *Templates) date(v any) string     { return t.format(v, letters.FormatDate) }
func (t *Templates) datetime(v any) string { return t.format(v, letters.FormatDateTime) }

// statusClass is the CSS class of a status badge.
func statusClass(s letters.Status) string { return "status-" + string(s) }

func (t *Templates) loc() *time.Location {
	if t.Location == nil {
		return time.UTC
	}
	return t.Location
}

// format accepts a time.Time or *time.Time; a zero or nil time is "—".
func (t *Templates) format(v any, f func(time.Time) string) string {
	var tm time.Time
	switch x := v.(type) {
	case time.Time:
		tm = x
	case *time.Time:
		if x != nil {
			tm = *x
		}
	}
	if tm.IsZero() {
		return "—"
	}
	return f(tm.In(t.loc()))
}

// FormatSize writes a file size as Indonesians read it: "512 B", "1,2 MB".
func FormatSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return strings.Replace(fmt.Sprintf("%.1f KB", float64(n)/1024), ".", ",", 1)
	default:
		return strings.Replace(fmt.Sprintf("%.1f MB", float64(n)/(1024*1024)), ".", ",", 1)
	}
}

// CategoryLabel is a category code as a user reads it.
func CategoryLabel(code string) string {
	for _, c := range letters.Categories {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}

// Mask hides all but the last keep characters of s behind "•", so staff can
// tell two numbers apart without reading them: "••••••••••••0001". An empty
// s stays empty.
func Mask(s string, keep int) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return ""
	}
	if n <= keep {
		return strings.Repeat("•", n)
	}
	r := []rune(s)
	return strings.Repeat("•", n-keep) + string(r[n-keep:])
}
