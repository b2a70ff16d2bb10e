package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"naskah/letters"
)

// Fetcher brings new mail from the office's IMAP folder into Naskah.
type Fetcher struct {
	Config Config
	Intake *Intake
	// Dial opens the mailbox; DialIMAP when nil.
	Dial func(ctx context.Context, cfg Config) (Mailbox, error)
	// RetryDelay is the pause after a failure; 30 seconds when zero.
	RetryDelay time.Duration
	// Batch is how many messages one FETCH asks for; 25 when zero.
	Batch  int
	Logger *slog.Logger
	// OnResult, when set, is told about every message ingested.
	OnResult func(uid uint32, r *letters.MailResult)
}

func (f *Fetcher) logger() *slog.Logger {
	if f.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return f.Logger
}

func (f *Fetcher) dial(ctx context.Context) (Mailbox, error) {
	if f.Dial != nil {
		return f.Dial(ctx, f.Config)
	}
	return DialIMAP(ctx, f.Config)
}

// source is the folder's name in the store.
func (f *Fetcher) source() string { return "imap:" + f.Config.folder() }

// Once connects, ingests every message not yet fetched and logs out.
func (f *Fetcher) Once(ctx context.Context) (*Summary, error) {
	mb, err := f.dial(ctx)
	if err != nil {
		return &Summary{}, err
	}
	defer mb.Close()
	return f.sync(ctx, mb)
}

// Run fetches until ctx ends: after each pass it waits for new mail (IDLE,
// or polling every Config.Interval). A failure (server down, network,
// store) is logged and retried after RetryDelay; one bad message never
// stops the batch (it is recorded as refused).
func (f *Fetcher) Run(ctx context.Context) error {
	log := f.logger()
	delay := f.RetryDelay
	if delay <= 0 {
		delay = 30 * time.Second
	}
	for ctx.Err() == nil {
		err := f.session(ctx)
		if ctx.Err() != nil {
			break
		}
		log.Warn("pengambilan email gagal; dicoba lagi", "kotak", f.Config.String(), "jeda", delay, "galat", err)
		select {
		case <-ctx.Done():
		case <-time.After(delay):
		}
	}
	return nil
}

// session is one connection: fetch, wait, fetch again, until an error.
func (f *Fetcher) session(ctx context.Context) error {
	mb, err := f.dial(ctx)
	if err != nil {
		return err
	}
	defer mb.Close()
	interval := f.Config.Interval
	if interval <= 0 {
		interval = 5 * time.Minute
	}
	for {
		sum, err := f.sync(ctx, mb)
		if err != nil {
			return err
		}
		if sum.Messages > 0 {
			f.logger().Info("email diambil", "folder", f.Config.folder(), "pesan", sum.Messages,
				"surat", sum.Letters, "balasan", sum.Replies, "duplikat", sum.Duplicates,
				"otomatis", sum.AutoReplies, "ditolak", len(sum.Refused))
		}
		if err := mb.Wait(ctx, interval); err != nil {
			return err
		}
	}
}

// sync ingests the folder's messages above the stored last UID. A changed
// UIDVALIDITY starts the folder over; Message-IDs and hashes keep the
// messages already registered from being registered twice.
func (f *Fetcher) sync(ctx context.Context, mb Mailbox) (*Summary, error) {
	sum := &Summary{}
	svc := f.Intake.Service
	folder := f.Config.folder()
	validity, err := mb.Select(ctx, folder)
	if err != nil {
		return sum, err
	}
	st, err := svc.MailFolder(ctx, f.source())
	if err != nil {
		return sum, err
	}
	if st.UIDValidity != 0 && st.UIDValidity != validity {
		f.logger().Warn("UIDVALIDITY folder berubah: semua pesan diperiksa ulang", "folder", folder,
			"lama", st.UIDValidity, "baru", validity)
		if err := svc.ResetMailFolder(ctx, f.source(), validity); err != nil {
			return sum, err
		}
		st.LastUID = 0
	}
	after := st.LastUID
	if f.Config.MoveTo != "" {
		// Handled mail leaves the folder: whatever is still there (a crash
		// between commit and move) is fetched again, recorded as a
		// duplicate and moved.
		after = 0
	}
	uids, err := mb.UIDs(ctx, after)
	if err != nil {
		return sum, err
	}
	batch := f.Batch
	if batch <= 0 {
		batch = 25
	}
	for i := 0; i < len(uids); i += batch {
		chunk := uids[i:min(i+batch, len(uids))]
		var handled []uint32
		err := mb.Fetch(ctx, chunk, func(uid uint32, raw []byte, arrived time.Time) error {
			src := letters.MailSource{Folder: f.source(), UIDValidity: validity, UID: uid, Arrived: arrived}
			res, err := f.Intake.Ingest(ctx, src, raw)
			if err != nil {
				return fmt.Errorf("mail: ingest UID %d: %w", uid, err)
			}
			handled = append(handled, uid) // committed: safe to move
			sum.Add(fmt.Sprintf("%s UID %d", folder, uid), res)
			if f.OnResult != nil {
				f.OnResult(uid, res)
			}
			return nil
		})
		if f.Config.MoveTo != "" {
			if merr := mb.Move(ctx, handled, f.Config.MoveTo); merr != nil && err == nil {
				err = merr
			}
		}
		if err != nil {
			return sum, err
		}
	}
	return sum, nil
}
