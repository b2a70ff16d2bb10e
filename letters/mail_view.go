package letters

import "context"

// MailReader shows the fetched emails of a case to the staff: the letter
// page's email frame and the download of the message as received.
type MailReader interface {
	// FindMailByLetter lists the messages that opened or joined a case,
	// oldest first; HTML is already sanitised.
	FindMailByLetter(ctx context.Context, letterID int64) ([]*MailRecord, error)
	// MailRaw returns the message with id as it was received. ENOTFOUND.
	MailRaw(ctx context.Context, id int64) ([]byte, error)
}
