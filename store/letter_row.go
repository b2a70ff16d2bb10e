package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"naskah/letters"
)

// letterColumns is the column list every letter query selects, in the order
// scanLetter reads.
const letterColumns = `id, COALESCE(agenda_number, ''), tracking_code, category, channel, class,
	subject, body, origin, ref_number, ref_date, lapor_id, message_id, statement,
	complainant_name, complainant_nik, complainant_address, complainant_phone,
	complainant_email, complainant_org, anonymous, confidential,
	status, responsible, holder, received_at, registered_at, first_response_due,
	deadline, paused_at, extended, completed_at, escalated_at,
	COALESCE(created_by, 0), created_at, updated_at`

// scanLetter reads one row of letterColumns, then extra.
func scanLetter(sc interface{ Scan(...any) error }, extra ...any) (*letters.Letter, error) {
	var l letters.Letter
	p := &l.Complainant
	dest := []any{&l.ID, &l.AgendaNumber, &l.TrackingCode, &l.Category, &l.Channel, &l.Class,
		&l.Subject, &l.Body, &l.Origin, &l.RefNumber, scanTimePtr(&l.RefDate),
		scanString(&l.LaporID), scanString(&l.MessageID), &l.Statement,
		&p.Name, nikColumn{&p.NIK}, &p.Address, &p.Phone, &p.Email, &p.Organisation, &p.Anonymous, &p.Confidential,
		&l.Status, &l.Responsible, &l.Holder, scanTime(&l.ReceivedAt), scanTimePtr(&l.RegisteredAt),
		scanTimePtr(&l.FirstResponseDue), scanTime(&l.Deadline), scanTimePtr(&l.PausedAt), &l.Extended,
		scanTimePtr(&l.CompletedAt), scanTimePtr(&l.EscalatedAt),
		&l.CreatedBy, scanTime(&l.CreatedAt), scanTime(&l.UpdatedAt)}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		if isNoRows(err) {
			return nil, err
		}
		return nil, fmt.Errorf("store: scan letter: %w", err)
	}
	return &l, nil
}

// errTrackingCodeTaken is insertLetter's answer when another letter has
// l's tracking code.
var errTrackingCodeTaken = errors.New("store: tracking code taken")

// insertLetter inserts l (without its agenda number) and sets l.ID.
func insertLetter(ctx context.Context, tx *Tx, l *letters.Letter) error {
	p := &l.Complainant
	var createdBy any
	if l.CreatedBy != 0 {
		createdBy = l.CreatedBy
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO letters (
		tracking_code, category, channel, class, subject, body, origin, ref_number, ref_date,
		lapor_id, message_id, statement, complainant_name, complainant_nik, complainant_address,
		complainant_phone, complainant_email, complainant_org, anonymous, confidential,
		status, responsible, holder, received_at, registered_at, first_response_due,
		deadline, paused_at, extended, completed_at, escalated_at, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.TrackingCode, l.Category, l.Channel, l.Class, l.Subject, l.Body, l.Origin, l.RefNumber, nullTime(l.RefDate),
		nullString(l.LaporID), nullString(l.MessageID), l.Statement, p.Name, tx.sealedNIK(p.NIK), p.Address,
		p.Phone, p.Email, p.Organisation, p.Anonymous, p.Confidential,
		string(l.Status), l.Responsible, l.Holder, formatTime(l.ReceivedAt), nullTime(l.RegisteredAt),
		nullTime(l.FirstResponseDue), formatTime(l.Deadline), nullTime(l.PausedAt), l.Extended,
		nullTime(l.CompletedAt), nullTime(l.EscalatedAt), createdBy, formatTime(l.CreatedAt), formatTime(l.UpdatedAt))
	if isUnique(err) && strings.Contains(err.Error(), "letters.tracking_code") {
		return errTrackingCodeTaken
	} else if isUnique(err) {
		return letters.Errorf(letters.ECONFLICT, "Surat ini (nomor laporan SP4N-LAPOR! atau Message-ID yang sama) sudah tercatat.")
	} else if err != nil {
		return fmt.Errorf("store: insert letter: %w", err)
	}
	if l.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: insert letter: %w", err)
	}
	return nil
}

// updateLetterState writes the fields a transition changes.
func updateLetterState(ctx context.Context, tx *Tx, l *letters.Letter) error {
	_, err := tx.ExecContext(ctx, `UPDATE letters SET status = ?, holder = ?, registered_at = ?,
		first_response_due = ?, deadline = ?, paused_at = ?, extended = ?, completed_at = ?,
		escalated_at = ?, updated_at = ? WHERE id = ?`,
		string(l.Status), l.Holder, nullTime(l.RegisteredAt), nullTime(l.FirstResponseDue),
		formatTime(l.Deadline), nullTime(l.PausedAt), l.Extended, nullTime(l.CompletedAt),
		nullTime(l.EscalatedAt), formatTime(l.UpdatedAt), l.ID)
	if err != nil {
		return fmt.Errorf("store: update letter: %w", err)
	}
	return nil
}

// insertEvent writes a timeline row for the user (nil: the public form).
func insertEvent(ctx context.Context, tx *Tx, e *letters.Event, user *letters.User) error {
	e.At = tx.now
	var actorID any
	if user != nil {
		e.ActorID, e.Actor, e.Position = user.ID, user.Name, user.Position
		if user.ID != 0 {
			actorID = user.ID
		}
	} else if e.Actor == "" {
		e.Actor = webActor
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO letter_events
		(letter_id, action, from_status, to_status, note, actor_id, actor, position, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.LetterID, e.Action, string(e.From), string(e.To), e.Note, actorID, e.Actor, e.Position, formatTime(e.At))
	if err != nil {
		return fmt.Errorf("store: insert event: %w", err)
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: insert event: %w", err)
	}
	return nil
}

// queryLetters runs a query of letterColumns and scans every row; what
// names the query in an error.
func queryLetters(ctx context.Context, tx *Tx, what, query string, args ...any) ([]*letters.Letter, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	out := []*letters.Letter{}
	for rows.Next() {
		l, err := scanLetter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}
