package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"naskah/letters"
)

// PrepareMessage writes the files m will keep (its attachments, and the raw
// message when too large for its row), before any transaction and without
// syncing them. It may run on many goroutines at once, e.g. in the workers
// that parse an import, so that the one writer does not wait for the
// writes: IngestBatched finds the files there and CommitBatch syncs those of
// its batch before it commits. A file whose message is never recorded is harmless.
func (s *MailService) PrepareMessage(m *letters.MailMessage) error {
	files, rawSum, err := s.writeMailFiles(m, s.db.writeBlobLater)
	if err != nil {
		return err
	}
	// The writer takes them from here instead of hashing the files again.
	s.batch.prepared.Store(m, preparedFiles{files: files, rawSum: rawSum})
	return nil
}

// preparedFiles is what PrepareMessage wrote for a message.
type preparedFiles struct {
	files  mailFiles
	rawSum string
}

// IngestBatched records m, from src, inside the open batch transaction
// (beginning one when none is open): it becomes what IngestMessage would
// make of it, and a later message of the batch sees the letters of the
// earlier ones, so a reply or a second copy in the same batch is
// recognised. Nothing is stored until CommitBatch: then the whole batch is,
// or after a fault (here or in CommitBatch) or CloseBatches none of it. One
// commit (one sync of the log) for many messages is what makes an import
// fast; the messages do not wait in memory for it. Errors are only for
// faults of the store.
//
// The batch belongs to the service: one import at a time uses it.
func (s *MailService) IngestBatched(ctx context.Context, src letters.MailSource, m *letters.MailMessage) (*letters.MailResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := &s.batch
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tx == nil {
		if err := s.beginBatch(); err != nil {
			return nil, err
		}
	}
	// Written by PrepareMessage (or now); synced by CommitBatch.
	var files mailFiles
	var rawSum string
	if p, ok := b.prepared.LoadAndDelete(m); ok {
		files, rawSum = p.(preparedFiles).files, p.(preparedFiles).rawSum
	} else {
		var err error
		if files, rawSum, err = s.writeMailFiles(m, s.db.writeBlobLater); err != nil {
			b.rollback()
			return nil, err
		}
	}
	res, err := s.ingestTx(b.ctx, b.tx, src, m, files, rawSum)
	if err != nil {
		b.rollback()
		return nil, err
	}
	if rawSum != "" {
		b.files = append(b.files, s.db.blobPath(rawSum))
	}
	for _, f := range files.keep {
		b.files = append(b.files, s.db.blobPath(f.att.SHA256))
	}
	return res, nil
}

// CommitBatch indexes the batch's letters for search and makes the files
// of its messages durable, then commits it. Without an open batch it does
// nothing.
func (s *MailService) CommitBatch() error {
	b := &s.batch
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tx == nil {
		return nil
	}
	defer b.rollback() // after a failed commit: nothing of the batch stays
	// The files were all written before their messages came here: they
	// are synced while the batch's letters are indexed for search
	// (migration 0017: one statement, one segment of the full-text index).
	synced := make(chan error, 1)
	go func(files []string) { synced <- syncBlobs(s.db.Dir, files) }(b.files)
	_, err := b.tx.ExecContext(b.ctx, `DELETE FROM letters_fts_defer`)
	if serr := <-synced; serr != nil {
		return serr
	}
	if err != nil {
		return fmt.Errorf("store: index mail batch: %w", err)
	}
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("store: commit mail batch: %w", err)
	}
	b.ckpt.poke()
	return nil
}

// CloseBatches rolls back a batch not committed and closes the connection
// batches are written with; the next batch opens it again. Call it when an
// import ends.
func (s *MailService) CloseBatches() error {
	b := &s.batch
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rollback()
	b.prepared.Clear()
	if err := b.closeConn(); err != nil {
		return fmt.Errorf("store: close batch writer: %w", err)
	}
	return nil
}

// batchConn is the open batch: its transaction, the files its messages
// refer to, and the connection it is written with, kept from one batch to
// the next so that its statements and page cache stay warm.
type batchConn struct {
	mu    sync.Mutex
	pool  *sql.DB
	conn  *sql.Conn // the pool's one connection, held while batches run
	ckpt  *checkpointer
	tx    *Tx
	ctx   context.Context
	files []string
	// prepared holds what PrepareMessage wrote, by message, until
	// IngestBatched takes it.
	prepared sync.Map
}

