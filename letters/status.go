package letters

// Status is where a letter stands in its lifecycle.
type Status string

// The lifecycle of a letter or complaint.
const (
	StatusReceived   Status = "received"   // arrived (e.g. fetched by email), not yet in the agenda
	StatusRegistered Status = "registered" // in the agenda with a number and a deadline
	StatusIncomplete Status = "incomplete" // returned to the complainant; the clock pauses
	StatusVerified   Status = "verified"   // checked complete and valid
	StatusDisposed   Status = "disposed"   // the head has disposed it
	StatusDrafting   Status = "drafting"   // an answer is being drafted
	StatusInReview   Status = "in_review"  // the draft climbs the paraf chain
	StatusSigned     Status = "signed"     // the answer is signed
	StatusNumbered   Status = "numbered"   // the answer has its number
	StatusDelivered  Status = "delivered"  // the answer reached the complainant
	StatusClosed     Status = "closed"
	StatusEscalated  Status = "escalated" // late, escalated as the profile says
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{
	StatusReceived, StatusRegistered, StatusIncomplete, StatusVerified,
	StatusDisposed, StatusDrafting, StatusInReview, StatusSigned,
	StatusNumbered, StatusDelivered, StatusClosed, StatusEscalated,
}

var statusLabels = map[Status]string{
	StatusReceived:   "Diterima",
	StatusRegistered: "Teragenda",
	StatusIncomplete: "Belum lengkap",
	StatusVerified:   "Terverifikasi",
	StatusDisposed:   "Didisposisi",
	StatusDrafting:   "Penyusunan jawaban",
	StatusInReview:   "Paraf berjenjang",
	StatusSigned:     "Ditandatangani",
	StatusNumbered:   "Bernomor",
	StatusDelivered:  "Terkirim",
	StatusClosed:     "Selesai",
	StatusEscalated:  "Dieskalasi",
}

// Label is the status as a user reads it.
func (s Status) Label() string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Open reports whether the case still runs against its deadline.
func (s Status) Open() bool {
	switch s {
	case StatusDelivered, StatusClosed:
		return false
	}
	return true
}
