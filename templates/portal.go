package templates

import "time"

// Pages of the public portal (no sign-in needed).
const (
	PageHome          = "home"               // the visitors' home page
	PageComplaint     = "pengaduan"          // Pengaduan online: the public form
	PageComplaintDone = "pengaduan_terkirim" // the thank-you page with the tracking code
	PageStandard      = "standar"            // the published Standar Pelayanan
)

// HomePage is the public home page: what a visitor can do here.
type HomePage struct {
	Base
	OfficeName  string // full name of the office
	Parent      string // e.g. "Pemerintah Provinsi Kalimantan Barat"
	ServiceName string
	Online      bool // the office accepts the online form (a "web" channel)
	Address     string
	Phone       string
	Email       string
}

// ComplaintPage is the public complaint form (Pengaduan Online).
type ComplaintPage struct {
	Base
	Form        IntakeForm
	Channel     string // the web channel's name
	Requirement string // the seed's words for what the channel requires
	// Required marks the identity fields that must be filled (name, nik,
	// address, phone, email, organisation); AnyOf says in words which groups
	// need at least one of theirs, e.g. "Isi paling sedikit satu: Nomor HP atau Alamat email".
	Required       map[string]bool
	AnyOf          []string
	NeedsStatement bool // the statement of truth is required
	NeedsDocument  bool // a copy of KTP/SIM must be attached
	Anonymous      bool // anonymous complaints are accepted here
	Categories     []Option
	MaxUpload      string // e.g. "20 MB", per file
	Deadline       string // the channel's completion time in words
}

// ComplaintDonePage thanks the complainant and gives the tracking code.
type ComplaintDonePage struct {
	Base
	AgendaNumber string
	TrackingCode string
	ReceivedAt   time.Time
	Deadline     time.Time
	ReceiptURL   string // "" when the office has no receipt renderer
	TrackURL     string
}

// StandardPage is the published Standar Pelayanan, generated from the same
// profile that drives the workflow.
type StandardPage struct {
	Base
	OfficeName   string
	Parent       string
	Address      string
	Phone        string
	Email        string
	Website      string
	ServiceName  string
	Decree       string
	Cost         string
	Product      string
	Requirements []string
	Procedure    []string
	Notes        []string
	Channels     []StandardChannel
	FirstReply   bool // some channel sets a first response time
	Classes      []StandardClass
	Extension    string // "" when no extension is allowed
	Responsible  string // title of the official responsible for complaints
	Escalation   string // "" when the profile names none
	Reports      []string
}

// StandardChannel is one complaint channel as the standard publishes it.
type StandardChannel struct {
	Code          string
	Name          string
	Requirement   string
	Identity      []string // the identity rules in words
	Procedure     []string
	Deadline      string // "5 hari kerja"
	FirstResponse string // "" when the channel has none
	Contact       string
	Online        bool // this is the online form
}

// StandardClass is a complaint class with its own completion time.
type StandardClass struct {
	Name     string
	Deadline string
}
