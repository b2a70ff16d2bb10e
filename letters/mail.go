package letters

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Outcomes of an ingested email message. Every message fetched or imported
// is recorded with one of them, so nothing is fetched twice and nothing is
// lost silently.
const (
	MailLetter    = "letter"     // registered as a new letter (status received)
	MailReply     = "reply"      // joined an existing case as a timeline entry
	MailDuplicate = "duplicate"  // the same message (Message-ID or content) was ingested before
	MailAutoReply = "auto_reply" // an automatic reply or bounce: recorded, no case
	MailRefused   = "refused"    // could not become a letter; Reason says why
)

// MailChannel is the channel code mail is registered on.
const MailChannel = "email"

// MailSource says where a message came from. Folder names the IMAP folder
// ("imap:INBOX") or "import"; UIDValidity and UID are 0 for imported files.
type MailSource struct {
	Folder      string
	UIDValidity uint32
	UID         uint32
	Path        string    // the imported file, for the summary; "" for IMAP
	Arrived     time.Time // when the office's server received it (IMAP INTERNALDATE); zero if unknown
}

// MailPart is an attachment of a message: a file, an inline image or a
// forwarded message kept whole (message/rfc822). Name is only displayed,
// never used in a path.
type MailPart struct {
	Name        string
	ContentType string
	Data        []byte
	Inline      bool
}

// MailMessage is a parsed email message, ready to ingest.
type MailMessage struct {
	MessageID   string   // without angle brackets; "" when the message has none
	References  []string // In-Reply-To then References, without brackets
	Subject     string
	FromName    string
	FromAddress string
	Date        time.Time // the Date header; zero when missing or bad
	Text        string    // the plain text (from text/plain, else from the HTML)
	HTML        string    // the HTML part, sanitised: for display only
	Attachments []MailPart
	AutoReply   string   // why it is automatic ("Auto-Submitted: auto-replied"); "" for a person's mail
	Problems    []string // what could not be read, in Indonesian, for the clerk
	Refuse      string   // when set, the message is recorded as refused with this reason
	Hash        string   // SHA-256 of the raw message (hex)
	Raw         []byte   // the message as received, kept as evidence
}

// MailResult is what became of one message.
type MailResult struct {
	Outcome      string   `json:"outcome"` // MailLetter, MailReply, ...
	LetterID     int64    `json:"letter_id,omitempty"`
	TrackingCode string   `json:"tracking_code,omitempty"`
	Reason       string   `json:"reason,omitempty"` // why duplicate, auto-reply or refused
	Flags        []string `json:"flags,omitempty"`  // what the clerk must still check
}

// MailFolderState is the position of the fetcher in one IMAP folder.
type MailFolderState struct {
	Folder      string
	UIDValidity uint32
	LastUID     uint32
}

