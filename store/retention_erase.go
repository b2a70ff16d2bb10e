package store

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"naskah/letters"
)

// eraseCase erases the personal data of letter id in one transaction, when
// it is still due at cutoff (another run may have done it meanwhile).
func (s *RetentionService) eraseCase(ctx context.Context, id int64, cutoff time.Time, res *letters.RetentionResult) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var p letters.Party
	var nikStored, subject, body, origin string
	err = tx.QueryRowContext(ctx, `SELECT complainant_name, complainant_nik, complainant_address,
		complainant_phone, complainant_email, complainant_org, subject, body, origin
		FROM letters WHERE id = ? AND `+dueCondition, id, formatTime(cutoff)).Scan(
		&p.Name, &nikStored, &p.Address, &p.Phone, &p.Email, &p.Organisation, &subject, &body, &origin)
	if isNoRows(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: retention letter %d: %w", id, err)
	}
	if p.NIK, err = openNIK(nikStored); err != nil {
		p.NIK = "" // the ciphertext goes anyway; only the text scrub misses it
	}
	values := []string{p.Name, p.NIK, p.Address, p.Phone, p.Email, p.Organisation}
	senders, err := s.caseSenders(ctx, tx, id)
	if err != nil {
		return err
	}
	values = append(values, senders...)
	scrub := func(text string) string { return letters.ScrubText(text, values...) }

	name := ""
	if p.Name != "" || p.NIK != "" || p.Address != "" || p.Phone != "" || p.Email != "" || p.Organisation != "" {
		name = letters.ErasedMark
	}
	if _, err := tx.ExecContext(ctx, `UPDATE letters SET complainant_name = ?, complainant_nik = '',
		complainant_address = '', complainant_phone = '', complainant_email = '', complainant_org = '',
		subject = ?, body = ?, origin = ?, personal_erased_at = ? WHERE id = ?`,
		name, scrub(subject), scrub(body), scrub(origin), formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: retention letter %d: %w", id, err)
	}
	if err := scrubColumns(ctx, tx, "letter_events", "letter_id", id, []string{"note"}, scrub); err != nil {
		return err
	}
	files, err := s.eraseAttachments(ctx, tx, id)
	if err != nil {
		return err
	}
	msgs, raws, err := s.eraseMail(ctx, tx, id, scrub)
	if err != nil {
		return err
	}
	for _, sum := range append(files, raws...) {
		if err := releaseBlob(ctx, tx, sum); err != nil {
			return err
		}
	}
	detail := fmt.Sprintf("Data pribadi pengadu dihapus karena masa retensi lewat (kasus selesai sebelum %s): identitas, %d lampiran, %d email.",
		letters.FormatDate(cutoff.In(s.db.Calendar.Location())), len(files), msgs)
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter.retention_erase", Entity: "letter",
		EntityID: id, Detail: detail}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: retention letter %d: %w", id, err)
	}
	res.Cases++
	res.Attachments += len(files)
	res.Messages += msgs
	return nil
}

// caseSenders returns the senders of the case's email ("Name <address>"),
// whole and in parts, for the text scrub.
func (s *RetentionService) caseSenders(ctx context.Context, tx *Tx, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT sender FROM mail_messages WHERE letter_id = ? AND sender <> ''`, id)
	if err != nil {
		return nil, fmt.Errorf("store: retention senders: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sender string
		if err := rows.Scan(&sender); err != nil {
			return nil, fmt.Errorf("store: retention senders: %w", err)
		}
		if sender == letters.ErasedMark {
			continue
		}
		out = append(out, sender)
		if a, err := mail.ParseAddress(sender); err == nil {
			out = append(out, a.Name, a.Address)
		}
	}
	return out, rows.Err()
}

// eraseAttachments removes the case's attachments with their OCR text and
// search rows, and returns their files' hashes.
func (s *RetentionService) eraseAttachments(ctx context.Context, tx *Tx, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT sha256 FROM attachments WHERE letter_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("store: retention attachments: %w", err)
	}
	var sums []string
	for rows.Next() {
		var sum string
		if err := rows.Scan(&sum); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: retention attachments: %w", err)
		}
		sums = append(sums, sum)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: retention attachments: %w", err)
	}
	for _, q := range []string{
		`DELETE FROM scans_fts WHERE rowid IN (SELECT id FROM attachments WHERE letter_id = ?)`,
		`DELETE FROM scans WHERE letter_id = ?`,
		`DELETE FROM attachments WHERE letter_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return nil, fmt.Errorf("store: retention attachments: %w", err)
		}
	}
	return sums, nil
}

