package letters

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Number is one issued number of a document type in a year. Seq is the
// running number; Suffix is "" for a normal number and "a", "b"… for a number
// inserted after Seq (617.a sits between 617 and 618).
type Number struct {
	ID        int64     `json:"id"`
	Document  string    `json:"document"`
	Year      int       `json:"year"`
	Seq       int       `json:"seq"`
	Suffix    string    `json:"suffix,omitempty"`
	Formatted string    `json:"formatted"`
	Entity    string    `json:"entity,omitempty"` // what the number was given to, e.g. "letter"
	EntityID  int64     `json:"entity_id,omitempty"`
	IssuedAt  time.Time `json:"issued_at"`
}

// Display is the running part as printed: "617" or "617.a".
func (n *Number) Display() string {
	if n.Suffix == "" {
		return strconv.Itoa(n.Seq)
	}
	return strconv.Itoa(n.Seq) + "." + n.Suffix
}

// NumberService hands out document numbers: gapless and unique per document
// type and year, reset every year, safe under concurrent use.
type NumberService interface {
	// IssueNumber takes the next number of document type doc for the year of
	// the current time in the office's zone. EINVALID for an unknown type.
	IssueNumber(ctx context.Context, doc, entity string, entityID int64) (*Number, error)
	// InsertNumber takes the next inserted number after seq in year
	// (617.a, then 617.b). EINVALID when seq has not been issued yet.
	InsertNumber(ctx context.Context, doc string, year, seq int, entity string, entityID int64) (*Number, error)
	// FindNumbers lists the numbers of a type and year in order.
	FindNumbers(ctx context.Context, doc string, year int) ([]*Number, error)
}

// NumberFields are the fields a number format may use. Fields other than
// the computed ones must be given a value in the document's Fields.
var NumberFields = map[string]bool{
	"nomor": true, "tahun": true, "bulan": true, "bulan_romawi": true, "tanggal": true,
	"unit": false, "klasifikasi": false, "kode": false,
}

// NumberFormat is a parsed format such as "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}".
type NumberFormat struct {
	parts []formatPart
}

type formatPart struct {
	literal string
	field   string
}

// ParseNumberFormat parses f. It is EINVALID when a brace is unbalanced, a
// field is unknown or {nomor} is missing.
func ParseNumberFormat(f string) (*NumberFormat, error) {
	nf := &NumberFormat{}
	hasNomor := false
	rest := f
	for rest != "" {
		i := strings.IndexAny(rest, "{}")
		if i < 0 {
			nf.parts = append(nf.parts, formatPart{literal: rest})
			break
		}
		if rest[i] == '}' {
			return nil, Errorf(EINVALID, "Format nomor %q: kurung kurawal '}' tanpa pasangan.", f)
		}
		if i > 0 {
			nf.parts = append(nf.parts, formatPart{literal: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, Errorf(EINVALID, "Format nomor %q: kurung kurawal '{' tidak ditutup.", f)
		}
		name := rest[i+1 : i+j]
		if _, ok := NumberFields[name]; !ok {
			return nil, Errorf(EINVALID, "Format nomor %q: isian {%s} tidak dikenal (yang dikenal: nomor, tahun, bulan, bulan_romawi, tanggal, unit, klasifikasi, kode).", f, name)
		}
		if name == "nomor" {
			hasNomor = true
		}
		nf.parts = append(nf.parts, formatPart{field: name})
		rest = rest[i+j+1:]
	}
	if !hasNomor {
		return nil, Errorf(EINVALID, "Format nomor %q tidak memuat {nomor}.", f)
	}
	return nf, nil
}

// Fields returns the fields the format uses, in order.
func (nf *NumberFormat) Fields() []string {
	var out []string
	for _, p := range nf.parts {
		if p.field != "" {
			out = append(out, p.field)
		}
	}
	return out
}

// Format renders a number issued at t (in the office's zone) with the fixed
// field values given.
func (nf *NumberFormat) Format(display string, t time.Time, fixed map[string]string) string {
	var b strings.Builder
	for _, p := range nf.parts {
		switch p.field {
		case "":
			b.WriteString(p.literal)
		case "nomor":
			b.WriteString(display)
		case "tahun":
			b.WriteString(strconv.Itoa(t.Year()))
		case "bulan":
			b.WriteString(strconv.Itoa(int(t.Month())))
		case "bulan_romawi":
			b.WriteString(RomanMonth(t.Month()))
		case "tanggal":
			b.WriteString(strconv.Itoa(t.Day()))
		default:
			b.WriteString(fixed[p.field])
		}
	}
	return b.String()
}

var romanMonths = [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// RomanMonth returns the month in Roman numerals, as offices write it.
func RomanMonth(m time.Month) string { return romanMonths[m-1] }

// InsertSuffix returns the suffix of the n-th number inserted after one seq
// (0 → "a", 25 → "z", 26 → "aa").
func InsertSuffix(n int) string {
	s := ""
	for n >= 0 {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
	}
	return s
}
