package letters

import (
	"context"
	"time"
)

// DocKelengkapan is the code of the "informasi kelengkapan" notice: a side
// document that does not move the case's status.
const DocKelengkapan = "kelengkapan"

// Draft states.
const (
	DraftDrafting   = "drafting"   // with the drafter
	DraftInReview   = "in_review"  // climbing the paraf chain
	DraftSigned     = "signed"     // signed and numbered; the PDF is final
	DraftRegistered = "registered" // entered in the register (numbered status)
	DraftDelivered  = "delivered"  // delivered to the complainant
)

// Draft is an outgoing document of a letter being written and approved.
// Step is the index, in Chain, of the step that must act next.
type Draft struct {
	ID         int64         `json:"id"`
	LetterID   int64         `json:"letter_id"`
	Type       string        `json:"type"` // document code
	Title      string        `json:"title"`
	State      string        `json:"state"`
	Version    int           `json:"version"` // latest version
	Step       int           `json:"step"`
	Chain      []ChainStep   `json:"chain"`  // the profile's chain with the draft step first
	Holder     string        `json:"holder"` // position of Chain[Step]; "" when done
	ReturnNote string        `json:"return_note,omitempty"`
	DocumentID int64         `json:"document_id,omitempty"` // the signed document
	CreatedBy  int64         `json:"created_by"`
	CreatedAt  time.Time     `json:"created_at"`
	UpdatedAt  time.Time     `json:"updated_at"`
	Parafs     []Paraf       `json:"parafs"` // valid marks on the latest version
	Current    *DraftVersion `json:"current,omitempty"`
}

// CurrentStep returns the step that must act next, or nil when done.
func (d *Draft) CurrentStep() *ChainStep {
	if d.Step < 0 || d.Step >= len(d.Chain) {
		return nil
	}
	return &d.Chain[d.Step]
}

// DraftVersion is one saved text of a draft.
type DraftVersion struct {
	DraftID   int64             `json:"draft_id"`
	Version   int               `json:"version"`
	Addressee string            `json:"addressee"`
	Body      string            `json:"body"`
	Fields    map[string]string `json:"fields"`
	Note      string            `json:"note,omitempty"`
	ByID      int64             `json:"by_id"`
	By        string            `json:"by"`
	At        time.Time         `json:"at"`
}

// DraftInput is a new draft or a new version of one.
type DraftInput struct {
	Addressee string
	Body      string
	Fields    map[string]string
	Note      string
}

// DeliveryInput says how a signed answer reached the complainant.
type DeliveryInput struct {
	Method     string // DeliverEmail, DeliverPrint or DeliverLapor
	ReceivedBy string // who took the printed letter
	Note       string
}

// Delivery methods.
const (
	DeliverEmail = "email" // sent by mail: pending until the mailer sends it
	DeliverPrint = "cetak" // printed and handed over at the front office
	DeliverLapor = "lapor" // follow-up text pasted into SP4N-LAPOR!
)

// IssuedDocument is a signed, numbered document kept byte for byte.
type IssuedDocument struct {
	ID          int64      `json:"id"`
	LetterID    int64      `json:"letter_id"`
	DraftID     int64      `json:"draft_id"`
	Type        string     `json:"type"`
	Title       string     `json:"title"`
	Number      string     `json:"number"`
	Version     int        `json:"version"`
	Signer      Official   `json:"signer"`
	SignedAt    time.Time  `json:"signed_at"`
	SHA256      string     `json:"sha256"`
	Size        int64      `json:"size"`
	VerifyCode  string     `json:"verify_code"`
	Parafs      []Paraf    `json:"parafs"`
	Delivery    string     `json:"delivery,omitempty"` // method once delivered or pending
	DeliveredAt *time.Time `json:"delivered_at,omitempty"`
	ReceivedBy  string     `json:"received_by,omitempty"`
	LaporText   string     `json:"lapor_text,omitempty"`
}

// DocumentFilter selects issued documents.
type DocumentFilter struct {
	LetterID int64
	Type     string
	Limit    int
}

// FileCheck is the answer to "is this file the original of document X?".
type FileCheck struct {
	Original  bool           `json:"original"` // same SHA-256 as stored and a valid signature
	SHA256    string         `json:"sha256"`
	Signature SignatureCheck `json:"signature"`
	Reason    string         `json:"reason,omitempty"`
}

