package mail

import (
	"context"
	"sync"

	"naskah/letters"
)

// DefaultBatchSize is the most messages Import records in one transaction.
const DefaultBatchSize = 500

// batchBytes is the most raw bytes of messages in one batch; a batch of
// large messages is committed before it reaches DefaultBatchSize. (The
// messages are written into the open transaction as they come: a batch
// holds their results, not them.)
const batchBytes = 16 << 20

// inflightBytes bounds the memory of messages read and parsed but not yet
// in a batch (each counts twice its raw size: raw plus decoded parts).
const inflightBytes = 4 << 20

// BatchService is a mail service that records many messages in one
// transaction (store.MailService is one). Import uses it when it can.
type BatchService interface {
	letters.MailService
	// PrepareMessage writes the files m keeps before any transaction; it
	// runs in the parse workers, several at once.
	PrepareMessage(m *letters.MailMessage) error
	// IngestBatched records m as IngestMessage would, in the open batch;
	// nothing of the batch is stored before CommitBatch, and none of it
	// after a fault.
	IngestBatched(ctx context.Context, src letters.MailSource, m *letters.MailMessage) (*letters.MailResult, error)
	// CommitBatch stores the batch: all of its messages.
	CommitBatch() error
	// CloseBatches drops a batch not committed and releases what batches
	// kept; Import calls it when it ends.
	CloseBatches() error
}

// budget is a counting semaphore of bytes: the reader takes before it
// hands a message on, the writer gives back once the message is in a batch.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	free int64
	max  int64
	done bool
}

func newBudget(ctx context.Context, n int64) (*budget, func() bool) {
	b := &budget{free: n, max: n}
	b.cond = sync.NewCond(&b.mu)
	stop := context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.done = true
		b.mu.Unlock()
		b.cond.Broadcast()
	})
	return b, stop
}

// cost is what a message of size raw bytes takes from the budget: never
// more than the whole budget, so that a large message waits for the others
// instead of forever.
func (b *budget) cost(size int64) int64 {
	return min(2*size+4<<10, b.max)
}

// take waits until n bytes are free and takes them; false when the import
// was stopped.
func (b *budget) take(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n && !b.done {
		b.cond.Wait()
	}
	if b.done {
		return false
	}
	b.free -= n
	return true
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}
