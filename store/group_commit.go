package store

import (
	"context"
	"fmt"
	"sync"
)

// maxGroup is the most writes one group commit holds.
const maxGroup = 256

// groupCommit batches small writes that arrive together into one durable
// transaction on the writer (issue 8): one fsync for many numbers or
// personal-data view audit rows instead of one each. Each write runs in its
// own savepoint, in arrival order, so one that fails is undone alone and
// the others commit; every caller waits for the commit that holds its write,
// so a write that returned nil is on disk. Rows that read the last row
// before them (max(seq)+1, the audit hash chain) see the writes before them
// in the same transaction, so numbers stay gapless and the chain unbroken.
type groupCommit struct {
	db      *DB
	mu      sync.Mutex
	queue   []*groupWrite
	running bool // a goroutine is committing groups
}

// groupWrite is one caller's write in a group.
type groupWrite struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx *Tx) error
	err  error
	done chan struct{}
}

// inGroup runs fn in the next group commit and returns once that group is
// committed (nil) or fn or the commit failed. fn must write only through
// tx and runs at most once; it sees ctx's values but not its cancellation
// once it has started (an interrupted statement would undo the whole group).
func (db *DB) inGroup(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	g := &db.group
	w := &groupWrite{ctx: ctx, fn: fn, done: make(chan struct{})}
	g.mu.Lock()
	g.db = db
	g.queue = append(g.queue, w)
	if !g.running {
		g.running = true
		go g.run()
	}
	g.mu.Unlock()
	<-w.done // even when ctx ends: the write may be committed already
	return w.err
}

// run commits groups until the queue is empty. While one group commits,
// the next one fills.
func (g *groupCommit) run() {
	for {
		g.mu.Lock()
		n := min(len(g.queue), maxGroup)
		if n == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		batch := g.queue[:n:n]
		g.queue = g.queue[n:]
		if len(g.queue) == 0 {
			g.queue = nil
		}
		g.mu.Unlock()
		g.commit(batch)
	}
}

// commit runs batch in one transaction and tells every caller the outcome.
func (g *groupCommit) commit(batch []*groupWrite) {
	defer func() {
		for _, w := range batch {
			close(w.done)
		}
	}()
	fail := func(err error) {
		for _, w := range batch {
			if w.err == nil {
				w.err = err
			}
		}
	}
	tx, err := g.db.BeginTx(context.Background(), true)
	if err != nil {
		fail(err)
		return
	}
	defer tx.Rollback()
	ok := 0
	for _, w := range batch {
		if w.err = w.ctx.Err(); w.err != nil {
			continue // the caller gave up before its write began
		}
		if _, err := tx.Exec(`SAVEPOINT grp`); err != nil {
			fail(fmt.Errorf("store: group savepoint: %w", err))
			return
		}
		w.err = w.fn(context.WithoutCancel(w.ctx), tx)
		if w.err != nil {
			if _, err := tx.Exec(`ROLLBACK TO grp`); err != nil {
				fail(fmt.Errorf("store: group rollback: %w", err))
				return
			}
		} else {
			ok++
		}
		if _, err := tx.Exec(`RELEASE grp`); err != nil {
			fail(fmt.Errorf("store: group release: %w", err))
			return
		}
	}
	if ok == 0 {
		return
	}
	if err := tx.Commit(); err != nil {
		fail(fmt.Errorf("store: group commit: %w", err))
	}
}