// DraftService writes, approves, signs and delivers outgoing documents.
// Only the holder of the current step's position (or a delegate) may act:
// EFORBIDDEN otherwise; ECONFLICT when the state does not allow it.
type DraftService interface {
	// CreateDraft starts a draft of document type typ for a letter, the
	// text prefilled from the case, as version 1.
	CreateDraft(ctx context.Context, letterID int64, typ string) (*Draft, error)
	// SaveDraft stores a new version (only at the draft step).
	SaveDraft(ctx context.Context, id int64, in DraftInput) (*DraftVersion, error)
	FindDraftByID(ctx context.Context, id int64) (*Draft, error)
	FindDrafts(ctx context.Context, letterID int64) ([]*Draft, error)
	DraftVersions(ctx context.Context, id int64) ([]*DraftVersion, error)
	// SubmitDraft sends the latest version up the chain.
	SubmitDraft(ctx context.Context, id int64) (*Draft, error)
	// ApproveDraft puts the holder's paraf on the latest version.
	ApproveDraft(ctx context.Context, id int64, note string) (*Draft, error)
	// ReturnDraft sends the draft back to an earlier step with notes; the
	// chain re-runs from there.
	ReturnDraft(ctx context.Context, id int64, toStep int, note string) (*Draft, error)
	// SignDraft numbers, renders and signs the latest version.
	SignDraft(ctx context.Context, id int64) (*IssuedDocument, error)
	// SignDraftInserted signs like SignDraft but takes an inserted number
	// after number afterSeq of this year (617.a, 617.b), for a document
	// that belongs between two already issued. EINVALID when afterSeq has
	// not been issued.
	SignDraftInserted(ctx context.Context, id int64, afterSeq int) (*IssuedDocument, error)
	// RegisterDraft records the signed document in the register (the
	// chain's register step).
	RegisterDraft(ctx context.Context, id int64) (*Draft, error)
	// DeliverDraft records the delivery of the signed document.
	DeliverDraft(ctx context.Context, id int64, in DeliveryInput) (*IssuedDocument, error)
	// PreviewDraft renders the latest version as a KONSEP PDF.
	PreviewDraft(ctx context.Context, id int64) ([]byte, error)
}

// DocumentService reads issued documents and checks files against them.
type DocumentService interface {
	FindDocuments(ctx context.Context, f DocumentFilter) ([]*IssuedDocument, error)
	FindDocumentByID(ctx context.Context, id int64) (*IssuedDocument, error)
	// FindDocumentByCode finds a document by its public verification code.
	FindDocumentByCode(ctx context.Context, code string) (*IssuedDocument, error)
	// DocumentPDF returns the stored signed bytes.
	DocumentPDF(ctx context.Context, id int64) ([]byte, error)
	// CheckFile compares a file with the document with code.
	CheckFile(ctx context.Context, code string, data []byte) (FileCheck, error)
	// MarkSent records that a pending email delivery was sent.
	MarkSent(ctx context.Context, id int64) error
}

// Delegation names a user acting for a position for a period (Plt./Plh.).
type Delegation struct {
	ID        int64     `json:"id"`
	Position  string    `json:"position"`
	UserID    int64     `json:"user_id"`
	User      string    `json:"user"`
	Kind      string    `json:"kind"` // "Plt." or "Plh."
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Note      string    `json:"note,omitempty"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// DelegationService manages Plt./Plh. delegations; only admins create them.
type DelegationService interface {
	CreateDelegation(ctx context.Context, d *Delegation) error
	FindDelegations(ctx context.Context) ([]*Delegation, error)
	// ActingPositions lists the positions the user in ctx acts for now:
	// their own (kind "") and those delegated to them (kind "Plt."/"Plh.").
	ActingPositions(ctx context.Context) (map[string]string, error)
}

// Task kinds of the "Tugas saya" queue.
const (
	TaskDispose  = "disposisi"
	TaskDraft    = "konsep"
	TaskParaf    = "paraf"
	TaskSign     = "tanda tangan"
	TaskRegister = "registrasi"
	TaskDeliver  = "penyerahan"
	TaskOther    = "tindak lanjut"
	TaskEscalate = "eskalasi" // past its deadline: escalate as the profile says
)

// Task is one thing waiting on a user.
type Task struct {
	Kind         string    `json:"kind"`
	LetterID     int64     `json:"letter_id"`
	DraftID      int64     `json:"draft_id,omitempty"`
	AgendaNumber string    `json:"agenda_number"`
	Subject      string    `json:"subject"`
	Document     string    `json:"document,omitempty"` // document type name
	Status       Status    `json:"status"`
	Deadline     time.Time `json:"deadline"`
	Overdue      bool      `json:"overdue"`
	Position     string    `json:"position"` // the position it waits on (own or delegated)
}

// TaskService lists what waits on the user in ctx.
type TaskService interface {
	MyTasks(ctx context.Context) ([]*Task, error)
}

// TaskListLimit is how many of the open letters a position holds MyTasks
// lists, the soonest deadlines first (drafts and escalations come on top):
// the queue page shows the most urgent hundred and counts the rest with
// CountMyTasks.
const TaskListLimit = 100

// TaskCountCap bounds the count of "Tugas saya": counting stops there and
// the page says "lebih dari". A front office holding 14,000 open cases
// would otherwise pay for counting them all each time it opens its queue.
const TaskCountCap = 1000

// NavTaskCap bounds the count in the navigation, shown on every page:
// past it the navigation says "99+". Counting to a thousand on every page
// was a tenth of the server's work under load (issue 8).
const NavTaskCap = 100
