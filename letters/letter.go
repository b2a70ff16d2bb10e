package letters

import (
	"context"
	"time"
)

// Categories of incoming letters.
const (
	CategoryPengaduan = "pengaduan"
	CategoryAspirasi  = "aspirasi"
	CategoryInformasi = "permintaan_informasi"
	CategorySurat     = "surat" // ordinary correspondence, not a complaint
)

// Categories lists the categories with their labels.
var Categories = []struct{ Code, Label string }{
	{CategoryPengaduan, "Pengaduan"},
	{CategoryAspirasi, "Aspirasi"},
	{CategoryInformasi, "Permintaan informasi"},
	{CategorySurat, "Surat masuk"},
}

// Party is the complainant or sender. An anonymous party keeps no identity;
// a confidential one is shown only to the complaint officer.
type Party struct {
	Name         string `json:"name,omitempty"`
	NIK          string `json:"nik,omitempty"`
	Address      string `json:"address,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Anonymous    bool   `json:"anonymous"`
	Confidential bool   `json:"confidential"`
}

// Letter is one incoming letter, email or complaint and its case.
type Letter struct {
	ID           int64      `json:"id"`
	AgendaNumber string     `json:"agenda_number"`        // formatted, e.g. "000.8.3/12/BKAD/XI/2026"
	TrackingCode string     `json:"tracking_code"`        // given to the complainant; hard to guess
	Category     string     `json:"category"`             // pengaduan, aspirasi, permintaan_informasi, surat
	Channel      string     `json:"channel"`              // a channel code of the profile
	Class        string     `json:"class,omitempty"`      // optional complaint class
	Subject      string     `json:"subject"`              // perihal
	Body         string     `json:"body,omitempty"`       // isi / intisari pengaduan
	Origin       string     `json:"origin,omitempty"`     // asal surat (sending office)
	RefNumber    string     `json:"ref_number,omitempty"` // nomor surat of the sender
	RefDate      *time.Time `json:"ref_date,omitempty"`   // tanggal surat of the sender
	LaporID      string     `json:"lapor_id,omitempty"`   // SP4N-LAPOR! tracking ID; unique
	MessageID    string     `json:"message_id,omitempty"` // email Message-ID; unique
	Statement    bool       `json:"statement"`            // statement of truth given
	Complainant  Party      `json:"complainant"`
	Status       Status     `json:"status"`
	Responsible  string     `json:"responsible"`      // position responsible (named on the receipt)
	Holder       string     `json:"holder,omitempty"` // position that must act next

	ReceivedAt       time.Time  `json:"received_at"`
	RegisteredAt     *time.Time `json:"registered_at,omitempty"`
	FirstResponseDue *time.Time `json:"first_response_due,omitempty"`
	Deadline         time.Time  `json:"deadline"`
	PausedAt         *time.Time `json:"paused_at,omitempty"` // set while waiting for the complainant
	Extended         bool       `json:"extended"`
	CompletedAt      *time.Time `json:"completed_at,omitempty"`
	EscalatedAt      *time.Time `json:"escalated_at,omitempty"`

	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	Attachments []*Attachment `json:"attachments,omitempty"`
}

// Overdue reports whether the case is open and past its deadline at now.
func (l *Letter) Overdue(now time.Time) bool {
	return l.Status.Open() && l.PausedAt == nil && !l.Deadline.IsZero() && now.After(l.Deadline)
}

// Upload is a file given at intake. Name is only shown, never used in a path.
type Upload struct {
	Name string
	Data []byte
}

// SearchLimit is how many of the newest matches a full-text search lists
// and counts; a total of SearchLimit+1 means "more than SearchLimit"
// (issue 8: a common word is not counted over a million letters).
const SearchLimit = 1000

// LetterFilter selects letters for the agenda register.
type LetterFilter struct {
	Status   Status
	Channel  string
	Category string
	Query    string // full-text search
	Overdue  bool
	From, To *time.Time // received between: From inclusive, To exclusive
	// Unit is a position code: letters held by it or by a position below
	// it, or disposed to one of them (a disposition not withdrawn).
	Unit   string
	Limit  int
	Offset int
	// NoCount asks for the page only: a list that shows no total (the
	// overdue list of Tugas saya, an export's later batches) need not pay
	// for counting every match. FindLetters may then return -1 as total.
	NoCount bool
	// ByDeadline lists the soonest deadline first (the most overdue case on
	// top) instead of the newest received; a search keeps its own order.
	ByDeadline bool
	// After, when set, lists only the letters after it in the newest-first
	// order (cursor.go): the next page starts where the last ended, without
	// walking the letters before it as an Offset does; the zero Cursor is
	// the first page of a list paged so. Like Offset it does not change the
	// total. Not with Query or ByDeadline (EINVALID).
	After *Cursor
}

// Event is one entry of a letter's timeline; every transition writes one.
type Event struct {
	ID       int64     `json:"id"`
	LetterID int64     `json:"letter_id"`
	Action   string    `json:"action"`
	From     Status    `json:"from,omitempty"`
	To       Status    `json:"to,omitempty"`
	Note     string    `json:"note,omitempty"`
	ActorID  int64     `json:"actor_id,omitempty"`
	Actor    string    `json:"actor,omitempty"`    // name at the time
	Position string    `json:"position,omitempty"` // position code at the time
	At       time.Time `json:"at"`
}

// TransitionInput is an action on a letter.
type TransitionInput struct {
	Action Action
	Note   string // reason or notes; required for return, send_back, extend
	To     string // target position for dispose
}

// LetterService registers letters and moves them through their lifecycle.
type LetterService interface {
	// CreateLetter registers l on its channel: it checks the channel's
	// identity rules, stores the uploads, gives the agenda number, tracking
	// code and deadlines, and writes the timeline and audit rows, all in one
	// transaction. EINVALID names the first bad field; ECONFLICT for a LAPOR!
	// ID or Message-ID already registered; ETOOLARGE for an over-size upload;
	// EUNAUTHORIZED without a user, except for channel "web" (public form).
	CreateLetter(ctx context.Context, l *Letter, uploads []Upload) error
	// FindLetterByID returns ENOTFOUND when there is no such letter.
	FindLetterByID(ctx context.Context, id int64) (*Letter, error)
	// FindLetterByTrackingCode returns ENOTFOUND for an unknown code.
	FindLetterByTrackingCode(ctx context.Context, code string) (*Letter, error)
	// FindLetters lists letters, newest first; the total is before Limit.
	FindLetters(ctx context.Context, filter LetterFilter) ([]*Letter, int, error)
	// Transition performs an action for the user in ctx. EUNAUTHORIZED,
	// EFORBIDDEN (the position may not), ECONFLICT (the status does not
	// allow it), EINVALID (a missing note), ENOTFOUND.
	Transition(ctx context.Context, id int64, in TransitionInput) (*Letter, error)
	// LetterEvents returns the timeline, oldest first. ENOTFOUND.
	LetterEvents(ctx context.Context, id int64) ([]*Event, error)
}
