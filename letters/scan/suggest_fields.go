package scan

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var months = []string{"januari", "februari", "maret", "april", "mei", "juni", "juli",
	"agustus", "september", "oktober", "november", "desember"}

// Month abbreviations and English names seen in letters.
var monthAliases = map[string]int{"jan": 1, "feb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6,
	"jul": 7, "agu": 8, "agt": 8, "agust": 8, "sep": 9, "sept": 9, "okt": 10, "nop": 11, "nov": 11,
	"nopember": 11, "des": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6,
	"july": 7, "august": 8, "october": 10, "december": 12}

// dateRe finds "Kupang, 12 Oktober 2026" (place optional) and
// "12-10-2026". The day and year allow the digits OCR mistakes for letters.
var (
	dateRe  = regexp.MustCompile(`(?:^|[\s,:;])(?:([A-Z][\pL .'-]{1,40}?)\s*[,.]\s*)?([0-9OoIlS|]{1,2})\s*[.]?\s+([A-Za-z0][A-Za-z]{2,9})\.?\s+([0-9OoIlS|]{4})\b`)
	numDate = regexp.MustCompile(`(?:^|\s)([0-3]?\d)[-/.]([01]?\d)[-/.]((?:19|20)\d\d)\b`)
)

// findDate finds the first date in line with the place before it.
func findDate(line string) (place string, t time.Time, ok bool) {
	for _, m := range dateRe.FindAllStringSubmatch(line, -1) {
		mon := monthNumber(m[3])
		if mon == 0 {
			continue
		}
		d, err1 := strconv.Atoi(fixDigits(m[2]))
		y, err2 := strconv.Atoi(fixDigits(m[4]))
		if err1 != nil || err2 != nil {
			continue
		}
		if t, ok := parseDate(y, mon, d); ok {
			place = strings.TrimSpace(m[1])
			if strings.EqualFold(place, "tanggal") || strings.EqualFold(place, "tgl") {
				place = ""
			}
			return place, t, true
		}
	}
	if m := numDate.FindStringSubmatch(line); m != nil && strings.Contains(strings.ToLower(line), "tanggal") {
		d, _ := strconv.Atoi(m[1])
		mon, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		if t, ok := parseDate(y, mon, d); ok {
			return "", t, true
		}
	}
	return "", time.Time{}, false
}

// monthNumber returns 1–12 for an Indonesian month name, an abbreviation or
// a name with one OCR mistake; 0 otherwise.
func monthNumber(w string) int {
	w = strings.ToLower(w)
	for i, m := range months {
		if w == m {
			return i + 1
		}
	}
	if n, ok := monthAliases[w]; ok {
		return n
	}
	if len(w) < 4 {
		return 0
	}
	for i, m := range months {
		if len(m) >= 5 && editDistance(w, m) <= 1 {
			return i + 1
		}
	}
	return 0
}

// editDistance is the Levenshtein distance of two short ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fixDigits replaces the letters OCR confuses with digits.
func fixDigits(s string) string {
	return strings.NewReplacer("O", "0", "o", "0", "I", "1", "l", "1", "|", "1", "S", "5").Replace(s)
}

// cleanNumber tidies a letter number as OCR reads it: spaces around the
// slashes and dots go, and within a part that is mostly digits the letters
// OCR confuses with digits become digits ("8OO" → "800"); parts of letters
// ("BKAD", "X", "OR") are kept. A date OCR joined to the line is cut off.
func cleanNumber(v string) string {
	v = strings.TrimLeft(cleanValue(v), "-–— ")
	v = slashSpaces.ReplaceAllString(v, "$1")
	if f := strings.Fields(v); len(f) > 0 {
		v = f[0]
	}
	v = strings.Trim(v, ".,;:")
	if !strings.ContainsAny(v, "/0123456789") {
		return ""
	}
	parts := strings.Split(v, "/")
	// The classification code is dotted: "400-3.4" is OCR's "400.3.4".
	parts[0] = dashInCode.ReplaceAllString(parts[0], "$1.$2")
	for i, p := range parts {
		digits, confusable := 0, 0
		for _, r := range p {
			switch {
			case unicode.IsDigit(r):
				digits++
			case strings.ContainsRune("OoIl|S", r):
				confusable++
			}
		}
		if digits+confusable > 0 && digits+confusable+strings.Count(p, ".") == len(p) {
			parts[i] = fixDigits(p)
		}
	}
	// Before the year, a month in Roman numerals: OCR reads I as 1 or l.
	if n := len(parts); n >= 4 && yearRe.MatchString(parts[n-1]) && romanish.MatchString(parts[n-2]) {
		parts[n-2] = strings.ToUpper(strings.NewReplacer("1", "I", "l", "I", "|", "I").Replace(parts[n-2]))
	}
	return strings.Join(parts, "/")
}

var (
	dashInCode  = regexp.MustCompile(`(\d)[-–](\d)`)
	slashSpaces = regexp.MustCompile(`\s*([/.])\s*`)
	yearRe      = regexp.MustCompile(`^(?:19|20)\d\d$`)
	romanish    = regexp.MustCompile(`^(?:[1Il|]{1,3}|[1Il|]?[VvXx][1Il|]{0,3})$`)
)

// natures are the levels of Sifat a letter may carry.
var natures = []string{"Sangat Segera", "Sangat Rahasia", "Segera", "Biasa", "Penting", "Rahasia", "Terbatas"}

// cleanNature maps an OCR'd Sifat to its canonical spelling, also when a
// speck was read before it ("1 Biasa").
func cleanNature(v string) string {
	v = cleanValue(v)
	lv := strings.ToLower(v)
	for _, n := range natures {
		ln := strings.ToLower(n)
		if lv == ln || strings.HasPrefix(lv, ln+" ") || strings.HasSuffix(lv, " "+ln) || editDistance(lv, ln) <= 1 {
			return n
		}
	}
	return v
}
