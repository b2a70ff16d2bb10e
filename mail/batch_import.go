package mail

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"

	"naskah/letters"
)

// The batched import is three stages: one reader walks the inputs in order
// (splitting mboxes), workers on every core read and parse the messages and
// write their attachment files, and one writer puts them back in order and
// records them DefaultBatchSize at a time, one transaction each. Memory
// stays flat: the reader waits while more than inflightBytes are read but
// not yet batched, and a batch is committed at batchBytes.

// batchJob is one message (or one unreadable file) on its way through.
type batchJob struct {
	seq    int
	source string
	path   string // file the worker reads; "" for a message split from an mbox
	size   int64  // of the file, when it was listed
	raw    []byte
	cost   int64 // bytes taken from the budget
	done   int64 // input bytes read once this one is stored (progress)
	refuse string
	msg    *letters.MailMessage
	err    error // a fault that stops the import
}

func (in *Intake) importBatched(ctx context.Context, bs BatchService, inputs []input, total int64, sum *Summary, progress Progress) error {
	defer bs.CloseBatches()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bud, stopBudget := newBudget(ctx, inflightBytes)
	defer stopBudget()
	workers := in.Workers
	if workers <= 0 {
		// Two per core: a worker waiting for its files to sync leaves the
		// core to another.
		workers = 2 * runtime.NumCPU()
	}
	jobs := make(chan *batchJob, 2*workers)
	results := make(chan *batchJob, 2*workers)
	go readInputs(ctx, inputs, bud, jobs)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				in.work(bs, j)
				select {
				case results <- j:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	w := &batchWriter{bs: bs, bud: bud, sum: sum, progress: progress, total: total,
		size: in.BatchSize, waiting: map[int]*batchJob{}}
	if w.size <= 0 {
		w.size = DefaultBatchSize
	}
	// The writer's SQLite calls stay on one thread, so that C allocations
	// come from one malloc arena instead of one per thread that ran them.
	runtime.LockOSThread()
	err := w.run(ctx, results)
	runtime.UnlockOSThread()
	cancel()
	for range results {
		// the reader and workers stop at the cancel; wait for them
	}
	return err
}

// readInputs hands every message of inputs, in order, to the workers.
func readInputs(ctx context.Context, inputs []input, bud *budget, jobs chan<- *batchJob) {
	defer close(jobs)
	seq := 0
	send := func(j *batchJob) bool {
		j.seq = seq
		seq++
		if !bud.take(j.cost) {
			return false
		}
		select {
		case jobs <- j:
			return true
		case <-ctx.Done():
			return false
		}
	}
	var done int64
	for _, f := range inputs {
		base := done
		done += f.size
		if !f.mbox {
			if !send(&batchJob{source: f.path, path: f.path, size: f.size, cost: bud.cost(f.size), done: done}) {
				return
			}
			continue
		}
		fh, err := os.Open(f.path)
		if err != nil {
			if !send(&batchJob{source: f.path, refuse: "Berkas tidak dapat dibaca: " + pathError(err), done: done}) {
				return
			}
			continue
		}
		err = readMbox(fh, func(n int, raw []byte, offset int64) error {
			j := &batchJob{source: fmt.Sprintf("%s#%d", f.path, n), raw: raw, cost: bud.cost(int64(len(raw))), done: base + offset}
			if !send(j) {
				return context.Canceled
			}
			return nil
		})
		fh.Close()
		if ctx.Err() != nil {
			return
		}
		if err != nil && !send(&batchJob{source: f.path, err: fmt.Errorf("import %s: %w", f.path, err), done: done}) {
			return
		}
	}
}

// work reads and parses j's message and writes the files it keeps.
func (in *Intake) work(bs BatchService, j *batchJob) {
	if j.refuse != "" || j.err != nil {
		return
	}
	if j.path != "" {
		raw, err := readFile(j.path, j.size)
		if err != nil {
			j.refuse = "Berkas tidak dapat dibaca: " + pathError(err)
			return
		}
		j.raw = raw
	}
	j.msg, j.raw = in.parse(j.raw), nil
	if err := bs.PrepareMessage(j.msg); err != nil {
		j.err = fmt.Errorf("import %s: %w", j.source, err)
	}
}
