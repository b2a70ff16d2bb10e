package scan

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"naskah/letters"
)

// Worker drains the scan queue: it claims a job, reads the attachment
// (never writing to it), extracts the text, suggests the letter's details
// and records the result. A file that cannot be read is recorded as failed
// with the reason and the worker goes on with the next.
type Worker struct {
	Queue     letters.ScanQueue
	Files     letters.AttachmentService
	Extractor *Extractor
	Logger    *slog.Logger
	Idle      time.Duration // wait when the queue is empty; default 3 s
	Lease     time.Duration // default 2 minutes, renewed while working
}

func (w *Worker) lease() time.Duration {
	if w.Lease > 0 {
		return w.Lease
	}
	return 2 * time.Minute
}

// Run works until ctx ends. Jobs left running by a stopped process are taken
// up again when their lease runs out.
func (w *Worker) Run(ctx context.Context) error {
	idle := w.Idle
	if idle <= 0 {
		idle = 3 * time.Second
	}
	for {
		did, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			w.log().Error("pembacaan lampiran gagal", "err", err)
		}
		if did && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(idle):
		}
	}
}

// RunOnce does one job. It reports false when the queue was empty. The
// error is about the queue itself; a file that cannot be read is a result.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	job, err := w.Queue.ClaimScanJob(ctx, w.lease())
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, err
	}
	// Renew the lease while the job runs; a stopped process stops renewing.
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		t := time.NewTicker(w.lease() / 3)
		defer t.Stop()
		for {
			select {
			case <-jobCtx.Done():
				return
			case <-t.C:
				_ = w.Queue.ExtendScanJob(jobCtx, job.AttachmentID, w.lease())
			}
		}
	}()

	res := w.process(jobCtx, job)
	if ctx.Err() != nil {
		// Stopping: leave the job to be taken up again after a restart.
		return true, ctx.Err()
	}
	if err := w.Queue.FinishScanJob(ctx, job.AttachmentID, res); err != nil {
		return true, err
	}
	w.log().Info("lampiran dibaca", "lampiran", job.AttachmentID, "surat", job.LetterID,
		"status", res.Status, "halaman", res.Pages, "durasi", res.Duration.Round(time.Millisecond), "alasan", res.Reason)
	return true, nil
}

// process reads and extracts one attachment.
func (w *Worker) process(ctx context.Context, job *letters.ScanJob) *letters.Scan {
	start := time.Now()
	res := &letters.Scan{AttachmentID: job.AttachmentID, LetterID: job.LetterID, Name: job.Name}
	fail := func(err error) *letters.Scan {
		res.Status = letters.ScanFailed
		res.Reason = letters.ErrorMessage(err)
		if letters.ErrorCode(err) == letters.EINTERNAL {
			res.Reason = fmt.Sprintf("Berkas %q tidak dapat dibaca karena kesalahan di server; hubungi admin.", job.Name)
			w.log().Error("pembacaan lampiran", "lampiran", job.AttachmentID, "err", err)
		}
		res.Duration = time.Since(start)
		return res
	}
	data, err := w.read(ctx, job.AttachmentID)
	if err != nil {
		return fail(err)
	}
	ex := w.Extractor
	if ex == nil {
		ex = &Extractor{}
	}
	out, err := ex.Extract(ctx, job.Name, data)
	if err != nil {
		return fail(err)
	}
	sug := Suggest(out.Text)
	res.Status = letters.ScanDone
	res.Method = out.Method
	res.Pages = len(out.Pages)
	res.Text = out.Text
	res.Suggestion = &sug
	res.Duration = time.Since(start)
	return res
}

// read loads the attachment, refusing more than the upload limit.
func (w *Worker) read(ctx context.Context, id int64) ([]byte, error) {
	rc, err := w.Files.OpenAttachment(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, letters.MaxUploadSize+1))
	if err != nil {
		return nil, fmt.Errorf("scan: read attachment %d: %w", id, err)
	}
	if len(data) > letters.MaxUploadSize {
		return nil, letters.Errorf(letters.ETOOLARGE, "Berkas melebihi batas %d MB.", letters.MaxUploadSize>>20)
	}
	return data, nil
}

func (w *Worker) log() *slog.Logger {
	if w.Logger != nil {
		return w.Logger
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}
