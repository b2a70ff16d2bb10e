package store

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
)

// The commit of a batch of 500 messages writes some 1,100 pages to the
// write-ahead log, more than SQLite's automatic checkpoint threshold (1,000
// pages): every commit then also copied the log into the database file and
// synced both, on the writer's thread, which was two thirds of the time
// the writer spent committing. The batch connection checkpoints only past
// batchAutoCheckpoint pages; a checkpointer goroutine with a connection of
// its own copies each committed batch (PASSIVE: it never blocks the writer)
// while the writer records the next one. When the writer's own checkpoint
// runs at the threshold, little is left to copy, and the log starts over at
// the next batch, so it never grows past about batchAutoCheckpoint pages
// and a batch.

// batchAutoCheckpoint is the batch connection's wal_autocheckpoint (pages).
const batchAutoCheckpoint = 4096

// checkpointer runs PASSIVE checkpoints when kicked.
type checkpointer struct {
	pool *sql.DB
	kick chan struct{}
	done chan struct{}
}

// startCheckpointer opens the checkpointer's connection and starts it.
func (s *MailService) startCheckpointer() (*checkpointer, error) {
	pool, err := sql.Open("sqlite3", s.db.dsn(false)+"&_cache_size=-256")
	if err != nil {
		return nil, fmt.Errorf("store: open checkpointer: %w", err)
	}
	pool.SetMaxOpenConns(1)
	pool.SetMaxIdleConns(1)
	pool.SetConnMaxLifetime(0)
	pool.SetConnMaxIdleTime(0)
	c := &checkpointer{pool: pool, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		// One thread for the checkpointer's SQLite calls, and so one
		// malloc arena (a connection run from any thread touched one
		// arena per thread: 5 MB more memory).
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for range c.kick {
			// A checkpoint that fails (busy, or the disk) leaves the
			// frames in the log, where they are as safe as in the
			// database file: the next one, or the writer's, copies them.
			pool.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}()
	return c, nil
}

// poke asks for a checkpoint without waiting; a checkpoint already asked
// for and not begun covers this one too.
func (c *checkpointer) poke() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// stop waits for the checkpoint under way and closes the connection.
func (c *checkpointer) stop() error {
	close(c.kick)
	<-c.done
	return c.pool.Close()
}
