package templates

import (
	"time"

	"naskah/letters"
)

// Base is what the layout needs on every page.
type Base struct {
	Title  string        // the page's title, without the office name
	Office string        // the office's short name, shown in the header
	User   *letters.User // the signed-in user; nil on public pages
	Notice string        // a success message shown at the top
	Error  string        // an error message shown at the top
	Nav    *Nav          // the signed-in user's task count and dashboard link; nil: none
}

// Option is one choice of a select box.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// LoginPage is the sign-in form (Masuk).
type LoginPage struct {
	Base
	Username string
	Next     string // where to go after signing in
}

// AgendaPage is the agenda register (Buku Agenda).
type AgendaPage struct {
	Base
	Rows       []AgendaRow
	Total      int
	TotalText  string // "lebih dari 1.000" when a search counted only its newest matches
	Query      string
	Overdue    bool     // only letters past their deadline
	From, To   string   // the period as typed ("dari", "sampai": YYYY-MM-DD)
	Units      []Option // positions under the head, Selected the chosen unit
	Periods    []Option // quick periods: Label, Value the page's URL for it, Selected the current one
	Statuses   []Option
	Channels   []Option
	Categories []Option
	Page       int
	Pages      int
	PrevURL    string // "" on the first page
	NextURL    string // "" on the last page
	ExportURL  string // /agenda.xlsx with the same filters
}

// AgendaRow is one letter in the register.
type AgendaRow struct {
	ID           int64
	AgendaNumber string
	ReceivedAt   time.Time
	Channel      string // the channel's name
	Subject      string
	Complainant  string // name, "Anonim" or "Dirahasiakan"
	Status       letters.Status
	Deadline     time.Time
	Overdue      bool
}

// IntakePage is the form that registers an incoming letter or complaint.
type IntakePage struct {
	Base
	Form       IntakeForm
	Channels   []ChannelInfo
	Categories []Option
	Classes    []Option // empty when the office has no complaint classes
	MaxUpload  string   // e.g. "20 MB", per file
}

// ChannelInfo is a channel with the seed's words for what it requires.
type ChannelInfo struct {
	Code        string
	Name        string
	Requirement string
	Selected    bool
}

// IntakeForm is the user's input, kept as typed so a rejected form comes
// back filled in.
type IntakeForm struct {
	Channel      string
	Category     string
	Class        string
	Subject      string
	Body         string
	Origin       string
	RefNumber    string
	RefDate      string // YYYY-MM-DD
	LaporID      string
	Name         string
	NIK          string
	Address      string
	Phone        string
	Email        string
	Organisation string
	Anonymous    bool
	Confidential bool
	Statement    bool
}

// LetterPage is one letter with its case.
type LetterPage struct {
	Base
	Letter        *letters.Letter // complainant already masked or hidden as the user may see it
	Channel       string          // the channel's name
	Class         string          // the class's name
	Responsible   string          // position title
	Holder        string          // position title
	Complainant   string          // "" when shown in full; else why it is not: "Anonim", "Dirahasiakan"
	Masked        bool            // NIK, phone and address are masked
	Deadline      Due
	FirstResponse *Due
	Events        []EventRow
	Actions       []ActionForm
	HasReceipt    bool
	Workflow      *WorkflowPanel        // dispositions, drafts and signed documents (workflow_pages.go)
	Emails        []*letters.MailRecord // fetched emails of the case, shown in sandboxed frames
}

// Due is a deadline with the time left, in words.
type Due struct {
	At      time.Time
	Left    string // "sisa 3 hari kerja", "hari ini", "terlambat 2 hari kerja"
	Overdue bool
}

// EventRow is one entry of the timeline.
type EventRow struct {
	At       time.Time
	Action   string // the action's label
	To       letters.Status
	Actor    string
	Position string // title
	Note     string
}

// ActionForm is a button for a transition the user may perform.
type ActionForm struct {
	Action    letters.Action
	Label     string
	NeedsNote bool
	Targets   []Option // positions to dispose to; empty unless the action is dispose
}

// TrackPage is the public tracking page (Lacak Pengaduan): stages and dates
// only, never names, notes or internal data.
type TrackPage struct {
	Base
	Code       string
	Searched   bool
	Found      bool
	Category   string
	Status     letters.Status
	ReceivedAt time.Time
	Deadline   time.Time
	Stages     []Stage
}

// Stage is one step the case reached, with its date.
type Stage struct {
	Status letters.Status
	At     time.Time
}

// ErrorPage is shown for any error that has no better page.
type ErrorPage struct {
	Base
	Status  int
	Message string
}
