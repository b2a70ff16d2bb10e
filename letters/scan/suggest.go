package scan

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"naskah/letters"
)

// Suggest finds the details of an official letter in its text: the sending
// office from the letterhead, Nomor, the place and date, Sifat, Lampiran,
// Hal/Perihal and the addressee. It tolerates what OCR does to a letter
// (a colon read as a semicolon, O for 0 in a number, lost indentation) and
// never fails: what it cannot find stays empty.
func Suggest(text string) letters.Suggestion {
	lines := splitLines(text)
	var s letters.Suggestion
	head := headerEnd(lines)
	s.Letterhead, s.Origin = letterhead(lines[:head])

	for i := head; i < len(lines); i++ {
		line := lines[i]
		if labelOnly(line) {
			// "Hal" on its own line, its value below: ": Penyampaian …".
			if j := nextNonBlank(lines, i+1); j > 0 && strings.HasPrefix(lines[j], ":") {
				line += " " + lines[j]
				lines[i], lines[j] = line, ""
			}
		}
		switch {
		case s.Number == "" && numberRe.MatchString(line):
			s.Number = cleanNumber(group(numberRe, line))
			if s.Number == "" && i+1 < len(lines) && strings.Contains(lines[i+1], "/") {
				s.Number = cleanNumber(lines[i+1])
			}
		case s.Nature == "" && natureRe.MatchString(line):
			s.Nature = cleanNature(natureRe.FindStringSubmatch(line)[1])
		case s.Enclosure == "" && enclosureRe.MatchString(line):
			s.Enclosure = cleanEnclosure(enclosureRe.FindStringSubmatch(line)[1])
		case s.Subject == "" && subjectRe.MatchString(line):
			s.Subject = subject(lines, i, group(subjectRe, line))
		case s.Addressee == "" && addresseeRe.MatchString(line):
			s.Addressee = addressee(lines, i, addresseeRe.FindStringSubmatch(line)[1])
		}
		if s.Date == nil {
			if place, d, ok := findDate(line); ok {
				s.Place, s.Date = place, &d
			}
		}
	}
	s.Number = agreeMonth(s.Number, s.Date)
	return s
}

var romanMonths = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

// agreeMonth corrects the Roman month of a number by the letter's date: a
// number is given in the month the letter is dated, so "…/XII/2026" on a
// letter of 16 November 2026 is OCR's "XI" (one stroke too many or few).
func agreeMonth(number string, date *time.Time) string {
	parts := strings.Split(number, "/")
	n := len(parts)
	if date == nil || n < 3 || !yearRe.MatchString(parts[n-1]) {
		return number
	}
	want := romanMonths[date.Month()-1]
	if got := parts[n-2]; got != want && romanish.MatchString(got) && editDistance(got, want) == 1 {
		parts[n-2] = want
	}
	return strings.Join(parts, "/")
}

var (
	// The labels of the letter's header block. OCR may read ":" as ";" or
	// ".", or drop it.
	numberRe    = regexp.MustCompile(`(?i)^(?:n[o0]m[o0]r|nomer)\b\s*[:;.,]?\s*(.*)$|^(?i:no)\s*[.:;]\s*(.*)$`)
	natureRe    = regexp.MustCompile(`(?i)^sifat\s*[:;.,]?\s*(.*)$`)
	enclosureRe = regexp.MustCompile(`(?i)^(?:lampiran|lamp\.?)\s*[:;.,]?\s*(.*)$`)
	subjectRe   = regexp.MustCompile(`(?i)^(?:hal|perihal|perlhal|perihai)\s*[:;.,]\s*(.*)$|^(?i:perihal)\s+(.*)$|^(?i:hal|perihal)\s+[-–1l|!]\s+(.*)$`)
	addresseeRe = regexp.MustCompile(`(?i)^(?:kepada\s*:?\s*)?(?:yth|ytn|yt h)\s*[.,:;]?\s*(.*)$`)
	kepadaRe    = regexp.MustCompile(`(?i)^kepada\s*[:.]?\s*$`)
	labelRe     = regexp.MustCompile(`(?i)^(?:nomor|sifat|lampiran|hal|perihal|yth|kepada|tembusan|dengan hormat)\b`)
	diRe        = regexp.MustCompile(`(?i)^(?:di|di-|di\.|di -)\s*$|^di\s*[-–]?\s*tempat\b|^tempat\b|^di[-–]?\s+\S+(?:\s+\S+)?$`)
)

