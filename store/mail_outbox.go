package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"os"
	"strings"
	"time"

	"naskah/letters"
)

var _ letters.OutboxService = (*MailService)(nil)

// mailRetryDelay is the wait after the n-th failed attempt: 1, 2, 4 ...
// minutes, at most 6 hours.
func mailRetryDelay(n int) time.Duration {
	d := time.Minute << min(max(n-1, 0), 16)
	return min(d, 6*time.Hour)
}

// QueueMail stores m for sending. See letters.OutboxService.
func (s *MailService) QueueMail(ctx context.Context, m *letters.OutgoingMail) error {
	user := letters.UserFromContext(ctx)
	if user == nil {
		return letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu untuk mengirim email.")
	}
	type file struct {
		p   letters.MailPart
		sum string
	}
	var files []file
	for _, p := range m.Attachments {
		if len(p.Data) > letters.MaxUploadSize {
			return letters.Errorf(letters.ETOOLARGE, "Lampiran %q melebihi batas %d MB.", p.Name, letters.MaxUploadSize>>20)
		}
		sum, err := s.db.writeBlob(p.Data)
		if err != nil {
			return err
		}
		files = append(files, file{p, sum})
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	l, err := findLetter(ctx, tx, "id = ?", m.LetterID)
	if err != nil {
		return err
	}
	if err := s.fillOutgoing(ctx, tx, l, m); err != nil {
		return err
	}
	var docID any
	if m.DocumentID != 0 {
		docID = m.DocumentID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox (letter_id, kind, to_address, to_name, subject, body,
		message_id, in_reply_to, document_id, status, next_attempt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.LetterID, m.Kind, m.To, m.ToName, m.Subject, m.Text, m.MessageID, m.InReplyTo, docID, m.Status,
		formatTime(m.NextAttempt), formatTime(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: queue mail: %w", err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: queue mail: %w", err)
	}
	for _, f := range files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)
			ON CONFLICT (sha256) DO NOTHING`, f.sum, len(f.p.Data), formatTime(tx.now)); err != nil {
			return fmt.Errorf("store: outbox blob: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox_files (outbox_id, sha256, name, content_type, size)
			VALUES (?, ?, ?, ?, ?)`, m.ID, f.sum, cleanFileName(f.p.Name), f.p.ContentType, len(f.p.Data)); err != nil {
			return fmt.Errorf("store: outbox file: %w", err)
		}
	}
	note := fmt.Sprintf("Email %s ke %s dijadwalkan untuk dikirim: %s (%d lampiran).", mailKindLabel(m.Kind), m.To, m.Subject, len(files))
	if err := insertEvent(ctx, tx, &letters.Event{LetterID: l.ID, Action: "mail_queued", From: l.Status, To: l.Status, Note: note}, user); err != nil {
		return err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter.mail_queued", Entity: "letter", EntityID: l.ID,
		Actor: user.Username, ActorID: user.ID, Detail: note}); err != nil {
		return err
	}
	return tx.Commit()
}

