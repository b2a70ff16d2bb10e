package letters

import (
	"slices"
	"time"
)

// ReportCount is one line of a recap: the cases of one channel, category,
// position, status or month.
type ReportCount struct {
	Code       string `json:"code"`
	Label      string `json:"label"`
	Received   int    `json:"received"`
	Completed  int    `json:"completed"`
	InProgress int    `json:"in_progress"`
	Overdue    int    `json:"overdue"`
}

// ReportSummary is the Ringkasan of a report: the totals of every case of a
// period as they stand at AsOf. Build it with NewReportSummary, Add each case
// and call Finish.
type ReportSummary struct {
	Period Period    `json:"period"`
	AsOf   time.Time `json:"as_of"`

	Received       int `json:"received"`        // every case received in the period
	Completed      int `json:"completed"`       // delivered or closed
	InProgress     int `json:"in_progress"`     // still open (Received − Completed)
	Overdue        int `json:"overdue"`         // open and past the deadline at AsOf
	Escalated      int `json:"escalated"`       // escalated at some time
	WithinDeadline int `json:"within_deadline"` // completed no later than the deadline

	// WithinDeadlineRate is WithinDeadline / Completed (0 to 1); 0 when none
	// is completed.
	WithinDeadlineRate float64 `json:"within_deadline_rate"`
	// AvgWorkingDays and MedianWorkingDays are over the completed cases.
	AvgWorkingDays    float64 `json:"avg_working_days"`
	MedianWorkingDays float64 `json:"median_working_days"`

	ByChannel  []ReportCount `json:"by_channel"`  // the profile's channels in its order, then unknown ones
	ByCategory []ReportCount `json:"by_category"` // pengaduan, aspirasi, permintaan informasi
	ByHandler  []ReportCount `json:"by_handler"`  // positions handling the cases
	ByStatus   []ReportCount `json:"by_status"`   // every status in lifecycle order (see StatusLines)
	ByMonth    []ReportCount `json:"by_month"`    // every month of the period; Code is "2026-10"

	profile *Profile
	cal     *Calendar
	days    []int
	index   map[*[]ReportCount]map[string]int
}

// NewReportSummary starts the summary of period at asOf. Every channel,
// category and month is listed even with no case, so an empty period still
// shows its recap.
func NewReportSummary(p *Profile, cal *Calendar, period Period, asOf time.Time) *ReportSummary {
	s := &ReportSummary{Period: period, AsOf: asOf, profile: p, cal: cal,
		index: map[*[]ReportCount]map[string]int{}}
	for _, ch := range p.Channels {
		s.line(&s.ByChannel, ch.Code, ch.Name)
	}
	for _, c := range Categories {
		if c.Code != CategorySurat {
			s.line(&s.ByCategory, c.Code, c.Label)
		}
	}
	for _, m := range period.Months() {
		s.line(&s.ByMonth, m.String(), MonthName(time.Month(m.N)))
	}
	for _, st := range Statuses {
		s.line(&s.ByStatus, string(st), st.Label())
	}
	return s
}

// line returns the line with code in list, appending it when new.
func (s *ReportSummary) line(list *[]ReportCount, code, label string) *ReportCount {
	idx := s.index[list]
	if idx == nil {
		idx = map[string]int{}
		s.index[list] = idx
	}
	i, ok := idx[code]
	if !ok {
		i = len(*list)
		idx[code] = i
		*list = append(*list, ReportCount{Code: code, Label: label})
	}
	return &(*list)[i]
}

// Add counts c and returns its outcome.
func (s *ReportSummary) Add(c *ReportCase) CaseOutcome {
	o := c.Outcome(s.cal, s.AsOf)
	s.Received++
	if o.Completed {
		s.Completed++
		if o.WithinDeadline {
			s.WithinDeadline++
		}
		if c.CompletedAt != nil {
			s.days = append(s.days, o.WorkingDays)
		}
	} else {
		s.InProgress++
	}
	if o.Overdue {
		s.Overdue++
	}
	if o.Escalated {
		s.Escalated++
	}
	handler := o.Handler
	handlerLabel := s.profile.PositionTitle(handler)
	if handler == "" {
		handlerLabel = "(belum ditentukan)"
	}
	month, _ := PeriodAt(PeriodMonthly, c.ReceivedAt, s.cal.Location())
	for _, l := range []*ReportCount{
		s.line(&s.ByChannel, c.Channel, s.channelName(c.Channel)),
		s.line(&s.ByCategory, c.Category, categoryLabel(c.Category)),
		s.line(&s.ByHandler, handler, handlerLabel),
		s.line(&s.ByMonth, month.String(), MonthName(time.Month(month.N))),
		s.line(&s.ByStatus, string(c.Status), c.Status.Label()),
	} {
		l.Received++
		if o.Completed {
			l.Completed++
		} else {
			l.InProgress++
		}
		if o.Overdue {
			l.Overdue++
		}
	}
	return o
}

// Finish computes the rate and the average and median working days.
func (s *ReportSummary) Finish() {
	if s.Completed > 0 {
		s.WithinDeadlineRate = float64(s.WithinDeadline) / float64(s.Completed)
	}
	if n := len(s.days); n > 0 {
		slices.Sort(s.days)
		sum := 0
		for _, d := range s.days {
			sum += d
		}
		s.AvgWorkingDays = float64(sum) / float64(n)
		if n%2 == 1 {
			s.MedianWorkingDays = float64(s.days[n/2])
		} else {
			s.MedianWorkingDays = float64(s.days[n/2-1]+s.days[n/2]) / 2
		}
	}
	s.days = nil
}

// StatusLines returns the status lines that have cases.
func (s *ReportSummary) StatusLines() []ReportCount {
	var out []ReportCount
	for _, l := range s.ByStatus {
		if l.Received > 0 {
			out = append(out, l)
		}
	}
	return out
}

func (s *ReportSummary) channelName(code string) string {
	if ch := s.profile.Channel(code); ch != nil {
		return ch.Name
	}
	return code
}

func categoryLabel(code string) string {
	for _, c := range Categories {
		if c.Code == code {
			return c.Label
		}
	}
	return code
}