// eraseMail erases the raw messages and senders of the case's email and
// scrubs their text and the outgoing mail to the complainant. It returns
// the number of messages and the hashes of raw files.
func (s *RetentionService) eraseMail(ctx context.Context, tx *Tx, id int64, scrub func(string) string) (int, []string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mail_messages WHERE letter_id = ?`, id).Scan(&n); err != nil {
		return 0, nil, fmt.Errorf("store: retention mail: %w", err)
	}
	var raws []string
	rows, err := tx.QueryContext(ctx, `SELECT raw_sha256 FROM mail_messages WHERE letter_id = ? AND raw_sha256 IS NOT NULL`, id)
	if err != nil {
		return 0, nil, fmt.Errorf("store: retention mail: %w", err)
	}
	for rows.Next() {
		var sum string
		if err := rows.Scan(&sum); err != nil {
			rows.Close()
			return 0, nil, fmt.Errorf("store: retention mail: %w", err)
		}
		raws = append(raws, sum)
	}
	rows.Close()
	if err := scrubColumns(ctx, tx, "mail_messages", "letter_id", id, []string{"subject", "body", "html"}, scrub); err != nil {
		return 0, nil, err
	}
	if err := scrubColumns(ctx, tx, "mail_outbox", "letter_id", id, []string{"subject", "body"}, scrub); err != nil {
		return 0, nil, err
	}
	for _, q := range []string{
		`UPDATE mail_messages SET raw = NULL, raw_sha256 = NULL, sender = '` + letters.ErasedMark + `', path = '' WHERE letter_id = ?`,
		`UPDATE mail_outbox SET to_address = '` + letters.ErasedMark + `', to_name = '' WHERE letter_id = ?`,
		// Nothing more can be sent to an erased address.
		`UPDATE mail_outbox SET status = 'failed', last_error = 'Alamat dihapus karena masa retensi.' WHERE letter_id = ? AND status = 'pending'`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return 0, nil, fmt.Errorf("store: retention mail: %w", err)
		}
	}
	return n, raws, nil
}

// scrubColumns rewrites the given text columns of the rows of table whose
// key column is id, where scrub changes them.
func scrubColumns(ctx context.Context, tx *Tx, table, key string, id int64, cols []string, scrub func(string) string) error {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, `+strings.Join(cols, ", ")+` FROM `+table+` WHERE `+key+` = ?`, id)
	if err != nil {
		return fmt.Errorf("store: retention %s: %w", table, err)
	}
	type change struct {
		rowid int64
		vals  []any
	}
	var changes []change
	for rows.Next() {
		vals := make([]string, len(cols))
		dst := []any{new(int64)}
		for i := range vals {
			dst = append(dst, &vals[i])
		}
		if err := rows.Scan(dst...); err != nil {
			rows.Close()
			return fmt.Errorf("store: retention %s: %w", table, err)
		}
		c := change{rowid: *dst[0].(*int64)}
		changed := false
		for _, v := range vals {
			nv := scrub(v)
			changed = changed || nv != v
			c.vals = append(c.vals, nv)
		}
		if changed {
			changes = append(changes, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: retention %s: %w", table, err)
	}
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = c + " = ?"
	}
	q := `UPDATE ` + table + ` SET ` + strings.Join(set, ", ") + ` WHERE rowid = ?`
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, q, append(c.vals, c.rowid)...); err != nil {
			return fmt.Errorf("store: retention %s: %w", table, err)
		}
	}
	return nil
}

// releaseBlob drops the blob row of sum and queues its file for removal
// when no table refers to it any more. The referring columns are read from
// the schema, so a table added later is respected.
func releaseBlob(ctx context.Context, tx *Tx, sum string) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'blobs'`)
	if err != nil {
		return fmt.Errorf("store: retention blob refs: %w", err)
	}
	var refs [][2]string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			rows.Close()
			return fmt.Errorf("store: retention blob refs: %w", err)
		}
		refs = append(refs, [2]string{t, c})
	}
	rows.Close()
	for _, r := range refs {
		var n int
		q := fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM %q WHERE %q = ? LIMIT 1)`, r[0], r[1])
		if err := tx.QueryRowContext(ctx, q, sum).Scan(&n); err != nil {
			return fmt.Errorf("store: retention blob refs: %w", err)
		}
		if n > 0 {
			return nil
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM blobs WHERE sha256 = ?`, sum); err != nil {
		return fmt.Errorf("store: retention blob: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO retention_files (sha256) VALUES (?) ON CONFLICT DO NOTHING`, sum); err != nil {
		return fmt.Errorf("store: retention blob: %w", err)
	}
	return nil
}
