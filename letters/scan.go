package letters

import (
	"context"
	"time"
)

// ScanStatus is where the text extraction of one attachment stands.
type ScanStatus string

// Scan statuses. A failed scan carries a Reason for the clerk; the original
// file is kept as it arrived either way.
const (
	ScanPending ScanStatus = "pending" // queued
	ScanRunning ScanStatus = "running" // a worker is reading it
	ScanDone    ScanStatus = "done"    // text extracted
	ScanFailed  ScanStatus = "failed"  // flagged: Reason says why
)

// Label is the status as shown to staff.
func (s ScanStatus) Label() string {
	switch s {
	case ScanPending:
		return "Menunggu dibaca"
	case ScanRunning:
		return "Sedang dibaca"
	case ScanDone:
		return "Selesai dibaca"
	case ScanFailed:
		return "Tidak dapat dibaca"
	}
	return string(s)
}

// Methods of extraction.
const (
	ScanMethodText = "text" // the PDF's own text layer
	ScanMethodOCR  = "ocr"  // Tesseract on the rasterised page or image
	ScanMethodMix  = "mixed"
)

// Suggestion is what the text of an official letter says about itself: the
// details an agenda entry needs. Every field is a suggestion for the clerk,
// who confirms or corrects it; empty when not found.
type Suggestion struct {
	Letterhead []string   `json:"letterhead,omitempty"` // the letterhead lines, top first
	Origin     string     `json:"origin,omitempty"`     // the sending office (asal surat)
	Number     string     `json:"number,omitempty"`     // Nomor
	Place      string     `json:"place,omitempty"`      // where it was signed
	Date       *time.Time `json:"date,omitempty"`       // Tanggal
	Nature     string     `json:"nature,omitempty"`     // Sifat
	Enclosure  string     `json:"enclosure,omitempty"`  // Lampiran
	Subject    string     `json:"subject,omitempty"`    // Hal / Perihal
	Addressee  string     `json:"addressee,omitempty"`  // Yth. / Kepada
}

// Empty reports whether nothing was found.
func (s *Suggestion) Empty() bool {
	return s == nil || (s.Origin == "" && s.Number == "" && s.Date == nil && s.Nature == "" &&
		s.Enclosure == "" && s.Subject == "" && s.Addressee == "")
}

// Scan is the extracted text of one attachment and its progress.
type Scan struct {
	AttachmentID int64         `json:"attachment_id"`
	LetterID     int64         `json:"letter_id"`
	Name         string        `json:"name"` // the attachment's display name
	Status       ScanStatus    `json:"status"`
	Method       string        `json:"method,omitempty"` // text, ocr or mixed
	Pages        int           `json:"pages"`
	Text         string        `json:"text,omitempty"`
	Reason       string        `json:"reason,omitempty"` // why it failed, for the clerk
	Suggestion   *Suggestion   `json:"suggestion,omitempty"`
	Attempts     int           `json:"attempts"`
	Duration     time.Duration `json:"duration"` // time spent extracting
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
}

// ScanJob is one attachment a worker has claimed.
type ScanJob struct {
	AttachmentID int64
	LetterID     int64
	Name         string
	ContentType  string
	Attempts     int // including this one
}

// ScanService shows extraction results beside a letter's files.
type ScanService interface {
	// FindScan returns the scan of an attachment. ENOTFOUND.
	FindScan(ctx context.Context, attachmentID int64) (*Scan, error)
	// FindLetterScans lists the scans of a letter's attachments in upload
	// order. ENOTFOUND for an unknown letter.
	FindLetterScans(ctx context.Context, letterID int64) ([]*Scan, error)
	// ConfirmScanDetails stores the details the clerk confirmed or corrected
	// after reading the suggestions: the letter's origin, the sender's number
	// and date and the subject. EUNAUTHORIZED, EFORBIDDEN (the position may
	// not register letters), EINVALID naming the field, ENOTFOUND.
	ConfirmScanDetails(ctx context.Context, letterID int64, d ScanDetails) (*Letter, error)
}

// ScanDetails are a letter's details as the clerk confirmed them.
type ScanDetails struct {
	Origin    string     // asal surat
	RefNumber string     // nomor surat
	RefDate   *time.Time // tanggal surat
	Subject   string     // perihal
}

// ScanQueue is the durable queue of extraction jobs. Every stored PDF, JPEG
// or PNG attachment is queued when it is stored.
type ScanQueue interface {
	// ClaimScanJob takes the oldest waiting job (or one whose worker stopped
	// without finishing: its lease ran out) and leases it for lease.
	// ENOTFOUND when there is nothing to do.
	ClaimScanJob(ctx context.Context, lease time.Duration) (*ScanJob, error)
	// ExtendScanJob renews the lease of a job being worked on.
	ExtendScanJob(ctx context.Context, attachmentID int64, lease time.Duration) error
	// FinishScanJob records the result (Status done or failed) and indexes
	// the text for search.
	FinishScanJob(ctx context.Context, attachmentID int64, result *Scan) error
}
