package store

import (
	"context"
	"fmt"
	"os"
	"strings"

	"naskah/letters"
)

// FindMailByLetter lists the messages that opened or joined a case, oldest
// first.
func (s *MailService) FindMailByLetter(ctx context.Context, letterID int64) ([]*letters.MailRecord, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, folder, uid, message_id, subject, sender, outcome, reason,
		flags, COALESCE(letter_id, 0), body, html, COALESCE(raw_sha256, ''), created_at
		FROM mail_messages WHERE letter_id = ? ORDER BY id`, letterID)
	if err != nil {
		return nil, fmt.Errorf("store: find mail: %w", err)
	}
	defer rows.Close()
	out := []*letters.MailRecord{}
	for rows.Next() {
		var r letters.MailRecord
		var flags string
		if err := rows.Scan(&r.ID, &r.Folder, &r.UID, &r.MessageID, &r.Subject, &r.Sender, &r.Outcome,
			&r.Reason, &flags, &r.LetterID, &r.Text, &r.HTML, &r.RawSHA256, scanTime(&r.CreatedAt)); err != nil {
			return nil, fmt.Errorf("store: scan mail: %w", err)
		}
		if flags != "" {
			r.Flags = strings.Split(flags, "\n")
		}
		out = append(out, &r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find mail: %w", err)
	}
	return out, nil
}

// MailRaw returns the message with id as it was received (an .eml), from
// its row or its file. ENOTFOUND.
func (s *MailService) MailRaw(ctx context.Context, id int64) ([]byte, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var raw []byte
	var sum string
	err = tx.QueryRowContext(ctx, `SELECT raw, COALESCE(raw_sha256, '') FROM mail_messages WHERE id = ?`, id).Scan(&raw, &sum)
	if isNoRows(err) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Pesan email tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: mail raw: %w", err)
	}
	if sum == "" {
		return raw, nil
	}
	data, err := os.ReadFile(s.db.blobPath(sum))
	if err != nil {
		return nil, fmt.Errorf("store: mail raw %d: %w", id, err)
	}
	return data, nil
}