// MailRecord is a recorded message as the clerk sees it.
type MailRecord struct {
	ID        int64     `json:"id"`
	Folder    string    `json:"folder"`
	UID       uint32    `json:"uid,omitempty"`
	MessageID string    `json:"message_id,omitempty"`
	Subject   string    `json:"subject"`
	Sender    string    `json:"sender"`
	Outcome   string    `json:"outcome"`
	Reason    string    `json:"reason,omitempty"`
	Flags     []string  `json:"flags,omitempty"`
	LetterID  int64     `json:"letter_id,omitempty"`
	Text      string    `json:"text,omitempty"`
	HTML      string    `json:"html,omitempty"` // sanitised; still show it sandboxed, never raw
	RawSHA256 string    `json:"raw_sha256,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// MailService records fetched and imported mail.
type MailService interface {
	// IngestMessage records m and, in the same transaction, registers it
	// as a letter on the email channel (status received, with flags for
	// what the channel's rules still need), joins it to its case as a
	// reply, or records it as a duplicate, auto-reply or refusal; for IMAP
	// it advances the folder's last UID. A message is never registered
	// twice: the same UID, Message-ID or (without Message-ID) content hash
	// gives MailDuplicate. Errors are only for faults of the store; a bad
	// message is MailRefused with its reason.
	IngestMessage(ctx context.Context, src MailSource, m *MailMessage) (*MailResult, error)
	// MailFolder returns the stored state of folder; zero values when it
	// was never fetched.
	MailFolder(ctx context.Context, folder string) (MailFolderState, error)
	// ResetMailFolder records a new UIDVALIDITY for folder: its UIDs start
	// over (messages fetched again are recognised by Message-ID or hash).
	ResetMailFolder(ctx context.Context, folder string, uidValidity uint32) error
	// FindMailByLetter lists the messages that opened or joined a case,
	// oldest first.
	FindMailByLetter(ctx context.Context, letterID int64) ([]*MailRecord, error)
}

// trackingCodePattern finds a tracking code written in a subject, with or
// without dashes: "Re: [7K3Q-M9XD-2HFA-TR8W] ...".
var trackingCodePattern = regexp.MustCompile(`(?i)\b([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})-?([0-9A-Z]{4})\b`)

// TrackingCodeIn returns the first well-formed tracking code in s,
// normalised, or "".
func TrackingCodeIn(s string) string {
	for _, m := range trackingCodePattern.FindAllStringSubmatch(s, -1) {
		code := NormalizeTrackingCode(m[1] + m[2] + m[3] + m[4])
		ok := len(code) == 19
		for _, r := range strings.ReplaceAll(code, "-", "") {
			if !strings.ContainsRune(trackingAlphabet, r) {
				ok = false
			}
		}
		// A run of 16 digits is a NIK or a phone number, not a code.
		if ok && strings.Trim(strings.ReplaceAll(code, "-", ""), "0123456789") != "" {
			return code
		}
	}
	return ""
}

// MailFlags lists, in words a clerk knows, what the email channel's identity
// rules still need from a letter that came by mail. Mail is registered as
// received whatever is missing (nothing is lost); the clerk completes it
// before putting it in the agenda. attachments counts the files attached
// (one of them may be the copy of the KTP).
func (p *Profile) MailFlags(l *Letter, attachments int) []string {
	ch := p.Channel(l.Channel)
	if ch == nil {
		return nil
	}
	var flags []string
	given := func(f string) bool {
		switch f {
		case FieldIdentityDoc:
			return attachments > 0
		case FieldLaporID:
			return strings.TrimSpace(l.LaporID) != ""
		case FieldStatement:
			return l.Statement
		}
		return l.Complainant.value(f) != ""
	}
	for _, f := range ch.Identity.Required {
		if !given(f) {
			flags = append(flags, IdentityLabel(f)+" "+missingVerb(f)+".")
		} else if f == FieldIdentityDoc {
			flags = append(flags, "Periksa apakah lampiran memuat salinan KTP/identitas diri.")
		}
	}
	for _, group := range ch.Identity.AnyOf {
		if !slices.ContainsFunc(group, given) {
			labels := make([]string, len(group))
			for i, f := range group {
				labels[i] = inSentence(IdentityLabel(f))
			}
			flags = append(flags, "Perlu salah satu: "+joinOr(labels)+".")
		} else if slices.Contains(group, FieldIdentityDoc) && !slices.ContainsFunc(group, func(f string) bool {
			return f != FieldIdentityDoc && given(f)
		}) {
			flags = append(flags, "Periksa apakah lampiran memuat salinan KTP/identitas diri.")
		}
	}
	if err := checkPartyFormats(&l.Complainant); err != nil {
		flags = append(flags, ErrorMessage(err))
	}
	return slices.Compact(flags)
}

// Kinds of mail the office sends.
const (
	MailKindAnswer      = "answer"      // the signed answer (surat jawaban)
	MailKindKelengkapan = "kelengkapan" // the notice that the complaint is incomplete
	MailKindNotice      = "notice"      // any other notice on the case
)

// Outbox states.
const (
	OutboxPending = "pending" // waiting for its (next) attempt
	OutboxSent    = "sent"
	OutboxFailed  = "failed" // gave up after MaxMailAttempts; shown on the case
)

// MaxMailAttempts is how often sending is tried before it is given up and
// shown as failed on the case.
const MaxMailAttempts = 8

// OutgoingMail is an answer or notice sent to the complainant by email. Its
// Message-ID is fixed when it is queued, so a retry is the same message and
// the complainant's reply threads back to the case.
type OutgoingMail struct {
	ID          int64      `json:"id"`
	LetterID    int64      `json:"letter_id"`
	Kind        string     `json:"kind"`
	To          string     `json:"to"`
	ToName      string     `json:"to_name,omitempty"`
	Subject     string     `json:"subject"`
	Text        string     `json:"text"`
	MessageID   string     `json:"message_id"`            // without brackets
	InReplyTo   string     `json:"in_reply_to,omitempty"` // the complainant's Message-ID
	DocumentID  int64      `json:"document_id,omitempty"` // the signed document it delivers; sending marks it delivered
	Attachments []MailPart `json:"-"`
	Status      string     `json:"status"`
	Attempts    int        `json:"attempts"`
	LastError   string     `json:"last_error,omitempty"`
	NextAttempt time.Time  `json:"next_attempt"`
	SentAt      *time.Time `json:"sent_at,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

// OutboxService keeps the mail the office sends until it is delivered.
type OutboxService interface {
	// QueueMail stores m for sending: it checks the address, fills the
	// subject's tracking code, Message-ID and In-Reply-To, and writes a
	// timeline entry. EINVALID for a bad address, ENOTFOUND for the letter.
	QueueMail(ctx context.Context, m *OutgoingMail) error
	// DueMail lists pending mail whose next attempt is due, with attachments.
	DueMail(ctx context.Context, limit int) ([]*OutgoingMail, error)
	// MarkMailSent records the sent copy (raw) on the case.
	MarkMailSent(ctx context.Context, id int64, raw []byte) error
	// MarkMailFailed records a failed attempt and schedules the next; after
	// MaxMailAttempts the mail is failed and the case's timeline says so.
	MarkMailFailed(ctx context.Context, id int64, reason string) error
	// FindOutbox lists the mail of a case, oldest first.
	FindOutbox(ctx context.Context, letterID int64) ([]*OutgoingMail, error)
	// QueueDocumentMail queues every signed document whose delivery by
	// email is pending (DeliverEmail) and not queued yet, with its PDF,
	// and returns how many. Sending it marks the document delivered.
	QueueDocumentMail(ctx context.Context) (int, error)
}

// MailSender delivers one message and returns it as sent.
type MailSender interface {
	Send(ctx context.Context, m *OutgoingMail) (raw []byte, err error)
}

// MailEvents label the timeline entries that mail writes, for display.
var MailEvents = map[string]string{
	"mail_check":  "Email masuk: perlu diperiksa petugas",
	"mail_reply":  "Balasan email dari pengadu",
	"mail_queued": "Email dijadwalkan",
	"mail_sent":   "Email terkirim",
	"mail_retry":  "Email belum terkirim, dicoba lagi",
	"mail_failed": "Email gagal dikirim",
}
