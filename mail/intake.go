package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"naskah/letters"
)

// Intake parses raw messages and hands them to the mail service. IMAP fetch
// and file import share it, so a message becomes the same thing whichever
// way it came.
type Intake struct {
	Service letters.MailService
	// MaxSize is the largest message accepted; 0 means MaxMessageSize.
	MaxSize int
	// Workers is the number of messages Import parses at once; 0 means
	// one per core.
	Workers int
	// BatchSize is the most messages Import records per transaction when
	// Service is a BatchService; 0 means DefaultBatchSize, 1 one
	// transaction per message.
	BatchSize int
}

// Ingest parses raw and records it. A message that cannot be parsed or is
// too large is recorded as refused with its reason; only a fault of the
// store is an error.
func (in *Intake) Ingest(ctx context.Context, src letters.MailSource, raw []byte) (*letters.MailResult, error) {
	return in.Service.IngestMessage(ctx, src, in.parse(raw))
}

// parse reads raw as Ingest does: a message over MaxSize or one that
// cannot be read comes back with Refuse set.
func (in *Intake) parse(raw []byte) *letters.MailMessage {
	max := in.MaxSize
	if max <= 0 {
		max = MaxMessageSize
	}
	var m *letters.MailMessage
	if len(raw) > max {
		sum := sha256.Sum256(raw)
		m = &letters.MailMessage{Hash: hex.EncodeToString(sum[:]), Raw: raw,
			Refuse: fmt.Sprintf("Pesan berukuran %d MB melebihi batas %d MB.", len(raw)>>20, max>>20)}
		// Keep the sender and subject for the record when the header reads.
		if hm, err := parseHeaderOnly(raw); err == nil {
			m.MessageID, m.Subject, m.FromName, m.FromAddress, m.Date = hm.MessageID, hm.Subject, hm.FromName, hm.FromAddress, hm.Date
		}
	} else {
		m = safeParse(raw)
	}
	return m
}

// safeParse parses raw; a message that cannot be read, even one that
// trips a bug in a parser, is refused with its reason and never stops the
// batch.
func safeParse(raw []byte) (m *letters.MailMessage) {
	defer func() {
		if r := recover(); r != nil {
			sum := sha256.Sum256(raw)
			m = &letters.MailMessage{Hash: hex.EncodeToString(sum[:]), Raw: raw,
				Refuse: fmt.Sprintf("Pesan tidak dapat diuraikan (%v); pesan asli disimpan.", r)}
		}
	}()
	m, err := Parse(raw)
	if err != nil {
		m.Refuse = "Data bukan email yang dapat dibaca: kepala pesan (header) tidak ditemukan."
	}
	return m
}
