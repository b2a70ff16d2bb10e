package letters

// A Profile describes one office completely: who it is, who works there, which
// channels it accepts and on what terms, how its documents are numbered and
// approved, and what it must report. Every seed office runs on Naskah as a
// Profile; nothing about an office is written in code.
//
// Profiles are written in YAML (see package letters/profile, which loads,
// embeds and validates them); the yaml tags below are the file's keys.
type Profile struct {
	Slug        string           `yaml:"slug"`        // "bkad-kalbar"
	Office      Office           `yaml:"office"`      // identity and letterhead
	Service     Service          `yaml:"service"`     // the published Standar Pelayanan
	TimeZone    string           `yaml:"time_zone"`   // IANA name: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)
	Positions   []Position       `yaml:"positions"`   // every position that appears anywhere else
	Users       []ProfileUser    `yaml:"users"`       // demo/initial users holding those positions
	Channels    []Channel        `yaml:"channels"`    // the channels the office accepts
	Classes     []Class          `yaml:"classes"`     // optional complaint classes with their own deadlines
	Extension   *Duration        `yaml:"extension"`   // how much an official may extend a deadline, once
	Actions     []ActionRule     `yaml:"actions"`     // who may perform each workflow action
	Documents   []Document       `yaml:"documents"`   // document types: number formats and approval chains
	Escalation  *Escalation      `yaml:"escalation"`  // where a late case goes
	Reports     []ReportDuty     `yaml:"reports"`     // report duties
	Holidays    []Holiday        `yaml:"holidays"`    // the office's own days off (regional holidays)
	Privacy     Privacy          `yaml:"privacy"`     // who sees personal data
	Agenda      string           `yaml:"agenda"`      // document code whose number format gives agenda numbers
	Responsible string           `yaml:"responsible"` // position named on the receipt as responsible, unless a channel says otherwise
	Disposition DispositionRules `yaml:"disposition"` // exceptions to "dispose down only" (disposition.go)
	Retention   *Retention       `yaml:"retention"`   // how long personal data of finished cases is kept (retention.go)
}

// Office is the letterhead and contact data.
type Office struct {
	Name      string `yaml:"name"`       // "Badan Keuangan dan Aset Daerah"
	ShortName string `yaml:"short_name"` // "BKAD"
	Parent    string `yaml:"parent"`     // "Pemerintah Provinsi Kalimantan Barat"
	Address   string `yaml:"address"`
	City      string `yaml:"city"` // used in dates on letters: "Pontianak, 23 November 2026"
	Phone     string `yaml:"phone"`
	Email     string `yaml:"email"`
	Website   string `yaml:"website"`
	Logo      string `yaml:"logo"` // optional path to a PNG, relative to the profile file
}

// Service is the published service standard, in the seed's own words.
type Service struct {
	Name         string   `yaml:"name"`   // "Pengelolaan Pengaduan Pelayanan Publik"
	Decree       string   `yaml:"decree"` // No. SK
	Cost         string   `yaml:"cost"`   // "Tidak dipungut biaya"
	Product      string   `yaml:"product"`
	Requirements []string `yaml:"requirements"`
	Procedure    []string `yaml:"procedure"`
	Notes        []string `yaml:"notes"`
}

// Position is a post in the office. Parent is the position it reports to;
// the chain of parents is the hierarchy dispositions cascade down.
type Position struct {
	Code   string `yaml:"code"`   // "kabid_pengaduan"
	Title  string `yaml:"title"`  // "Kepala Bidang Pengaduan, Kebijakan dan Pelaporan Layanan"
	Short  string `yaml:"short"`  // "Kabid PKPL", used in paraf tables
	Parent string `yaml:"parent"` // code of the superior position, "" for the head
	Unit   string `yaml:"unit"`   // unit code used in numbers, e.g. "BKAD"
}

// ProfileUser is a user created with the office (demo data and first start).
type ProfileUser struct {
	Username string `yaml:"username"`
	Name     string `yaml:"name"`
	NIP      string `yaml:"nip"`
	Position string `yaml:"position"`
	Admin    bool   `yaml:"admin"`
}

