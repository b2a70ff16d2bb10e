package letters

import (
	"context"
	"time"
)

// Official is a person as printed on a document: name, position title, NIP.
type Official struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	NIP      string `json:"nip,omitempty"`
}

// Paraf is one approval mark on a document version: a step of the chain
// taken by a user on a version. A signature is the chain's sign step.
type Paraf struct {
	Step     int       `json:"step"`     // index in the document type's chain
	Kind     string    `json:"kind"`     // StepParaf, StepSign, ...
	Position string    `json:"position"` // position code of the step
	Short    string    `json:"short"`    // short title for the paraf table, e.g. "Kabid PKPL"
	Official Official  `json:"official"`
	Version  int       `json:"version"`
	At       time.Time `json:"at"`
	Note     string    `json:"note,omitempty"`
}

// DocumentContent is everything a renderer needs to print an outgoing
// document (Surat Jawaban, Berita Acara, informasi kelengkapan).
type DocumentContent struct {
	Profile   *Profile
	Letter    *Letter
	Type      string            // document code in the profile, e.g. "berita_acara"
	Title     string            // e.g. "BERITA ACARA PENYELESAIAN PENGADUAN"
	Number    string            // formatted number; empty on a draft preview
	Date      time.Time         // date of signing (or of the preview)
	Addressee string            // "Yth. Sdr. Yohanes ..." block, lines separated by \n
	Body      string            // the drafted text; paragraphs separated by blank lines
	Fields    map[string]string // template fields filled from the case (tindakan, hasil, ...)
	Signer    Official
	Parafs    []Paraf // the chain so far, printed as the paraf table
	VerifyURL string  // public verification URL, printed and put in the QR code
	Draft     bool    // watermark "KONSEP" and no QR
}

// DispositionSheet is the content of a Lembar Disposisi.
type DispositionSheet struct {
	Profile      *Profile
	Letter       *Letter
	Number       string   // the disposition's number
	Nature       string   // biasa, segera, sangat segera, rahasia
	To           []string // position titles
	Instructions []string // chosen instructions and free text
	By           Official
	At           time.Time
	Due          *time.Time
	Cascade      []DispositionSheetLine // earlier dispositions of the same letter
}

// DispositionSheetLine is one earlier step of a disposition cascade.
type DispositionSheetLine struct {
	By, To, Instruction string
	At                  time.Time
}

// DocumentRenderer turns document content into PDF bytes.
type DocumentRenderer interface {
	RenderDocument(d DocumentContent) ([]byte, error)
	RenderDisposition(d DispositionSheet) ([]byte, error)
}

// SignInfo describes a signature to embed in a PDF.
type SignInfo struct {
	Signer   Official
	Reason   string // e.g. "Penandatanganan Berita Acara Penyelesaian Pengaduan"
	Location string // the office's city
	At       time.Time
}

// SignatureCheck is the result of checking a PDF's embedded signature.
type SignatureCheck struct {
	Valid    bool      `json:"valid"`  // signed by this office's certificate and unchanged
	Signer   string    `json:"signer"` // name in the signature
	SignedAt time.Time `json:"signed_at"`
	Reason   string    `json:"reason"` // why not valid, in Indonesian, when Valid is false
}

// Signer embeds and checks PDF signatures (PKCS#7 detached) made with the
// office's key. The built-in signer uses a key and certificate in the data
// directory; a certified gateway (BSrE) can implement the same interface.
type Signer interface {
	// Sign returns pdf with an embedded signature. EINVALID for a file that
	// is not a PDF.
	Sign(ctx context.Context, pdf []byte, info SignInfo) ([]byte, error)
	// Verify checks a file against the office's certificate; a changed byte
	// gives Valid false with the reason.
	Verify(ctx context.Context, pdf []byte) (SignatureCheck, error)
}

// RecordSigner is implemented by signers that can also sign a document's
// approval record (number, SHA-256, version, every paraf), so that the record
// kept beside the PDF cannot be changed unnoticed.
type RecordSigner interface {
	SignRecord(data []byte) ([]byte, error)
	VerifyRecord(data, sig []byte) error
}