var strayCount = regexp.MustCompile(`^[\d.,\s]*?\s*\b(\d+ \(\pL+\).*)$`)

var countStroke = regexp.MustCompile(`^(\d+)\s*[|lI]?\s*\(`)

var labelOnlyRe = regexp.MustCompile(`(?i)^(?:nomor|sifat|lampiran|hal|perihal)\s*[:;]?$`)

// labelOnly reports whether line is a header label without its value.
func labelOnly(line string) bool { return labelOnlyRe.MatchString(line) }

// nextNonBlank returns the index of the first non-blank line from i within
// three lines, or -1.
func nextNonBlank(lines []string, i int) int {
	for j := i; j < len(lines) && j < i+3; j++ {
		if lines[j] != "" {
			return j
		}
	}
	return -1
}

// group returns the value a label regexp captured: its only group that
// took part in the match.
func group(re *regexp.Regexp, line string) string {
	m := re.FindStringSubmatch(line)
	return strings.Join(m[1:], "")
}

// splitLines returns the trimmed lines, blank lines kept as "".
func splitLines(text string) []string {
	raw := strings.Split(strings.ReplaceAll(text, "\r", ""), "\n")
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\f", "")), " ")
		out = append(out, l)
	}
	return out
}

// headerEnd returns the index of the first line after the letterhead: the
// first label line, date line or rule, searching the top of the letter.
func headerEnd(lines []string) int {
	for i, l := range lines {
		if i > 12 {
			break
		}
		if labelRe.MatchString(l) || numberRe.MatchString(l) && strings.Contains(l, "/") {
			return i
		}
		if _, _, ok := findDate(l); ok {
			return i
		}
		if isRule(l) {
			return i + 1
		}
	}
	// No recognisable header: assume no letterhead.
	return 0
}

// isRule reports whether l is the line under a letterhead as OCR reads it.
func isRule(l string) bool {
	if len(l) < 3 {
		return false
	}
	for _, r := range l {
		if !strings.ContainsRune("-_=—–~ ", r) {
			return false
		}
	}
	return true
}

// addressWords mark letterhead lines that give the address, not the name.
var addressWords = regexp.MustCompile(`(?i)\b(?:jalan|jl\.?|telepon|telp\.?|tlp|faks|fax|laman|pos-el|e-?mail|surel|website|kode pos|http|www)\b|@|\(0\d+\)`)

// letterhead returns the letterhead lines and the sending office in them:
// the capitalised name lines, without the address and contact lines. Under a
// "PEMERINTAH …" line the office is the line(s) after it.
func letterhead(lines []string) ([]string, string) {
	var head, names []string
	address := false
	for _, l := range lines {
		if l == "" || isRule(l) {
			continue
		}
		head = append(head, l)
		// The name comes before the address; what follows the address is
		// the rule or specks read as letters.
		address = address || addressWords.MatchString(l)
		if !address && mostlyUpper(l) {
			names = append(names, strings.TrimLeftFunc(l, func(r rune) bool { return !unicode.IsLetter(r) }))
		}
	}
	if len(names) > 1 && strings.HasPrefix(strings.ToUpper(names[0]), "PEMERINTAH") {
		names = names[1:]
	}
	return head, titleCase(strings.Join(names, " "))
}

// mostlyUpper reports whether at least 80 % of l's letters are capitals and
// it has at least four letters.
func mostlyUpper(l string) bool {
	up, all := 0, 0
	for _, r := range l {
		if r >= 'A' && r <= 'Z' {
			up++
			all++
		} else if r >= 'a' && r <= 'z' {
			all++
		}
	}
	return all >= 4 && up*5 >= all*4
}