// Channel is one way complaints and letters come in.
type Channel struct {
	Code          string    `yaml:"code"`        // tatap_muka, kotak_saran, surat, email, telepon, sms, whatsapp, lapor, web
	Name          string    `yaml:"name"`        // "Tatap Muka"
	Requirement   string    `yaml:"requirement"` // the seed's words for the identity requirement
	Identity      Identity  `yaml:"identity"`
	Deadline      Duration  `yaml:"deadline"`       // completion
	FirstResponse *Duration `yaml:"first_response"` // optional first response (Sanggau: 7 working days)
	Receiver      string    `yaml:"receiver"`       // position that registers what comes in
	Responsible   string    `yaml:"responsible"`    // position named on the receipt; default Profile.Responsible
	Procedure     []string  `yaml:"procedure"`      // the seed's steps for this channel
	CheckDaily    bool      `yaml:"check_daily"`    // the box must be checked every working day (NTT)
	Contact       string    `yaml:"contact"`        // phone number, address or mailbox published for it
}

// Identity says what a complainant on a channel must give. Every field in
// Required must be filled; from each group in AnyOf at least one. Field names:
// name, nik, address, phone, email, organisation, identity_doc (a scan or copy
// of KTP/SIM attached), lapor_id, statement (statement of truth).
type Identity struct {
	Required  []string   `yaml:"required"`
	AnyOf     [][]string `yaml:"any_of"`
	Anonymous bool       `yaml:"anonymous"` // anonymous complaints are accepted
}

// Duration is a deadline length. Unit is "minutes", "hours", "working_days"
// or "days" (calendar days).
type Duration struct {
	Value int    `yaml:"value"`
	Unit  string `yaml:"unit"`
}

// Duration units.
const (
	UnitMinutes     = "minutes"
	UnitHours       = "hours"
	UnitWorkingDays = "working_days"
	UnitDays        = "days"
)

// Class is a complaint class with its own completion deadline, e.g. ringan 2,
// normatif 5 working days.
type Class struct {
	Code     string   `yaml:"code"`
	Name     string   `yaml:"name"`
	Deadline Duration `yaml:"deadline"`
}

// ActionRule names the positions that may perform a workflow action.
type ActionRule struct {
	Action    Action   `yaml:"action"`
	Positions []string `yaml:"positions"`
}

// Document is a document type: how it is numbered and who approves it.
type Document struct {
	Code         string            `yaml:"code"`          // agenda, tanda_bukti, lembar_disposisi, surat_jawaban, berita_acara, kelengkapan
	Name         string            `yaml:"name"`          // "Berita Acara Penyelesaian Pengaduan"
	NumberFormat string            `yaml:"number_format"` // "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}"
	Fields       map[string]string `yaml:"fields"`        // fixed values for format fields, e.g. klasifikasi: "800"
	Chain        []ChainStep       `yaml:"chain"`         // approval chain, in order
}

// ChainStep is one step of an approval chain.
type ChainStep struct {
	Position string `yaml:"position"`
	Step     string `yaml:"step"`  // draft, paraf, sign, register, deliver
	Label    string `yaml:"label"` // the seed's words, e.g. "Memverifikasi dan memaraf"
}

// Chain step kinds.
const (
	StepDraft    = "draft"
	StepParaf    = "paraf"
	StepSign     = "sign"
	StepRegister = "register"
	StepDeliver  = "deliver"
)

// Escalation says where a case goes when it is late.
type Escalation struct {
	To    string `yaml:"to"`    // "Gubernur Kalimantan Barat"
	Via   string `yaml:"via"`   // "Sekretaris Daerah Provinsi Kalimantan Barat"
	After int    `yaml:"after"` // working days past the deadline; 0 = at once
}

// ReportDuty is an obligation to report. Period is monthly, quarterly,
// semester or yearly; DueDay the day of the month after the period.
type ReportDuty struct {
	Period      string `yaml:"period"`
	DueDay      int    `yaml:"due_day"`
	Recipient   string `yaml:"recipient"`
	Via         string `yaml:"via"`
	Responsible string `yaml:"responsible"` // position that prepares it
	Description string `yaml:"description"`
}

// Holiday is an office day off on a date (YYYY-MM-DD).
type Holiday struct {
	Date string `yaml:"date"`
	Name string `yaml:"name"`
}

// Privacy names the positions that may see personal data (NIK, phone,
// address) and the complaint officer who alone sees confidential complainants.
type Privacy struct {
	ViewPersonal     []string `yaml:"view_personal"`
	ComplaintOfficer string   `yaml:"complaint_officer"`
}
