package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

var _ letters.DelegationService = (*DelegationService)(nil)

// DelegationService records Plt./Plh. delegations: a user acting for a
// position for a period. While it runs, the user may take that position's
// steps (dispositions, paraf, signature), printed as "Plh. <title>".
type DelegationService struct {
	db *DB
}

// NewDelegationService returns the delegation service of db.
func NewDelegationService(db *DB) *DelegationService { return &DelegationService{db: db} }

// CreateDelegation stores d; only an admin may. EINVALID names the field.
func (s *DelegationService) CreateDelegation(ctx context.Context, d *letters.Delegation) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	a, err := loadActor(ctx, tx)
	if err != nil {
		return err
	}
	if !a.Admin {
		return letters.Errorf(letters.EFORBIDDEN, "Hanya admin yang dapat menunjuk Plt./Plh.")
	}
	p := s.db.Profile
	d.Kind, d.Note = strings.TrimSpace(d.Kind), strings.TrimSpace(d.Note)
	switch {
	case p.Position(d.Position) == nil:
		return letters.Errorf(letters.EINVALID, "Jabatan %q tidak dikenal dalam profil kantor.", d.Position)
	case d.Kind != "Plt." && d.Kind != "Plh.":
		return letters.Errorf(letters.EINVALID, "Jenis penugasan harus Plt. atau Plh.")
	case d.From.IsZero() || d.To.IsZero() || !d.To.After(d.From):
		return letters.Errorf(letters.EINVALID, "Masa penugasan tidak sah: tanggal selesai harus sesudah tanggal mulai.")
	}
	u, _, err := findUserByID(ctx, tx, d.UserID)
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		return letters.Errorf(letters.EINVALID, "Pengguna yang ditunjuk tidak ada.")
	} else if err != nil {
		return err
	}
	if u.Position == d.Position {
		return letters.Errorf(letters.EINVALID, "%s sudah memegang jabatan %s.", u.Name, p.PositionTitle(d.Position))
	}
	d.User, d.CreatedBy, d.CreatedAt = u.Name, a.ID, tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO delegations (position, user_id, kind, from_at, to_at, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.Position, d.UserID, d.Kind, formatTime(d.From), formatTime(d.To), d.Note,
		a.ID, formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("store: insert delegation: %w", err)
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: insert delegation: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "delegation.create", Entity: "user", EntityID: u.ID,
		Detail: fmt.Sprintf("%s %s: %s, %s s.d. %s. %s", d.Kind, p.PositionTitle(d.Position), u.Name,
			formatTime(d.From), formatTime(d.To), d.Note)}); err != nil {
		return err
	}
	return tx.Commit()
}

// FindDelegations lists every delegation, newest first.
func (s *DelegationService) FindDelegations(ctx context.Context) ([]*letters.Delegation, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.position, d.user_id, u.name, d.kind, d.from_at, d.to_at, d.note,
		d.created_by, d.created_at FROM delegations d JOIN users u ON u.id = d.user_id ORDER BY d.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: find delegations: %w", err)
	}
	defer rows.Close()
	out := []*letters.Delegation{}
	for rows.Next() {
		var d letters.Delegation
		if err := rows.Scan(&d.ID, &d.Position, &d.UserID, &d.User, &d.Kind, scanTime(&d.From), scanTime(&d.To),
			&d.Note, &d.CreatedBy, scanTime(&d.CreatedAt)); err != nil {
			return nil, fmt.Errorf("store: scan delegation: %w", err)
		}
		out = append(out, &d)
	}
	return out, rows.Err()
}

// ActingPositions lists the positions the user in ctx acts for now.
func (s *DelegationService) ActingPositions(ctx context.Context) (map[string]string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, pos := range a.positions {
		out[pos] = a.kinds[pos]
	}
	return out, nil
}
