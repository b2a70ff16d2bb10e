package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"naskah/letters"
)

var (
	_ letters.ScanService = (*ScanService)(nil)
	_ letters.ScanQueue   = (*ScanService)(nil)
)

// MaxScanAttempts is how often a job is started before it is given up: a
// file that stops the worker every time (it is killed, the machine runs out
// of memory) must not block the queue for ever.
const MaxScanAttempts = 3

// ScanService keeps the queue of text extraction jobs and their results.
// Every PDF, JPEG or PNG attachment is queued by the store when it is saved.
type ScanService struct {
	db *DB
}

// NewScanService returns the scan service of db.
func NewScanService(db *DB) *ScanService { return &ScanService{db: db} }

// ClaimScanJob leases the oldest waiting job, or one whose lease ran out,
// for lease. A job started MaxScanAttempts times is marked failed instead.
// ENOTFOUND when there is nothing to do.
func (s *ScanService) ClaimScanJob(ctx context.Context, lease time.Duration) (*letters.ScanJob, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := formatTime(tx.now)
	for {
		var j letters.ScanJob
		err := tx.QueryRowContext(ctx, `SELECT s.attachment_id, s.letter_id, a.name, a.content_type, s.attempts
			FROM scans s JOIN attachments a ON a.id = s.attachment_id
			WHERE s.status = 'pending' OR (s.status = 'running' AND s.lease_until < ?)
			ORDER BY s.status = 'running', s.attachment_id LIMIT 1`, now).
			Scan(&j.AttachmentID, &j.LetterID, &j.Name, &j.ContentType, &j.Attempts)
		if errors.Is(err, sql.ErrNoRows) {
			if err := tx.Commit(); err != nil { // keeps the jobs given up
				return nil, fmt.Errorf("store: claim scan: %w", err)
			}
			return nil, letters.Errorf(letters.ENOTFOUND, "Tidak ada berkas yang menunggu dibaca.")
		} else if err != nil {
			return nil, fmt.Errorf("store: claim scan: %w", err)
		}
		if j.Attempts >= MaxScanAttempts {
			reason := fmt.Sprintf("Pembacaan berkas %q terhenti %d kali sebelum selesai, sehingga tidak dicoba lagi. Berkas asli tetap disimpan; baca isinya secara manual.", j.Name, j.Attempts)
			if _, err := tx.ExecContext(ctx, `UPDATE scans SET status = 'failed', reason = ?, lease_until = NULL, updated_at = ?
				WHERE attachment_id = ?`, reason, now, j.AttachmentID); err != nil {
				return nil, fmt.Errorf("store: give up scan: %w", err)
			}
			continue
		}
		j.Attempts++
		if _, err := tx.ExecContext(ctx, `UPDATE scans SET status = 'running', attempts = ?, lease_until = ?, updated_at = ?
			WHERE attachment_id = ?`, j.Attempts, formatTime(tx.now.Add(lease)), now, j.AttachmentID); err != nil {
			return nil, fmt.Errorf("store: claim scan: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("store: claim scan: %w", err)
		}
		return &j, nil
	}
}

// ExtendScanJob renews the lease of a running job. ENOTFOUND when the job is
// not running (it finished, or another worker took it over).
func (s *ScanService) ExtendScanJob(ctx context.Context, attachmentID int64, lease time.Duration) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE scans SET lease_until = ?, updated_at = ? WHERE attachment_id = ? AND status = 'running'`,
		formatTime(tx.now.Add(lease)), formatTime(tx.now), attachmentID)
	if err != nil {
		return fmt.Errorf("store: extend scan: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return letters.Errorf(letters.ENOTFOUND, "Pembacaan berkas %d tidak sedang berjalan.", attachmentID)
	}
	return tx.Commit()
}

// FinishScanJob records the result of a job: Status done with the text,
// method, pages and suggestion, or failed with the reason. The text of a
// done scan is indexed for search unless the letter is confidential.
func (s *ScanService) FinishScanJob(ctx context.Context, attachmentID int64, r *letters.Scan) error {
	if r.Status != letters.ScanDone && r.Status != letters.ScanFailed {
		return letters.Errorf(letters.EINVALID, "Status pembacaan %q tidak sah.", r.Status)
	}
	sug := ""
	if r.Suggestion != nil && !r.Suggestion.Empty() {
		b, err := json.Marshal(r.Suggestion)
		if err != nil {
			return fmt.Errorf("store: suggestion: %w", err)
		}
		sug = string(b)
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var letterID int64
	var confidential bool
	err = tx.QueryRowContext(ctx, `SELECT s.letter_id, l.confidential FROM scans s JOIN letters l ON l.id = s.letter_id
		WHERE s.attachment_id = ?`, attachmentID).Scan(&letterID, &confidential)
	if errors.Is(err, sql.ErrNoRows) {
		return letters.Errorf(letters.ENOTFOUND, "Lampiran tidak ditemukan.")
	} else if err != nil {
		return fmt.Errorf("store: finish scan: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE scans SET status = ?, method = ?, pages = ?, text = ?, reason = ?,
		suggestion = ?, duration_ms = ?, lease_until = NULL, updated_at = ? WHERE attachment_id = ?`,
		string(r.Status), r.Method, r.Pages, r.Text, r.Reason, sug, r.Duration.Milliseconds(),
		formatTime(tx.now), attachmentID); err != nil {
		return fmt.Errorf("store: finish scan: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM scans_fts WHERE rowid = ?`, attachmentID); err != nil {
		return fmt.Errorf("store: unindex scan: %w", err)
	}
	if r.Status == letters.ScanDone && r.Text != "" && !confidential {
		if _, err := tx.ExecContext(ctx, `INSERT INTO scans_fts (rowid, text, letter_id) VALUES (?, ?, ?)`,
			attachmentID, r.Text, letterID); err != nil {
			return fmt.Errorf("store: index scan: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: finish scan: %w", err)
	}
	return nil
}
