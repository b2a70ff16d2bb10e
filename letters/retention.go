package letters

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Retention is how long an office keeps the personal data of a finished
// case, from its archive schedule (Jadwal Retensi Arsip, JRA): complaint
// files are usually kept 2 years active after the case is finished. After
// that, `naskah retention --erase` removes the complainant's identity while
// the case itself (agenda number, dates, channel, category, status,
// deadlines) stays, so every report keeps its figures. Give years or days,
// not both.
type Retention struct {
	ClosedCasesYears int `yaml:"closed_cases_years"`
	ClosedCasesDays  int `yaml:"closed_cases_days"`
}

// MaxRetentionYears bounds a retention period (a typo guard).
const MaxRetentionYears = 100

// ErasedMark replaces erased personal data in names and free text.
const ErasedMark = "(dihapus)"

// Validate checks the retention setting. The paths start at "retention".
func (r *Retention) Validate() []ValidationError {
	if r == nil {
		return nil
	}
	var errs []ValidationError
	add := func(key, format string, args ...any) {
		errs = append(errs, ValidationError{Path: []string{"retention", key}, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case r.ClosedCasesYears < 0:
		add("closed_cases_years", "masa retensi (retention.closed_cases_years) tidak boleh negatif: %d", r.ClosedCasesYears)
	case r.ClosedCasesYears > MaxRetentionYears:
		add("closed_cases_years", "masa retensi (retention.closed_cases_years) %d tahun terlalu lama (paling lama %d tahun)", r.ClosedCasesYears, MaxRetentionYears)
	}
	switch {
	case r.ClosedCasesDays < 0:
		add("closed_cases_days", "masa retensi (retention.closed_cases_days) tidak boleh negatif: %d", r.ClosedCasesDays)
	case r.ClosedCasesDays > MaxRetentionYears*366:
		add("closed_cases_days", "masa retensi (retention.closed_cases_days) %d hari terlalu lama (paling lama %d tahun)", r.ClosedCasesDays, MaxRetentionYears)
	}
	if len(errs) > 0 {
		return errs
	}
	if r.ClosedCasesYears > 0 && r.ClosedCasesDays > 0 {
		add("closed_cases_days", "masa retensi (retention) diisi dalam tahun (closed_cases_years) atau hari (closed_cases_days), tidak keduanya")
	} else if r.ClosedCasesYears == 0 && r.ClosedCasesDays == 0 {
		errs = append(errs, ValidationError{Path: []string{"retention"},
			Message: "masa retensi (retention) harus diisi: closed_cases_years (tahun) atau closed_cases_days (hari), lebih dari 0"})
	}
	return errs
}

// String is the period as a user reads it: "2 tahun", "90 hari".
func (r *Retention) String() string {
	if r == nil {
		return "belum ditetapkan"
	}
	if r.ClosedCasesYears > 0 {
		return fmt.Sprintf("%d tahun", r.ClosedCasesYears)
	}
	return fmt.Sprintf("%d hari", r.ClosedCasesDays)
}

// Cutoff returns the moment before which a case must have finished to be
// past retention at now: cases completed at or before it are due.
func (r *Retention) Cutoff(now time.Time) time.Time {
	if r.ClosedCasesYears > 0 {
		return now.AddDate(-r.ClosedCasesYears, 0, 0)
	}
	return now.AddDate(0, 0, -r.ClosedCasesDays)
}

// RetentionYear counts the due cases completed in one year.
type RetentionYear struct {
	Year  int `json:"year"`
	Cases int `json:"cases"`
}

// RetentionReport is what is due at Cutoff: finished cases (delivered or
// closed) completed at or before it whose personal data is still kept.
type RetentionReport struct {
	Cutoff time.Time       `json:"cutoff"`
	Due    int             `json:"due"`
	Oldest *time.Time      `json:"oldest,omitempty"` // the earliest completion among the due cases
	ByYear []RetentionYear `json:"by_year"`          // by year of completion, oldest first
	Erased int             `json:"erased"`           // cases erased before (any time), for context
}

// RetentionResult is what an erase run did.
type RetentionResult struct {
	Cutoff      time.Time `json:"cutoff"`
	Cases       int       `json:"cases"`       // cases whose personal data was erased now
	Attachments int       `json:"attachments"` // attachment records removed
	Files       int       `json:"files"`       // files removed from disk (no longer referenced)
	Messages    int       `json:"messages"`    // email messages whose raw body and sender were erased
}

// RetentionService reports and erases personal data past retention.
type RetentionService interface {
	// RetentionDue reports the cases due at cutoff, changing nothing.
	RetentionDue(ctx context.Context, cutoff time.Time) (*RetentionReport, error)
	// ErasePersonalData erases the personal data of every case due at
	// cutoff, one audited transaction per case. Running it again changes
	// nothing. EUNAUTHORIZED without a user in ctx.
	ErasePersonalData(ctx context.Context, cutoff time.Time) (*RetentionResult, error)
}

// ScrubText replaces every occurrence of the given personal values in text
// by ErasedMark: case-insensitively, on word boundaries, and for values made
// of digits (NIK, phone) whatever spaces, dots or dashes stand between the
// digits. Values shorter than 3 characters are ignored (they would match
// ordinary words).
func ScrubText(text string, values ...string) string {
	for _, v := range values {
		if re := scrubPattern(v); re != nil {
			text = re.ReplaceAllLiteralString(text, ErasedMark)
		}
	}
	return text
}

// scrubPattern builds the pattern for one value, nil when there is none.
func scrubPattern(v string) *regexp.Regexp {
	v = strings.TrimSpace(v)
	if len([]rune(v)) < 3 {
		return nil
	}
	var digits []string
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, string(r))
		case r == '+' || r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			digits = nil
			goto text
		}
	}
	if len(digits) >= 6 {
		return regexp.MustCompile(`\+?` + strings.Join(digits, `[\s.\-()]*`))
	}
	if len(digits) > 0 {
		return nil
	}
text:
	parts := strings.Fields(v)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	pat := `(?i)` + strings.Join(parts, `\s+`)
	if isWordChar(v[0]) {
		pat = `(?i)\b` + pat[4:]
	}
	if isWordChar(v[len(v)-1]) {
		pat += `\b`
	}
	return regexp.MustCompile(pat)
}

func isWordChar(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
