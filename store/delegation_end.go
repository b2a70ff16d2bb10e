package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"naskah/letters"
)

var _ letters.DelegationEnder = (*DelegationService)(nil)

// EndDelegation ends delegation id now: a running one stops at once (its
// end becomes now), one not yet begun is cancelled (its end becomes its
// start, so it never runs). Only an admin may; an audit row records it.
func (s *DelegationService) EndDelegation(ctx context.Context, id int64) (*letters.Delegation, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	if !a.Admin {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Hanya admin yang dapat mengakhiri penunjukan Plt./Plh.")
	}
	var d letters.Delegation
	err = tx.QueryRowContext(ctx, `SELECT d.id, d.position, d.user_id, u.name, d.kind, d.from_at, d.to_at, d.note,
		d.created_by, d.created_at FROM delegations d JOIN users u ON u.id = d.user_id WHERE d.id = ?`, id).
		Scan(&d.ID, &d.Position, &d.UserID, &d.User, &d.Kind, scanTime(&d.From), scanTime(&d.To),
			&d.Note, &d.CreatedBy, scanTime(&d.CreatedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Penunjukan Plt./Plh. tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find delegation: %w", err)
	}
	if !d.To.After(tx.now) {
		return nil, letters.Errorf(letters.ECONFLICT, "Penunjukan %s %s (%s) sudah berakhir.", d.Kind,
			s.db.Profile.PositionTitle(d.Position), d.User)
	}
	what := "diakhiri"
	d.To = tx.now
	if d.From.After(tx.now) {
		d.To, what = d.From, "dibatalkan sebelum mulai"
	}
	if _, err := tx.ExecContext(ctx, `UPDATE delegations SET to_at = ? WHERE id = ?`, formatTime(d.To), d.ID); err != nil {
		return nil, fmt.Errorf("store: end delegation: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "delegation.end", Entity: "user", EntityID: d.UserID,
		Detail: fmt.Sprintf("%s %s: %s, %s pada %s.", d.Kind, s.db.Profile.PositionTitle(d.Position), d.User, what,
			formatTime(tx.now))}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: end delegation: %w", err)
	}
	return &d, nil
}
