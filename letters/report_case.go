package letters

import (
	"context"
	"time"
)

// ReportCase is one case as a report lists it. It carries no personal data
// beyond what ReportComplainant allows: no NIK, phone, address or email.
type ReportCase struct {
	ID           int64      `json:"id"`
	AgendaNumber string     `json:"agenda_number"`
	ReceivedAt   time.Time  `json:"received_at"`
	Channel      string     `json:"channel"`
	Category     string     `json:"category"`
	Class        string     `json:"class,omitempty"`
	Complainant  string     `json:"complainant"` // as ReportComplainant gives it
	Subject      string     `json:"subject"`
	DisposedTo   []string   `json:"disposed_to,omitempty"` // position codes of the latest disposition
	Holder       string     `json:"holder,omitempty"`      // position that must act next
	Responsible  string     `json:"responsible,omitempty"` // position named on the receipt
	Status       Status     `json:"status"`
	Deadline     time.Time  `json:"deadline"`
	PausedAt     *time.Time `json:"paused_at,omitempty"`
	CompletedAt  *time.Time `json:"completed_at,omitempty"`
	EscalatedAt  *time.Time `json:"escalated_at,omitempty"`
	AnswerNumber string     `json:"answer_number,omitempty"` // number of the answer letter or Berita Acara
}

// ReportService gives the cases a report counts.
type ReportService interface {
	// ReportCases calls fn with each complaint (category pengaduan, aspirasi
	// or permintaan informasi; ordinary letters are not counted) received in
	// period (dates in the office's zone), oldest first, reading them one at a time so that a
	// large period does not fill memory. An error from fn stops the walk and
	// is returned. Complainants come already as ReportComplainant shows them.
	ReportCases(ctx context.Context, period Period, fn func(*ReportCase) error) error
}

// Words a report shows instead of a complainant.
const (
	ReportAnonymous    = "Anonim"
	ReportConfidential = "Dirahasiakan"
)

// ReportComplainant is the complainant as a report may show it, by the
// privacy rule for reports: the name only (or the organisation when there is
// no name), "Dirahasiakan" for a confidential complainant and "Anonim" for an
// anonymous one. NIK, phone, address and email never appear in a report.
func ReportComplainant(p Party) string {
	switch {
	case p.Anonymous:
		return ReportAnonymous
	case p.Confidential:
		return ReportConfidential
	case p.Name != "":
		return p.Name
	case p.Organisation != "":
		return p.Organisation
	}
	return "-"
}

// CaseOutcome is what a report says about one case at a moment (asOf).
type CaseOutcome struct {
	Completed      bool   // delivered or closed
	WorkingDays    int    // working days from receipt to completion (when completed)
	WithinDeadline bool   // completed no later than its deadline
	Overdue        bool   // open, not waiting for the complainant, past its deadline
	Escalated      bool   // escalated at some time
	DaysLate       int    // working days past the deadline: at completion, or at asOf while open
	Handler        string // position handling it: the first target of the latest disposition, else the holder, else the responsible position
}

// Outcome evaluates c at asOf in the office's calendar. Working days are
// counted as WorkingDaysBetween counts them: the day of receipt does not
// count, the day of completion does.
func (c *ReportCase) Outcome(cal *Calendar, asOf time.Time) CaseOutcome {
	o := CaseOutcome{Completed: !c.Status.Open(), Escalated: c.EscalatedAt != nil}
	switch {
	case len(c.DisposedTo) > 0:
		o.Handler = c.DisposedTo[0]
	case c.Holder != "":
		o.Handler = c.Holder
	default:
		o.Handler = c.Responsible
	}
	if o.Completed {
		if c.CompletedAt != nil {
			o.WorkingDays = cal.WorkingDaysBetween(c.ReceivedAt, *c.CompletedAt)
			o.WithinDeadline = c.Deadline.IsZero() || !c.CompletedAt.After(c.Deadline)
			if !o.WithinDeadline {
				o.DaysLate = cal.WorkingDaysBetween(c.Deadline, *c.CompletedAt)
			}
		}
		return o
	}
	o.Overdue = c.PausedAt == nil && !c.Deadline.IsZero() && asOf.After(c.Deadline)
	if o.Overdue {
		o.DaysLate = cal.WorkingDaysBetween(c.Deadline, asOf)
	}
	return o
}

// Late reports whether the case belongs on the list of late cases: overdue
// now, or escalated at some time (even when completed since).
func (o CaseOutcome) Late() bool { return o.Overdue || o.Escalated }
