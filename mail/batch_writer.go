package mail

import (
	"context"
	"fmt"

	"naskah/letters"
)

// batchWriter puts parsed messages back in input order and records them
// into the open batch as they come, committing every size messages. The
// summary and the progress only ever count what was committed.
type batchWriter struct {
	bs       BatchService
	bud      *budget
	sum      *Summary
	progress Progress
	total    int64
	size     int

	waiting map[int]*batchJob // parsed ahead of the next in order
	next    int
	pending []pendingResult // in the open batch, not committed
	bytes   int
}

// pendingResult is what one message of the open batch became.
type pendingResult struct {
	source string
	res    *letters.MailResult // nil for a file that could not be read
	refuse string
	done   int64
}

// run records what arrives on results until it is closed. When ctx is
// cancelled the open batch is still committed, so the summary says exactly
// what was stored; the rest can be imported again.
func (w *batchWriter) run(ctx context.Context, results <-chan *batchJob) error {
	for {
		select {
		case j, ok := <-results:
			if !ok {
				if err := w.commit(); err != nil {
					return err
				}
				return ctx.Err()
			}
			w.waiting[j.seq] = j
			for {
				j := w.waiting[w.next]
				if j == nil {
					break
				}
				delete(w.waiting, w.next)
				w.next++
				if err := w.add(ctx, j); err != nil {
					return err
				}
			}
		case <-ctx.Done():
			if err := w.commit(); err != nil {
				return err
			}
			return ctx.Err()
		}
	}
}

// add records the next message in order into the open batch and commits
// the batch when it is full. A fault stops the import after the batches
// before it are stored; the open one is dropped (CloseBatches).
func (w *batchWriter) add(ctx context.Context, j *batchJob) error {
	w.bud.give(j.cost)
	if j.err != nil {
		return j.err
	}
	p := pendingResult{source: j.source, refuse: j.refuse, done: j.done}
	if j.msg != nil {
		res, err := w.bs.IngestBatched(ctx, letters.MailSource{Folder: "import", Path: j.source}, j.msg)
		if err != nil {
			return fmt.Errorf("import %s: %w", j.source, err)
		}
		p.res = res
		w.bytes += len(j.msg.Raw)
		j.msg = nil
	}
	w.pending = append(w.pending, p)
	if len(w.pending) >= w.size || w.bytes >= batchBytes {
		return w.commit()
	}
	return nil
}

// commit stores the open batch and counts it.
func (w *batchWriter) commit() error {
	if len(w.pending) == 0 {
		return nil
	}
	if err := w.bs.CommitBatch(); err != nil {
		return err
	}
	for _, p := range w.pending {
		if p.res == nil {
			w.sum.Refused = append(w.sum.Refused, Refusal{Source: p.source, Reason: p.refuse})
		} else {
			w.sum.Add(p.source, p.res)
		}
		if w.progress != nil {
			w.progress(p.done, w.total, w.sum.Messages)
		}
	}
	w.pending, w.bytes = w.pending[:0], 0
	return nil
}
