package letters

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Report period kinds, as profiles write them in reports[].period.
const (
	PeriodMonthly   = "monthly"
	PeriodQuarterly = "quarterly"
	PeriodSemester  = "semester"
	PeriodYearly    = "yearly"
)

// Period is a reporting period: a month, quarter, semester or year. N is the
// month (1–12), quarter (1–4) or semester (1–2) within Year; 0 for a year.
type Period struct {
	Kind string `json:"kind"`
	Year int    `json:"year"`
	N    int    `json:"n"`
}

// periodSpan is the number of months of each kind.
var periodSpan = map[string]int{PeriodMonthly: 1, PeriodQuarterly: 3, PeriodSemester: 6, PeriodYearly: 12}

// periodHelp is the message part that lists the accepted forms.
const periodHelp = "gunakan TTTT-BB (bulan, mis. 2026-10), TTTT-Qn (triwulan, mis. 2026-Q3), TTTT-Sn (semester, mis. 2026-S2) atau TTTT (tahun, mis. 2026)"

// ParsePeriod reads a period as people write it: "2026-10" (October 2026),
// "2026-Q3" (third quarter), "2026-S2" (second semester, July–December) or
// "2026" (the year). Letters may be lower case. EINVALID names the field.
func ParsePeriod(s string) (Period, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	bad := func() (Period, error) {
		return Period{}, Errorf(EINVALID, "Periode laporan %q tidak dikenal: %s.", s, periodHelp)
	}
	yearPart, rest, hasRest := strings.Cut(s, "-")
	year, err := strconv.Atoi(yearPart)
	if err != nil || len(yearPart) != 4 {
		return bad()
	}
	if !hasRest {
		return NewPeriod(PeriodYearly, year, 0)
	}
	kind := PeriodMonthly
	switch {
	case strings.HasPrefix(rest, "Q"):
		kind, rest = PeriodQuarterly, rest[1:]
	case strings.HasPrefix(rest, "S"):
		kind, rest = PeriodSemester, rest[1:]
	}
	n, err := strconv.Atoi(rest)
	if err != nil || rest == "" || strings.HasPrefix(rest, "+") {
		return bad()
	}
	return NewPeriod(kind, year, n)
}

// NewPeriod returns the period of kind with number n in year (n is ignored
// for a year). EINVALID for an unknown kind, a year outside 2000–2999 or an n
// out of range.
func NewPeriod(kind string, year, n int) (Period, error) {
	span, ok := periodSpan[kind]
	if !ok {
		return Period{}, Errorf(EINVALID, "Jenis periode laporan %q tidak dikenal (yang dikenal: monthly, quarterly, semester, yearly).", kind)
	}
	if year < 2000 || year > 2999 {
		return Period{}, Errorf(EINVALID, "Tahun periode laporan %d tidak valid.", year)
	}
	if kind == PeriodYearly {
		return Period{Kind: kind, Year: year}, nil
	}
	if most := 12 / span; n < 1 || n > most {
		names := map[string]string{PeriodMonthly: "Bulan", PeriodQuarterly: "Triwulan", PeriodSemester: "Semester"}
		return Period{}, Errorf(EINVALID, "%s periode laporan harus 1 sampai %d (tertulis %d).", names[kind], most, n)
	}
	return Period{Kind: kind, Year: year, N: n}, nil
}

// PeriodAt returns the period of kind that contains t's date in loc.
func PeriodAt(kind string, t time.Time, loc *time.Location) (Period, error) {
	span, ok := periodSpan[kind]
	if !ok {
		return NewPeriod(kind, 0, 0)
	}
	y, m, _ := t.In(loc).Date()
	if kind == PeriodYearly {
		return NewPeriod(kind, y, 0)
	}
	return NewPeriod(kind, y, (int(m)-1)/span+1)
}

// String is the period as ParsePeriod reads it: "2026-10", "2026-Q3",
// "2026-S2", "2026".
func (p Period) String() string {
	switch p.Kind {
	case PeriodMonthly:
		return fmt.Sprintf("%04d-%02d", p.Year, p.N)
	case PeriodQuarterly:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.N)
	case PeriodSemester:
		return fmt.Sprintf("%04d-S%d", p.Year, p.N)
	}
	return fmt.Sprintf("%04d", p.Year)
}

var romans = [...]string{"", "I", "II", "III", "IV"}

// Label is the period as a report names it: "Oktober 2026", "Triwulan III
// 2026", "Semester II 2026" (Juli–Desember), "Tahun 2026".
func (p Period) Label() string {
	switch p.Kind {
	case PeriodMonthly:
		return MonthName(time.Month(p.N)) + " " + strconv.Itoa(p.Year)
	case PeriodQuarterly:
		return fmt.Sprintf("Triwulan %s %d", romans[p.N], p.Year)
	case PeriodSemester:
		return fmt.Sprintf("Semester %s %d", romans[p.N], p.Year)
	}
	return fmt.Sprintf("Tahun %d", p.Year)
}

// KindLabel names the kind of report: "Bulanan", "Triwulanan",
// "Semesteran", "Tahunan".
func (p Period) KindLabel() string {
	return map[string]string{PeriodMonthly: "Bulanan", PeriodQuarterly: "Triwulanan",
		PeriodSemester: "Semesteran", PeriodYearly: "Tahunan"}[p.Kind]
}

// firstMonth is the period's first month.
func (p Period) firstMonth() time.Month {
	if p.Kind == PeriodYearly {
		return time.January
	}
	return time.Month((p.N-1)*periodSpan[p.Kind] + 1)
}

// Start is midnight of the period's first day in loc.
func (p Period) Start(loc *time.Location) time.Time {
	return time.Date(p.Year, p.firstMonth(), 1, 0, 0, 0, 0, loc)
}

// End is midnight of the day after the period in loc: the period is
// [Start, End).
func (p Period) End(loc *time.Location) time.Time {
	return p.Start(loc).AddDate(0, periodSpan[p.Kind], 0)
}

// Months lists the months of the period, in order.
func (p Period) Months() []Period {
	out := make([]Period, 0, periodSpan[p.Kind])
	first := int(p.firstMonth())
	for i := range periodSpan[p.Kind] {
		out = append(out, Period{Kind: PeriodMonthly, Year: p.Year, N: first + i})
	}
	return out
}

// Next is the period of the same kind that follows p.
func (p Period) Next() Period {
	if p.Kind == PeriodYearly {
		return Period{Kind: p.Kind, Year: p.Year + 1}
	}
	if p.N == 12/periodSpan[p.Kind] {
		return Period{Kind: p.Kind, Year: p.Year + 1, N: 1}
	}
	return Period{Kind: p.Kind, Year: p.Year, N: p.N + 1}
}

// Prev is the period of the same kind before p.
func (p Period) Prev() Period {
	if p.Kind == PeriodYearly {
		return Period{Kind: p.Kind, Year: p.Year - 1}
	}
	if p.N == 1 {
		return Period{Kind: p.Kind, Year: p.Year - 1, N: 12 / periodSpan[p.Kind]}
	}
	return Period{Kind: p.Kind, Year: p.Year, N: p.N - 1}
}