// fillOutgoing checks the address and fills the defaults of m from l.
func (s *MailService) fillOutgoing(ctx context.Context, tx *Tx, l *letters.Letter, m *letters.OutgoingMail) error {
	if m.Kind == "" {
		m.Kind = letters.MailKindAnswer
	}
	if m.To == "" {
		m.To, m.ToName = l.Complainant.Email, l.Complainant.Name
	}
	if m.To == "" {
		return letters.Errorf(letters.EINVALID, "Pengadu tidak memberikan alamat email; jawaban tidak dapat dikirim melalui email.")
	}
	if a, err := mail.ParseAddress(m.To); err != nil || a.Address != m.To {
		return letters.Errorf(letters.EINVALID, "Alamat email tujuan %q tidak sah.", m.To)
	}
	if strings.TrimSpace(m.Text) == "" {
		return letters.Errorf(letters.EINVALID, "Isi email wajib diisi.")
	}
	if m.Subject == "" {
		m.Subject = "Jawaban atas pengaduan Anda"
		if m.Kind == letters.MailKindKelengkapan {
			m.Subject = "Pemberitahuan kelengkapan pengaduan"
		}
		m.Subject += ": " + l.Subject
	}
	truncateRunes(&m.Subject, 200)
	if !strings.Contains(m.Subject, l.TrackingCode) {
		m.Subject += " [" + l.TrackingCode + "]"
	}
	var buf [8]byte
	rand.Read(buf[:])
	domain := "naskah.invalid"
	if _, d, ok := strings.Cut(s.db.Profile.Office.Email, "@"); ok && d != "" {
		domain = d
	}
	m.MessageID = fmt.Sprintf("naskah.%d.%s@%s", l.ID, hex.EncodeToString(buf[:]), domain)
	m.InReplyTo = l.MessageID
	if m.InReplyTo == "" {
		err := tx.QueryRowContext(ctx, `SELECT message_id FROM mail_messages WHERE letter_id = ? AND message_id <> ''
			AND outcome IN ('letter', 'reply') ORDER BY id DESC LIMIT 1`, l.ID).Scan(&m.InReplyTo)
		if err != nil && !isNoRows(err) {
			return fmt.Errorf("store: outbox reply-to: %w", err)
		}
	}
	m.Status, m.Attempts, m.LastError, m.SentAt = letters.OutboxPending, 0, "", nil
	m.NextAttempt, m.CreatedAt = tx.now, tx.now
	return nil
}

func mailKindLabel(kind string) string {
	switch kind {
	case letters.MailKindAnswer:
		return "jawaban"
	case letters.MailKindKelengkapan:
		return "pemberitahuan kelengkapan"
	}
	return "pemberitahuan"
}

// DueMail lists pending mail whose next attempt is due, with attachments.
func (s *MailService) DueMail(ctx context.Context, limit int) ([]*letters.OutgoingMail, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := findOutbox(ctx, tx, `status = 'pending' AND next_attempt <= ? ORDER BY next_attempt, id LIMIT ?`,
		formatTime(tx.now), max(limit, 1))
	if err != nil {
		return nil, err
	}
	for _, m := range out {
		if err := s.loadOutboxFiles(ctx, tx, m); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *MailService) loadOutboxFiles(ctx context.Context, tx *Tx, m *letters.OutgoingMail) error {
	rows, err := tx.QueryContext(ctx, `SELECT sha256, name, content_type FROM mail_outbox_files WHERE outbox_id = ? ORDER BY id`, m.ID)
	if err != nil {
		return fmt.Errorf("store: outbox files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var sum string
		var p letters.MailPart
		if err := rows.Scan(&sum, &p.Name, &p.ContentType); err != nil {
			return fmt.Errorf("store: outbox files: %w", err)
		}
		if p.Data, err = os.ReadFile(s.db.blobPath(sum)); err != nil {
			return fmt.Errorf("store: outbox file: %w", err)
		}
		m.Attachments = append(m.Attachments, p)
	}
	return rows.Err()
}

// FindOutbox lists the mail of a case, oldest first.
func (s *MailService) FindOutbox(ctx context.Context, letterID int64) ([]*letters.OutgoingMail, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findOutbox(ctx, tx, `letter_id = ? ORDER BY id`, letterID)
}

func findOutbox(ctx context.Context, tx *Tx, where string, args ...any) ([]*letters.OutgoingMail, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, letter_id, kind, to_address, to_name, subject, body, message_id,
		in_reply_to, COALESCE(document_id, 0), status, attempts, last_error, next_attempt, sent_at, created_at
		FROM mail_outbox WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find outbox: %w", err)
	}
	defer rows.Close()
	out := []*letters.OutgoingMail{}
	for rows.Next() {
		var m letters.OutgoingMail
		if err := rows.Scan(&m.ID, &m.LetterID, &m.Kind, &m.To, &m.ToName, &m.Subject, &m.Text, &m.MessageID,
			&m.InReplyTo, &m.DocumentID, &m.Status, &m.Attempts, &m.LastError, scanTime(&m.NextAttempt), scanTimePtr(&m.SentAt),
			scanTime(&m.CreatedAt)); err != nil {
			return nil, fmt.Errorf("store: scan outbox: %w", err)
		}
		out = append(out, &m)
	}
	return out, rows.Err()
}

// MarkMailSent records the sent copy on the case: a mail_messages row (so
// replies to its Message-ID thread back) and a timeline entry.
func (s *MailService) MarkMailSent(ctx context.Context, id int64, raw []byte) error {
	return s.outboxUpdate(ctx, id, func(tx *Tx, m *letters.OutgoingMail, l *letters.Letter) error {
		if _, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1,
			last_error = '', sent_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
			return fmt.Errorf("store: mark sent: %w", err)
		}
		sum := sha256.Sum256(raw)
		rec := &letters.MailMessage{MessageID: m.MessageID, Subject: m.Subject, FromAddress: m.To, Text: m.Text,
			Hash: hex.EncodeToString(sum[:]), Raw: raw}
		if err := insertMailRow(ctx, tx, letters.MailSource{Folder: "smtp"}, rec,
			&letters.MailResult{Outcome: "sent", LetterID: l.ID}, ""); err != nil {
			return err
		}
		note := fmt.Sprintf("Email %s terkirim ke %s: %s.", mailKindLabel(m.Kind), m.To, m.Subject)
		if err := s.outboxEvent(ctx, tx, l, "mail_sent", note); err != nil {
			return err
		}
		if m.DocumentID != 0 {
			return markDocumentSent(ctx, tx, m.DocumentID)
		}
		return nil
	})
}

