package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// findMailCase returns the case a reply belongs to: the letter whose own
// Message-ID, or a message already joined to it, is named in In-Reply-To or
// References, else the letter whose tracking code is in the subject. how
// says which, for the timeline.
func findMailCase(ctx context.Context, tx *Tx, m *letters.MailMessage) (*letters.Letter, string, error) {
	for _, ref := range m.References {
		if ref == "" || ref == m.MessageID {
			continue
		}
		id, err := firstMailLetter(ctx, tx, ref)
		if err == nil && id == 0 {
			err = tx.QueryRowContext(ctx, `SELECT id FROM letters WHERE message_id = ? AND message_id <> ''`, ref).Scan(&id)
		}
		if isNoRows(err) {
			continue
		} else if err != nil {
			return nil, "", fmt.Errorf("store: find mail case: %w", err)
		}
		l, err := findLetter(ctx, tx, "id = ?", id)
		if err != nil {
			return nil, "", err
		}
		return l, "membalas email <" + ref + ">", nil
	}
	if code := letters.TrackingCodeIn(m.Subject); code != "" {
		l, err := findLetter(ctx, tx, "tracking_code = ?", code)
		if letters.ErrorCode(err) == letters.ENOTFOUND {
			return nil, "", nil
		} else if err != nil {
			return nil, "", err
		}
		return l, "kode lacak " + code + " pada perihal", nil
	}
	return nil, "", nil
}

// addMailReply joins m to the case l as a timeline entry with its
// attachments. The status does not change: the clerk decides (e.g. resume
// an incomplete case).
func addMailReply(ctx context.Context, tx *Tx, l *letters.Letter, how string, m *letters.MailMessage, files mailFiles, user *letters.User) (*letters.MailResult, error) {
	flags := append(append([]string{}, m.Problems...), files.flags...)
	from := m.FromAddress
	if m.FromName != "" {
		from = m.FromName + " <" + m.FromAddress + ">"
	}
	text := strings.TrimSpace(m.Text)
	truncateRunes(&text, 4000)
	var note strings.Builder
	fmt.Fprintf(&note, "Balasan email dari %s (%s): %s", from, how, m.Subject)
	if len(files.keep) > 0 {
		fmt.Fprintf(&note, "\n%d lampiran ditambahkan.", len(files.keep))
	}
	if !l.Status.Open() {
		flags = append(flags, "Kasus ini sudah "+strings.ToLower(l.Status.Label())+"; periksa apakah perlu dibuka kembali.")
	}
	if len(flags) > 0 {
		note.WriteString("\nPerlu diperiksa petugas:\n- " + strings.Join(flags, "\n- "))
	}
	if text != "" {
		note.WriteString("\n\n" + text)
	}
	ev := &letters.Event{LetterID: l.ID, Action: "mail_reply", From: l.Status, To: l.Status, Note: note.String()}
	if err := insertEvent(ctx, tx, ev, user); err != nil {
		return nil, err
	}
	for _, f := range files.keep {
		f.att.LetterID = l.ID
		if err := insertAttachment(ctx, tx, f.att); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE letters SET updated_at = ? WHERE id = ?`, formatTime(tx.now), l.ID); err != nil {
		return nil, fmt.Errorf("store: touch letter: %w", err)
	}
	detail := fmt.Sprintf("Balasan email dari %s digabungkan ke surat %s (%s), %d lampiran.", m.FromAddress, l.TrackingCode, how, len(files.keep))
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter.mail_reply", Entity: "letter",
		EntityID: l.ID, Actor: user.Username, Detail: detail}); err != nil {
		return nil, err
	}
	return &letters.MailResult{Outcome: letters.MailReply, LetterID: l.ID, TrackingCode: l.TrackingCode, Flags: flags}, nil
}

// insertMailRow records one message and what it became.
func insertMailRow(ctx context.Context, tx *Tx, src letters.MailSource, m *letters.MailMessage, res *letters.MailResult, rawSum string) error {
	if rawSum != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)
			ON CONFLICT (sha256) DO NOTHING`, rawSum, len(m.Raw), formatTime(tx.now)); err != nil {
			return fmt.Errorf("store: insert mail blob: %w", err)
		}
	}
	sender := m.FromAddress
	if m.FromName != "" {
		sender = m.FromName + " <" + m.FromAddress + ">"
	}
	var letterID any
	if res.LetterID != 0 {
		letterID = res.LetterID
	}
	subject, body, html := m.Subject, m.Text, m.HTML
	truncateRunes(&subject, maxSubjectLen)
	truncateRunes(&body, maxBodyLen)
	truncateRunes(&html, 4*maxBodyLen)
	var raw any
	if rawSum == "" && len(m.Raw) > 0 {
		raw = m.Raw
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_messages (folder, uid_validity, uid, message_id, hash,
		raw, raw_sha256, subject, sender, sent_at, outcome, reason, flags, letter_id, body, html, path, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		src.Folder, src.UIDValidity, src.UID, m.MessageID, m.Hash, raw, nullString(rawSum), subject, sender,
		nullTime(&m.Date), res.Outcome, res.Reason, strings.Join(res.Flags, "\n"), letterID, body, html,
		src.Path, formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("store: insert mail message: %w", err)
	}
	return nil
}

// advanceFolder moves the folder's last UID to src.UID (never back). A new
// UIDVALIDITY starts the folder over.
func advanceFolder(ctx context.Context, tx *Tx, src letters.MailSource) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_folders (folder, uid_validity, last_uid, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (folder) DO UPDATE SET
			last_uid = CASE WHEN uid_validity = excluded.uid_validity THEN max(last_uid, excluded.last_uid) ELSE excluded.last_uid END,
			uid_validity = excluded.uid_validity, updated_at = excluded.updated_at`,
		src.Folder, src.UIDValidity, src.UID, formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("store: advance mail folder: %w", err)
	}
	return nil
}

// MailFolder returns the stored state of folder; zero values when it was
// never fetched.
func (s *MailService) MailFolder(ctx context.Context, folder string) (letters.MailFolderState, error) {
	st := letters.MailFolderState{Folder: folder}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return st, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT uid_validity, last_uid FROM mail_folders WHERE folder = ?`, folder).
		Scan(&st.UIDValidity, &st.LastUID)
	if err != nil && !isNoRows(err) {
		return st, fmt.Errorf("store: mail folder: %w", err)
	}
	return st, nil
}

// ResetMailFolder records a new UIDVALIDITY for folder with no UID fetched.
func (s *MailService) ResetMailFolder(ctx context.Context, folder string, uidValidity uint32) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO mail_folders (folder, uid_validity, last_uid, updated_at)
		VALUES (?, ?, 0, ?) ON CONFLICT (folder) DO UPDATE SET uid_validity = excluded.uid_validity,
		last_uid = 0, updated_at = excluded.updated_at`, folder, uidValidity, formatTime(tx.now)); err != nil {
		return fmt.Errorf("store: reset mail folder: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "mail.uidvalidity", Entity: "mail_folder",
		Actor: "email", Detail: fmt.Sprintf("UIDVALIDITY folder %s berubah menjadi %d: pesan dibaca ulang, yang sudah diterima dikenali dari Message-ID.", folder, uidValidity)}); err != nil {
		return err
	}
	return tx.Commit()
}

// MailCounts returns how many recorded messages have each outcome.
func (s *MailService) MailCounts(ctx context.Context) (map[string]int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT outcome, COUNT(*) FROM mail_messages GROUP BY outcome`)
	if err != nil {
		return nil, fmt.Errorf("store: mail counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("store: mail counts: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}
