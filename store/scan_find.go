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

const scanColumns = `s.attachment_id, s.letter_id, a.name, s.status, s.method, s.pages, s.text, s.reason,
	s.suggestion, s.attempts, s.duration_ms, s.created_at, s.updated_at`

func scanScan(sc interface{ Scan(...any) error }) (*letters.Scan, error) {
	var r letters.Scan
	var sug string
	var ms int64
	if err := sc.Scan(&r.AttachmentID, &r.LetterID, &r.Name, &r.Status, &r.Method, &r.Pages, &r.Text, &r.Reason,
		&sug, &r.Attempts, &ms, scanTime(&r.CreatedAt), scanTime(&r.UpdatedAt)); err != nil {
		return nil, err
	}
	r.Duration = time.Duration(ms) * time.Millisecond
	if sug != "" {
		r.Suggestion = &letters.Suggestion{}
		if err := json.Unmarshal([]byte(sug), r.Suggestion); err != nil {
			return nil, fmt.Errorf("store: scan suggestion: %w", err)
		}
	}
	return &r, nil
}

// FindScan returns the scan of an attachment. ENOTFOUND.
func (s *ScanService) FindScan(ctx context.Context, attachmentID int64) (*letters.Scan, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := scanScan(tx.QueryRowContext(ctx, `SELECT `+scanColumns+` FROM scans s
		JOIN attachments a ON a.id = s.attachment_id WHERE s.attachment_id = ?`, attachmentID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Lampiran ini tidak dibaca teksnya (bukan PDF, JPEG atau PNG) atau tidak ada.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find scan: %w", err)
	}
	return r, nil
}

// FindLetterScans lists the scans of a letter's attachments in upload
// order. ENOTFOUND for an unknown letter.
func (s *ScanService) FindLetterScans(ctx context.Context, letterID int64) ([]*letters.Scan, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE id = ?`, letterID).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: find letter scans: %w", err)
	} else if n == 0 {
		return nil, letters.Errorf(letters.ENOTFOUND, "Surat tidak ditemukan.")
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+scanColumns+` FROM scans s
		JOIN attachments a ON a.id = s.attachment_id WHERE s.letter_id = ? ORDER BY s.attachment_id`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: find letter scans: %w", err)
	}
	defer rows.Close()
	out := []*letters.Scan{}
	for rows.Next() {
		r, err := scanScan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan row: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find letter scans: %w", err)
	}
	return out, nil
}

// ScanQueueStats counts the jobs by status.
func (s *ScanService) ScanQueueStats(ctx context.Context) (map[letters.ScanStatus]int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT status, COUNT(*) FROM scans GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("store: scan stats: %w", err)
	}
	defer rows.Close()
	out := map[letters.ScanStatus]int{}
	for rows.Next() {
		var st letters.ScanStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: scan stats: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}
