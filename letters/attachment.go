package letters

import (
	"context"
	"io"
	"time"
)

// Attachment is a file kept with a letter. Files are stored once by content
// hash under generated names; Name is the user's name for display only.
type Attachment struct {
	ID          int64     `json:"id"`
	LetterID    int64     `json:"letter_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxUploadSize is the largest attachment accepted at intake.
const MaxUploadSize = 20 << 20

// AttachmentService reads stored attachments.
type AttachmentService interface {
	// FindAttachmentByID returns ENOTFOUND when there is none.
	FindAttachmentByID(ctx context.Context, id int64) (*Attachment, error)
	// OpenAttachment returns the file's content. ENOTFOUND.
	OpenAttachment(ctx context.Context, id int64) (io.ReadCloser, error)
}
