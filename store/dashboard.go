package store

import (
	"context"
	"fmt"
)

// OverdueByHolder counts, office-wide, the open letters past their deadline
// and not waiting for the complainant, per position holding them ("" for a
// letter no position holds): the same condition as the agenda's
// "terlambat" filter, counted from its partial index (migration 0007) in
// one grouped query. For the heads' dashboard (letters/web/dashboard.go).
func (s *LetterService) OverdueByHolder(ctx context.Context) (map[string]int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT COALESCE(holder, ''), COUNT(*) FROM letters
		WHERE status NOT IN ('delivered', 'closed') AND paused_at IS NULL AND deadline < ?
		GROUP BY 1`, formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: overdue by holder: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var holder string
		var n int
		if err := rows.Scan(&holder, &n); err != nil {
			return nil, fmt.Errorf("store: overdue by holder: %w", err)
		}
		out[holder] += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: overdue by holder: %w", err)
	}
	return out, nil
}