// cleanValue trims separators OCR leaves around a value.
func cleanValue(v string) string {
	v = strings.TrimSpace(v)
	v = strings.Trim(v, "\"'“”‘’`")
	v = strings.TrimLeft(v, ":;., ")
	v = strings.TrimRight(v, " ;,")
	v = strings.ReplaceAll(v, "—", "-")
	v = strings.ReplaceAll(v, "–", "-")
	return strings.TrimSpace(v)
}

// cleanEnclosure writes "none" as "-" however OCR drew the dash.
func cleanEnclosure(v string) string {
	v = cleanValue(v)
	if v != "" && strings.Trim(v, "-=_~—–.") == "" {
		return "-"
	}
	// Lampiran is a count with its unit ("1 (satu) berkas") or a dash; a
	// value of one or two characters, or a short one without a digit, is
	// the dash as OCR read it.
	if n := len([]rune(v)); n <= 2 || n <= 4 && !strings.ContainsAny(v, "0123456789") {
		return "-"
	}
	// "3|(tiga) berkas": a stroke OCR saw between the count and its words;
	// "1.2 (dua) lembar": a speck read before the count.
	v = countStroke.ReplaceAllString(v, "$1 (")
	if m := strayCount.FindStringSubmatch(v); m != nil {
		v = m[1]
	}
	return v
}

// subject returns the Hal value and the lines that continue it.
func subject(lines []string, i int, first string) string {
	parts := []string{cleanValue(first)}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		l := lines[j]
		if l == "" || labelRe.MatchString(l) || addresseeRe.MatchString(l) || kepadaRe.MatchString(l) || isRule(l) {
			break
		}
		if _, _, ok := findDate(l); ok {
			break
		}
		parts = append(parts, l)
	}
	v := strings.Join(parts, " ")
	return strings.TrimRight(strings.TrimSpace(v), " .;,")
}

// addressee returns the Yth. value and its continuation, up to "di".
func addressee(lines []string, i int, first string) string {
	var parts []string
	if v := cleanValue(first); v != "" {
		parts = append(parts, v)
	}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		l := lines[j]
		if l == "" && len(parts) > 0 {
			break
		}
		if l == "" {
			continue
		}
		if diRe.MatchString(l) || labelRe.MatchString(l) {
			break
		}
		parts = append(parts, l)
	}
	return strings.TrimRight(strings.Join(parts, " "), " ,;")
}

// Small words kept in lower case and acronyms kept in capitals when a
// capitalised letterhead is shown in title case.
var (
	smallWords = map[string]bool{"dan": true, "di": true, "ke": true, "dari": true, "untuk": true,
		"serta": true, "atas": true}
	acronyms = map[string]bool{"RI": true, "DPRD": true, "BKAD": true, "BPKAD": true, "BPKD": true,
		"NTT": true, "NTB": true, "UPT": true, "UPTD": true, "RSUD": true, "SMA": true, "SMK": true,
		"SMP": true, "SD": true, "PT": true, "CV": true, "BPS": true, "BPJS": true, "PDAM": true,
		"KPP": true, "BUMD": true, "OPD": true, "SKPD": true, "TNI": true, "POLRI": true, "II": true,
		"III": true, "IV": true, "BPBD": true, "BAPPEDA": true, "KPU": true, "DKI": true, "BUMN": true}
)

// titleCase writes a capitalised name as "Badan Keuangan dan Aset Daerah";
// a name already in mixed case is left alone.
func titleCase(s string) string {
	if !mostlyUpper(s) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.Trim(w, ".,()")
		switch {
		case acronyms[core] || !strings.ContainsAny(core, "AEIOU"):
			// kept
		case i > 0 && smallWords[strings.ToLower(w)]:
			words[i] = strings.ToLower(w)
		default:
			lw := []rune(strings.ToLower(w))
			for k, r := range lw {
				if r >= 'a' && r <= 'z' {
					lw[k] = r - 'a' + 'A'
					break
				}
			}
			words[i] = string(lw)
		}
	}
	return strings.Join(words, " ")
}

// parseDate is time.Date at noon UTC, so the day survives any zone.
func parseDate(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != time.Month(m) || y < 1945 || y > 2100 {
		return time.Time{}, false
	}
	return t, true
}