// MarkMailFailed records a failed attempt. See letters.OutboxService.
func (s *MailService) MarkMailFailed(ctx context.Context, id int64, reason string) error {
	return s.outboxUpdate(ctx, id, func(tx *Tx, m *letters.OutgoingMail, l *letters.Letter) error {
		n := m.Attempts + 1
		status, next := letters.OutboxPending, tx.now.Add(mailRetryDelay(n))
		if n >= letters.MaxMailAttempts {
			status = letters.OutboxFailed
		}
		truncateRunes(&reason, 1000)
		if _, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET status = ?, attempts = ?, last_error = ?,
			next_attempt = ? WHERE id = ?`, status, n, reason, formatTime(next), id); err != nil {
			return fmt.Errorf("store: mark failed: %w", err)
		}
		switch {
		case status == letters.OutboxFailed:
			return s.outboxEvent(ctx, tx, l, "mail_failed", fmt.Sprintf(
				"Email %s ke %s GAGAL dikirim setelah %d percobaan: %s. Kirim ulang atau sampaikan dengan cara lain.",
				mailKindLabel(m.Kind), m.To, n, reason))
		case n == 1:
			return s.outboxEvent(ctx, tx, l, "mail_retry", fmt.Sprintf(
				"Email %s ke %s belum terkirim (%s); dicoba lagi otomatis.", mailKindLabel(m.Kind), m.To, reason))
		}
		return nil
	})
}

func (s *MailService) outboxUpdate(ctx context.Context, id int64, fn func(*Tx, *letters.OutgoingMail, *letters.Letter) error) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	list, err := findOutbox(ctx, tx, `id = ?`, id)
	if err != nil {
		return err
	} else if len(list) == 0 {
		return letters.Errorf(letters.ENOTFOUND, "Email keluar tidak ditemukan.")
	}
	l, err := findLetter(ctx, tx, "id = ?", list[0].LetterID)
	if err != nil {
		return err
	}
	if err := fn(tx, list[0], l); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *MailService) outboxEvent(ctx context.Context, tx *Tx, l *letters.Letter, action, note string) error {
	user := &letters.User{Username: "email", Name: "Pengiriman email"}
	if err := insertEvent(ctx, tx, &letters.Event{LetterID: l.ID, Action: action, From: l.Status, To: l.Status, Note: note}, user); err != nil {
		return err
	}
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter." + action, Entity: "letter", EntityID: l.ID,
		Actor: user.Username, Detail: note})
}
