package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"time"

	"naskah/letters"
)

// RetentionService implements letters.RetentionService: it reports and
// erases the personal data of finished cases past the office's retention.
//
// What an erase removes, per case (retention_erase.go):
//   - the complainant: name becomes "(dihapus)"; NIK (its ciphertext),
//     address, phone, email and organisation are emptied;
//   - every occurrence of those values in the subject, body, origin, the
//     timeline notes and the case's email text;
//   - every file the complainant gave (attachments: KTP scans and the rest;
//     no kind tells a KTP from another file, so all are removed), with their
//     OCR text and search index rows; a file leaves the disk when nothing
//     else refers to it;
//   - the raw email of every message of the case (the .eml holds the
//     sender's address and often the KTP): raw body and file removed, sender
//     "(dihapus)"; the message's hash and Message-ID stay, so the same mail
//     fetched or imported again is still recognised and not registered
//     twice;
//   - outgoing email to the complainant: address and name emptied.
//
// What stays: the case (agenda number, tracking code, dates, channel,
// category, class, status, units, deadlines, LAPOR! ID), its timeline and
// the office's own documents (dispositions and signed answers, which are
// records under the office's archive schedule and keep verifying). Every
// report therefore gives the same figures after an erase. The audit log is
// append-only and never held personal data; each erased case adds one row.
type RetentionService struct {
	db *DB
}

// NewRetentionService returns a RetentionService on db.
func NewRetentionService(db *DB) *RetentionService { return &RetentionService{db: db} }

var _ letters.RetentionService = (*RetentionService)(nil)

// dueCondition selects the finished cases completed at or before ? whose
// personal data is still kept (the index letters_retention serves it).
const dueCondition = `personal_erased_at IS NULL AND status IN ('delivered', 'closed')
	AND completed_at IS NOT NULL AND completed_at <= ?`

// RetentionDue reports the cases due at cutoff, changing nothing. Years are
// counted in the office's time zone.
func (s *RetentionService) RetentionDue(ctx context.Context, cutoff time.Time) (*letters.RetentionReport, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rep := &letters.RetentionReport{Cutoff: cutoff, ByYear: []letters.RetentionYear{}}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE personal_erased_at IS NOT NULL`).Scan(&rep.Erased); err != nil {
		return nil, fmt.Errorf("store: retention erased count: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT completed_at FROM letters WHERE `+dueCondition, formatTime(cutoff))
	if err != nil {
		return nil, fmt.Errorf("store: retention due: %w", err)
	}
	defer rows.Close()
	loc := s.db.Calendar.Location()
	years := map[int]int{}
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(scanTime(&at)); err != nil {
			return nil, fmt.Errorf("store: retention due: %w", err)
		}
		rep.Due++
		years[at.In(loc).Year()]++
		if rep.Oldest == nil || at.Before(*rep.Oldest) {
			t := at
			rep.Oldest = &t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: retention due: %w", err)
	}
	for y, n := range years {
		rep.ByYear = append(rep.ByYear, letters.RetentionYear{Year: y, Cases: n})
	}
	sort.Slice(rep.ByYear, func(i, j int) bool { return rep.ByYear[i].Year < rep.ByYear[j].Year })
	return rep, nil
}

// ErasePersonalData erases the personal data of every case due at cutoff,
// one transaction and one audit row per case, then removes the files no
// longer referred to, rewrites the search indexes and checkpoints the WAL
// so the erased values do not linger in free pages, old index segments or
// the log (the writer runs with secure_delete during the run). A run
// interrupted at any point leaves every case either untouched or fully
// erased; the next run finishes the files. Running it again changes
// nothing. EUNAUTHORIZED without a user in ctx.
func (s *RetentionService) ErasePersonalData(ctx context.Context, cutoff time.Time) (*letters.RetentionResult, error) {
	user := letters.UserFromContext(ctx)
	if user == nil {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Masuk terlebih dahulu untuk menghapus data pribadi.")
	}
	res := &letters.RetentionResult{Cutoff: cutoff}
	restore, err := s.secureDelete(ctx)
	if err != nil {
		return nil, err
	}
	defer restore()
	if err := s.removeFiles(ctx, res); err != nil { // left by an interrupted run
		return nil, err
	}
	ids, err := s.dueIDs(ctx, cutoff)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := s.eraseCase(ctx, id, cutoff, res); err != nil {
			return res, err
		}
	}
	if err := s.removeFiles(ctx, res); err != nil {
		return res, err
	}
	if res.Cases > 0 {
		for _, q := range []string{
			`INSERT INTO letters_fts (letters_fts) VALUES ('optimize')`,
			`INSERT INTO scans_fts (scans_fts) VALUES ('optimize')`,
			`PRAGMA wal_checkpoint(TRUNCATE)`,
		} {
			if _, err := s.db.write.ExecContext(ctx, q); err != nil {
				return res, fmt.Errorf("store: retention: %s: %w", q, err)
			}
		}
	}
	return res, nil
}

// secureDelete turns on secure_delete on the writer (its one connection)
// and returns what restores the previous setting.
func (s *RetentionService) secureDelete(ctx context.Context) (func(), error) {
	var prev int
	if err := s.db.write.QueryRowContext(ctx, `PRAGMA secure_delete`).Scan(&prev); err != nil {
		return nil, fmt.Errorf("store: secure_delete: %w", err)
	}
	if _, err := s.db.write.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
		return nil, fmt.Errorf("store: secure_delete: %w", err)
	}
	return func() {
		s.db.write.ExecContext(context.Background(), fmt.Sprintf(`PRAGMA secure_delete = %d`, prev))
	}, nil
}

// dueIDs lists the cases due at cutoff, oldest completion first.
func (s *RetentionService) dueIDs(ctx context.Context, cutoff time.Time) ([]int64, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM letters WHERE `+dueCondition+` ORDER BY completed_at, id`, formatTime(cutoff))
	if err != nil {
		return nil, fmt.Errorf("store: retention due: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: retention due: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// removeFiles deletes the files an erase left to remove. Each file goes in
// a write transaction that first checks no blob row came back for it (the
// same file given again since): a file without a row is harmless, a row
// without its file must never happen.
func (s *RetentionService) removeFiles(ctx context.Context, res *letters.RetentionResult) error {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	var sums []string
	rows, err := tx.QueryContext(ctx, `SELECT sha256 FROM retention_files ORDER BY sha256`)
	if err == nil {
		for rows.Next() {
			var sum string
			if err = rows.Scan(&sum); err != nil {
				break
			}
			sums = append(sums, sum)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	tx.Rollback()
	if err != nil {
		return fmt.Errorf("store: retention files: %w", err)
	}
	for _, sum := range sums {
		if err := s.removeFile(ctx, sum, res); err != nil {
			return err
		}
	}
	return nil
}

func (s *RetentionService) removeFile(ctx context.Context, sum string, res *letters.RetentionResult) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM blobs WHERE sha256 = ?`, sum).Scan(&n); err != nil {
		return fmt.Errorf("store: retention file: %w", err)
	}
	if n == 0 {
		err := os.Remove(s.db.blobPath(sum))
		if err == nil {
			res.Files++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store: retention: remove file: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM retention_files WHERE sha256 = ?`, sum); err != nil {
		return fmt.Errorf("store: retention file: %w", err)
	}
	return tx.Commit()
}
