package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"naskah/letters"
)

var _ letters.AttachmentService = (*AttachmentService)(nil)

// attachmentDir is the directory of stored files inside the data directory.
const attachmentDir = "attachments"

// AttachmentService reads stored attachments.
type AttachmentService struct {
	db *DB
}

// NewAttachmentService returns the attachment service of db.
func NewAttachmentService(db *DB) *AttachmentService { return &AttachmentService{db: db} }

// FindAttachmentByID returns ENOTFOUND when there is none.
func (s *AttachmentService) FindAttachmentByID(ctx context.Context, id int64) (*letters.Attachment, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findAttachmentByID(ctx, tx, id)
}

// OpenAttachment returns the file's content. ENOTFOUND.
func (s *AttachmentService) OpenAttachment(ctx context.Context, id int64) (io.ReadCloser, error) {
	a, err := s.FindAttachmentByID(ctx, id)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(s.db.blobPath(a.SHA256))
	if err != nil {
		return nil, fmt.Errorf("store: open attachment %d: %w", id, err)
	}
	return f, nil
}

// blobPath is where the file with hash sum lives: attachments/ab/<sum>.
// Only the hash, never a user's file name, is part of the path.
func (db *DB) blobPath(sum string) string {
	if len(sum) != sha256.Size*2 {
		sum = "invalid"
	} else if _, err := hex.DecodeString(sum); err != nil {
		sum = "invalid"
	}
	return filepath.Join(db.Dir, attachmentDir, sum[:2], sum)
}

// writeBlob stores data under its hash, durably, and returns the hash. It
// runs before the transaction that refers to the file commits: a file
// without a row is harmless, a row without its file must never happen.
func (db *DB) writeBlob(data []byte) (string, error) { return db.storeBlob(data, true) }

// storeBlob writes data under its hash through a temporary file and a
// rename; with durable it syncs the file and its directory before it
// returns. A file already there with the right size is kept.
func (db *DB) storeBlob(data []byte, durable bool) (string, error) {
	sum := sha256.Sum256(data)
	hexSum := hex.EncodeToString(sum[:])
	path := db.blobPath(hexSum)
	if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
		return hexSum, nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("store: blob dir: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("store: blob temp: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", fmt.Errorf("store: write blob: %w", err)
	}
	if durable {
		if err := f.Sync(); err != nil {
			f.Close()
			return "", fmt.Errorf("store: sync blob: %w", err)
		}
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("store: close blob: %w", err)
	}
	if err := os.Chmod(tmp, 0o640); err != nil {
		return "", fmt.Errorf("store: chmod blob: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("store: rename blob: %w", err)
	}
	if durable {
		if err := syncDir(dir); err != nil {
			return "", err
		}
	}
	return hexSum, nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("store: open dir: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("store: sync dir: %w", err)
	}
	return nil
}

// insertAttachment records a stored file as an attachment of a letter.
func insertAttachment(ctx context.Context, tx *Tx, a *letters.Attachment) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)
		ON CONFLICT (sha256) DO NOTHING`, a.SHA256, a.Size, formatTime(tx.now)); err != nil {
		return fmt.Errorf("store: insert blob: %w", err)
	}
	a.CreatedAt = tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO attachments (letter_id, sha256, name, content_type, size, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, a.LetterID, a.SHA256, a.Name, a.ContentType, a.Size, formatTime(a.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: insert attachment: %w", err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: insert attachment: %w", err)
	}
	return nil
}

const attachmentColumns = `id, letter_id, name, content_type, size, sha256, created_at`

func scanAttachment(sc interface{ Scan(...any) error }) (*letters.Attachment, error) {
	var a letters.Attachment
	if err := sc.Scan(&a.ID, &a.LetterID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, scanTime(&a.CreatedAt)); err != nil {
		return nil, err
	}
	return &a, nil
}

func findAttachmentByID(ctx context.Context, tx *Tx, id int64) (*letters.Attachment, error) {
	a, err := scanAttachment(tx.QueryRowContext(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Lampiran tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find attachment: %w", err)
	}
	return a, nil
}

// findLetterAttachments lists a letter's attachments in upload order.
func findLetterAttachments(ctx context.Context, tx *Tx, letterID int64) ([]*letters.Attachment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM attachments WHERE letter_id = ? ORDER BY id`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: find attachments: %w", err)
	}
	defer rows.Close()
	var out []*letters.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan attachment: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find attachments: %w", err)
	}
	return out, nil
}
