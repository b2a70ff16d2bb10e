package templates

import (
	"time"

	"naskah/letters"
)

// Pages of the disposition, drafting and signing workflow (issue 3).
const (
	PageDraft  = "draft"
	PageTasks  = "tasks"
	PageVerify = "verify"
)

// WorkflowPanel is the workflow part of the letter page.
type WorkflowPanel struct {
	Dispositions   []DispositionRow
	CanDispose     bool
	DisposeTargets []Option
	Instructions   []string
	Natures        []string
	DueDefault     string // YYYY-MM-DD
	CanSkip        bool   // "Tidak perlu disposisi"
	Drafts         []DraftRow
	NewDrafts      []Option // document types the user may start
	Documents      []DocumentRow
}

// DispositionRow is one disposition of a letter.
type DispositionRow struct {
	ID           int64
	Number       string
	From         string // position title
	By           string
	To           []string // position titles
	Instructions []string
	Nature       string
	Due          *time.Time
	At           time.Time
	OpenedAt     *time.Time
	WithdrawnAt  *time.Time
	CanWithdraw  bool
	HasSheet     bool
}

// DraftRow is one draft of a letter.
type DraftRow struct {
	ID      int64
	Title   string
	State   string // label
	Holder  string // position title of the step waiting
	Version int
}

// DocumentRow is one signed document.
type DocumentRow struct {
	ID          int64
	Number      string
	Title       string
	Signer      string
	SignedAt    time.Time
	VerifyCode  string
	Delivery    string // label, "" when not delivered
	DeliveredAt *time.Time
	ReceivedBy  string
	LaporText   string
}

// DraftPage is the draft editor with its approval chain.
type DraftPage struct {
	Base
	Letter      *letters.Letter
	Draft       *letters.Draft
	Steps       []StepRow
	Fields      []FieldRow
	Versions    []VersionRow
	Diff        []letters.DiffLine
	DiffFrom    int
	DiffTo      int
	CanEdit     bool
	CanSubmit   bool
	CanParaf    bool
	CanReturn   bool
	CanSign     bool
	CanRegister bool
	CanDeliver  bool
	ReturnTo    []Option
	Methods     []Option // delivery methods open for this case
	Document    *DocumentRow
	Deadline    Due
}

// StepRow is one step of a draft's approval chain.
type StepRow struct {
	Index    int
	Label    string
	Position string // title
	Kind     string
	Current  bool
	Done     bool
	Mark     *letters.Paraf
}

// FieldRow is one template field of a draft.
type FieldRow struct {
	Key, Label, Value string
}

// VersionRow is one saved version.
type VersionRow struct {
	Version int
	By      string
	At      time.Time
	Note    string
}

// TasksPage is "Tugas saya": what waits on the user.
type TasksPage struct {
	Base
	Tasks      []TaskRow
	More       int             // tasks beyond the first page, with later deadlines
	MoreCapped bool            // the count stopped at letters.TaskCountCap: More is "at least"
	Overdue    []TaskRow       // open letters past their deadline the user may see
	Reports    []ReportTaskRow // reports the user's positions owe (report_cover.go)
}

// TaskRow is one task.
type TaskRow struct {
	Kind         string
	URL          string
	AgendaNumber string
	Subject      string
	Document     string
	Position     string // title of the position it waits on
	Status       letters.Status
	Deadline     Due
}

// VerifyPage is the public verification of a signed document.
type VerifyPage struct {
	Base
	Code     string
	Found    bool
	Document *letters.IssuedDocument
	Office   string
	Checked  bool
	Check    letters.FileCheck
}
