package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"naskah/letters"
)

var _ letters.AuditService = (*AuditService)(nil)

// AuditService reads and verifies the audit log.
type AuditService struct {
	db *DB
}

// NewAuditService returns the audit service of db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

// FindAuditEntries lists the rows about one entity, oldest first.
func (s *AuditService) FindAuditEntries(ctx context.Context, entity string, entityID int64) ([]*letters.AuditEntry, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit
		WHERE entity = ? AND entity_id = ? ORDER BY id`, entity, entityID)
	if err != nil {
		return nil, fmt.Errorf("store: find audit: %w", err)
	}
	defer rows.Close()
	out := []*letters.AuditEntry{}
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find audit: %w", err)
	}
	return out, nil
}

// VerifyAudit walks every row in id order, recomputing each hash and
// checking that each row links to the one before it. It reports the first
// row that does not verify.
func (s *AuditService) VerifyAudit(ctx context.Context) (letters.AuditReport, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return letters.AuditReport{}, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit ORDER BY id`)
	if err != nil {
		return letters.AuditReport{}, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()

	rep := letters.AuditReport{OK: true}
	var prevID int64
	var prevHash string
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return letters.AuditReport{}, err
		}
		rep.Rows++
		bad := func(reason string, args ...any) (letters.AuditReport, error) {
			rep.OK, rep.BadRowID, rep.Reason = false, e.ID, fmt.Sprintf(reason, args...)
			return rep, nil
		}
		switch {
		case e.ID != prevID+1:
			return bad("nomor baris melompat dari %d ke %d; ada baris yang dihapus.", prevID, e.ID)
		case e.PrevHash != prevHash:
			return bad("hash baris sebelumnya tidak cocok; baris %d telah diubah atau diganti.", prevID)
		case e.ComputeHash() != e.Hash:
			return bad("isi baris tidak cocok dengan hash-nya; baris ini telah diubah.")
		}
		prevID, prevHash = e.ID, e.Hash
	}
	if err := rows.Err(); err != nil {
		return letters.AuditReport{}, fmt.Errorf("store: verify audit: %w", err)
	}
	return rep, nil
}

const auditColumns = `id, at, actor_id, actor, action, entity, entity_id, detail, prev_hash, hash`

func scanAudit(rows *sql.Rows) (*letters.AuditEntry, error) {
	var e letters.AuditEntry
	if err := rows.Scan(&e.ID, scanTime(&e.At), &e.ActorID, &e.Actor, &e.Action,
		&e.Entity, &e.EntityID, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return nil, fmt.Errorf("store: scan audit: %w", err)
	}
	return &e, nil
}

// appendAudit chains e to the last row and inserts it. The actor defaults to
// the user in ctx; the time is the transaction's.
func appendAudit(ctx context.Context, tx *Tx, e *letters.AuditEntry) error {
	if e.ActorID == 0 && e.Actor == "" {
		if u := letters.UserFromContext(ctx); u != nil {
			e.ActorID, e.Actor = u.ID, u.Username
		}
	}
	var lastID int64
	var lastHash string
	if t := tx.audit; t != nil && t.known {
		lastID, lastHash = t.id, t.hash
	} else {
		err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&lastID, &lastHash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: last audit row: %w", err)
		}
	}
	e.ID = lastID + 1
	e.At = tx.now
	e.PrevHash = lastHash
	e.Hash = e.ComputeHash()
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit (`+auditColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, formatTime(e.At), e.ActorID, e.Actor, e.Action, e.Entity, e.EntityID,
		e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("store: append audit: %w", err)
	}
	if t := tx.audit; t != nil {
		t.id, t.hash, t.known = e.ID, e.Hash, true
	}
	return nil
}

// auditTail is the last row of the audit chain as a transaction that
// writes many rows (a mail batch) left it: the next row links to it
// without reading it back. It is valid only inside that transaction,
// which holds the write lock; nothing else appends meanwhile.
type auditTail struct {
	id    int64
	hash  string
	known bool
}