// rollback drops the open batch. When even that fails the connection's
// state is unknown: it is closed, and the next batch opens a new one.
func (b *batchConn) rollback() {
	if b.tx != nil {
		if err := b.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
			b.closeConn()
		}
	}
	b.tx, b.files = nil, nil
}

// closeConn closes the batch connection and its pool, and stops the
// checkpointer.
func (b *batchConn) closeConn() error {
	var err error
	if b.ckpt != nil {
		err = b.ckpt.stop()
		b.ckpt = nil
	}
	if b.conn != nil {
		if cerr := b.conn.Close(); err == nil {
			err = cerr
		}
		b.conn = nil
	}
	if b.pool != nil {
		if perr := b.pool.Close(); err == nil {
			err = perr
		}
		b.pool = nil
	}
	return err
}

// beginBatch opens the batch connection when needed and begins a write
// transaction on it (BEGIN IMMEDIATE, full sync, like the writer's). Other
// writers wait for the batch as for any write transaction. The statements
// run without a cancellable context: with one, the driver starts a
// goroutine per statement to watch it, which cost more than the
// statements; IngestBatched checks the caller's context instead.
func (s *MailService) beginBatch() error {
	if s.db.write == nil {
		return errors.New("store: database is not open")
	}
	b := &s.batch
	b.ctx = context.Background()
	if b.pool == nil {
		pool, err := s.openBatchPool(b.ctx)
		if err != nil {
			return err
		}
		b.pool = pool
	}
	if b.ckpt == nil {
		c, err := s.startCheckpointer()
		if err != nil {
			return err
		}
		b.ckpt = c
	}
	if b.conn == nil {
		c, err := b.pool.Conn(b.ctx)
		if err != nil {
			return fmt.Errorf("store: begin mail batch: %w", err)
		}
		b.conn = c
	}
	t, err := beginConnTx(b.ctx, b.conn)
	if err != nil {
		b.closeConn()
		return fmt.Errorf("store: begin mail batch: %w", err)
	}
	// The letters of the batch are indexed for search when it is committed
	// (CommitBatch, migration 0017).
	if _, err := t.ExecContext(b.ctx, `INSERT INTO letters_fts_defer (id, after_id)
		SELECT 1, COALESCE(MAX(id), 0) FROM letters`); err != nil {
		t.Rollback()
		return fmt.Errorf("store: begin mail batch: %w", err)
	}
	b.tx = &Tx{sqlTx: t, db: s.db, now: s.db.Now().UTC().Truncate(time.Millisecond), audit: &auditTail{}}
	return nil
}

// batchStmtCache is the number of prepared statements the batch
// connection keeps: every statement of ingesting a message, with the
// letter's triggers (full-text index, counts), is compiled once per import
// instead of once per message. Preparing them was a fifth of the import's
// time.
const batchStmtCache = 64

// batchCacheKiB is the page cache of the batch connection (the default is
// 2 MB): the pages of the indexes a batch touches stay in memory from one
// batch to the next.
const batchCacheKiB = 4 << 10

// openBatchPool opens the batch connection: the writer's settings, a cache
// of prepared statements and a larger page cache.
func (s *MailService) openBatchPool(ctx context.Context) (*sql.DB, error) {
	pool, err := sql.Open("sqlite3", fmt.Sprintf("%s&_stmt_cache_size=%d&_cache_size=-%d",
		s.db.dsn(false), batchStmtCache, batchCacheKiB))
	if err != nil {
		return nil, fmt.Errorf("store: open batch writer: %w", err)
	}
	pool.SetMaxOpenConns(1)
	pool.SetMaxIdleConns(1)
	pool.SetConnMaxLifetime(0)
	pool.SetConnMaxIdleTime(0)
	// Statement journals (the undo of one statement inside the batch) in
	// memory: as files they were most of the import's writes.
	// The checkpointer copies the log into the database (mail_batch_checkpoint.go).
	if _, err := pool.ExecContext(ctx, fmt.Sprintf(`PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = %d`,
		batchAutoCheckpoint)); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: batch writer: %w", err)
	}
	return pool, nil
}
