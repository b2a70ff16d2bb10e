package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"naskah/letters"
)

var _ letters.NumberService = (*NumberService)(nil)

// NumberService hands out gapless document numbers. Every number is taken in
// a write transaction on the single writer connection, so max(seq)+1 cannot
// be read by two writers at once; numbers asked for together are grouped
// into one transaction.
type NumberService struct {
	db *DB
}

// NewNumberService returns the number service of db.
func NewNumberService(db *DB) *NumberService { return &NumberService{db: db} }

// IssueNumber takes the next number of document type doc for the current
// year in the office's zone. EINVALID for an unknown type.
func (s *NumberService) IssueNumber(ctx context.Context, doc, entity string, entityID int64) (*letters.Number, error) {
	d, err := s.document(doc)
	if err != nil {
		return nil, err
	}
	// Numbers taken at the same moment share one durable commit
	// (group_commit.go): each is max(seq)+1 after the ones before it in the
	// group, and the caller has it only once the group is on disk.
	var n *letters.Number
	err = s.db.inGroup(ctx, func(ctx context.Context, tx *Tx) (err error) {
		n, err = issueNumber(ctx, tx, d, entity, entityID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// InsertNumber takes the next inserted number after seq in year (617.a,
// then 617.b). It is formatted with the date of number seq, the date the
// inserted document belongs to. EINVALID when seq has not been issued.
func (s *NumberService) InsertNumber(ctx context.Context, doc string, year, seq int, entity string, entityID int64) (*letters.Number, error) {
	d, err := s.document(doc)
	if err != nil {
		return nil, err
	}
	nf, err := letters.ParseNumberFormat(d.NumberFormat)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	var base time.Time
	err = tx.QueryRowContext(ctx, `SELECT issued_at FROM numbers
		WHERE document = ? AND year = ? AND seq = ? AND suffix = ''`, d.Code, year, seq).Scan(scanTime(&base))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.EINVALID,
			"Nomor %d tahun %d untuk %s belum diterbitkan; nomor sisipan hanya dapat diberikan sesudah nomor yang sudah terbit.",
			seq, year, d.Name)
	} else if err != nil {
		return nil, fmt.Errorf("store: insert number: %w", err)
	}
	var inserted int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM numbers
		WHERE document = ? AND year = ? AND seq = ? AND suffix <> ''`, d.Code, year, seq).Scan(&inserted); err != nil {
		return nil, fmt.Errorf("store: insert number: %w", err)
	}
	n := &letters.Number{Document: d.Code, Year: year, Seq: seq, Suffix: letters.InsertSuffix(inserted),
		Entity: entity, EntityID: entityID, IssuedAt: tx.now}
	n.Formatted = nf.Format(n.Display(), base.In(s.db.Calendar.Location()), d.Fields)
	if err := insertNumber(ctx, tx, n, "number.insert"); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: insert number: %w", err)
	}
	return n, nil
}

// FindNumbers lists the numbers of a type and year: 616, 617, 617.a, 617.b, 618.
func (s *NumberService) FindNumbers(ctx context.Context, doc string, year int) ([]*letters.Number, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, document, year, seq, suffix, formatted, entity, entity_id, issued_at
		FROM numbers WHERE document = ? AND year = ? ORDER BY seq, length(suffix), suffix`, doc, year)
	if err != nil {
		return nil, fmt.Errorf("store: find numbers: %w", err)
	}
	defer rows.Close()
	out := []*letters.Number{}
	for rows.Next() {
		var n letters.Number
		if err := rows.Scan(&n.ID, &n.Document, &n.Year, &n.Seq, &n.Suffix, &n.Formatted,
			&n.Entity, &n.EntityID, scanTime(&n.IssuedAt)); err != nil {
			return nil, fmt.Errorf("store: scan number: %w", err)
		}
		out = append(out, &n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find numbers: %w", err)
	}
	return out, nil
}

func (s *NumberService) document(code string) (*letters.Document, error) {
	if d := s.db.Profile.Document(code); d != nil {
		return d, nil
	}
	return nil, letters.Errorf(letters.EINVALID, "Jenis dokumen %q tidak dikenal dalam profil kantor.", code)
}

// issueNumber takes the next number of d in the year of tx.now in the
// office's zone: max(seq)+1 inside the caller's write transaction.
func issueNumber(ctx context.Context, tx *Tx, d *letters.Document, entity string, entityID int64) (*letters.Number, error) {
	nf, err := letters.ParseNumberFormat(d.NumberFormat)
	if err != nil {
		return nil, err
	}
	local := tx.now.In(tx.db.Calendar.Location())
	n := &letters.Number{Document: d.Code, Year: local.Year(), Entity: entity, EntityID: entityID, IssuedAt: tx.now}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM numbers
		WHERE document = ? AND year = ? AND suffix = ''`, n.Document, n.Year).Scan(&n.Seq); err != nil {
		return nil, fmt.Errorf("store: next number: %w", err)
	}
	n.Formatted = nf.Format(strconv.Itoa(n.Seq), local, d.Fields)
	if err := insertNumber(ctx, tx, n, "number.issue"); err != nil {
		return nil, err
	}
	return n, nil
}

// insertNumber writes n and its audit row.
func insertNumber(ctx context.Context, tx *Tx, n *letters.Number, action string) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO numbers
		(document, year, seq, suffix, formatted, entity, entity_id, issued_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		n.Document, n.Year, n.Seq, n.Suffix, n.Formatted, n.Entity, n.EntityID, formatTime(n.IssuedAt))
	if err != nil {
		return fmt.Errorf("store: insert number: %w", err)
	}
	if n.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: insert number: %w", err)
	}
	entity, entityID := n.Entity, n.EntityID
	if entity == "" || entityID == 0 {
		entity, entityID = "number", n.ID
	}
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: action, Entity: entity, EntityID: entityID,
		Detail: fmt.Sprintf("Nomor %s %d/%s diterbitkan: %s", n.Document, n.Year, n.Display(), n.Formatted)})
}
