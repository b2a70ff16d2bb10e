package store

import (
	"context"
	"fmt"
)

// firstMailRow returns the outcome and letter of the oldest mail row,
// duplicates aside, that matches cond (a condition on mail_messages with
// one parameter, arg); found is false when there is none.
//
// It reads every matching row (nearly always none or one) and keeps the
// lowest id, instead of ORDER BY id LIMIT 1: SQLite prepared that
// statement again on every run, three times the cost of the lookup, and
// the import makes one or two per message.
func firstMailRow(ctx context.Context, tx *Tx, cond string, arg any) (outcome string, letterID int64, found bool, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, outcome, COALESCE(letter_id, 0) FROM mail_messages
		WHERE `+cond+` AND outcome <> 'duplicate'`, arg)
	if err != nil {
		return "", 0, false, fmt.Errorf("store: find mail: %w", err)
	}
	defer rows.Close()
	var first int64
	for rows.Next() {
		var id, letter int64
		var o string
		if err := rows.Scan(&id, &o, &letter); err != nil {
			return "", 0, false, fmt.Errorf("store: find mail: %w", err)
		}
		if !found || id < first {
			first, outcome, letterID, found = id, o, letter, true
		}
	}
	if err := rows.Err(); err != nil {
		return "", 0, false, fmt.Errorf("store: find mail: %w", err)
	}
	return outcome, letterID, found, nil
}

// firstMailLetter returns the letter of the oldest mail row with Message-ID
// ref that has one, or 0 (without ORDER BY, like firstMailRow).
func firstMailLetter(ctx context.Context, tx *Tx, ref string) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, letter_id FROM mail_messages
		WHERE message_id = ? AND message_id <> '' AND letter_id IS NOT NULL`, ref)
	if err != nil {
		return 0, fmt.Errorf("store: find mail case: %w", err)
	}
	defer rows.Close()
	var first, letterID int64
	for rows.Next() {
		var id, letter int64
		if err := rows.Scan(&id, &letter); err != nil {
			return 0, fmt.Errorf("store: find mail case: %w", err)
		}
		if first == 0 || id < first {
			first, letterID = id, letter
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: find mail case: %w", err)
	}
	return letterID, nil
}
