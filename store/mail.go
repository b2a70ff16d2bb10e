package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

var _ letters.MailService = (*MailService)(nil)

// MailService records fetched and imported mail and turns it into letters.
type MailService struct {
	db    *DB
	batch batchConn // IngestMessages' own connection (mail_batch.go)
}

// NewMailService returns the mail service of db.
func NewMailService(db *DB) *MailService { return &MailService{db: db} }

// maxInlineRaw is the largest raw message kept in the database row; larger
// ones are stored as files like attachments (a file costs two fsyncs, which
// would halve the import rate of ordinary mail).
const maxInlineRaw = 256 << 10

// mailActor is the actor of timeline and audit rows written by mail intake.
func mailActor(p *letters.Profile, folder string) *letters.User {
	u := &letters.User{Username: "email", Name: "Email masuk"}
	if folder != "" && folder != "import" {
		u.Name += " (" + strings.TrimPrefix(folder, "imap:") + ")"
	} else if folder == "import" {
		u.Name = "Impor email"
	}
	if ch := p.Channel(letters.MailChannel); ch != nil {
		u.Position = ch.Receiver
	}
	return u
}

// IngestMessage records m and what it became, in one transaction with the
// letter, its attachments and the folder's last UID. See
// letters.MailService.
//
// Mail opens letters with status received (not registered): the email
// channel's identity rules (NIK, KTP copy, statement...) are rarely all met
// by an email, and a letter refused for them would be lost. What is missing
// is flagged in the timeline for the clerk, who registers the letter (agenda
// number, receipt) once it is complete.
func (s *MailService) IngestMessage(ctx context.Context, src letters.MailSource, m *letters.MailMessage) (*letters.MailResult, error) {
	if src.Folder == "" {
		src.Folder = "import"
	}
	files, rawSum, err := s.writeMailFiles(m, s.db.writeBlob)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res, err := s.ingestTx(ctx, tx, src, m, files, rawSum)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: ingest mail: %w", err)
	}
	return res, nil
}

// writeMailFiles writes the raw message (when too large for its row) and
// the attachments m keeps with write (durably: DB.writeBlob; or synced
// later for a whole batch) and returns them with the raw file's hash.
// Blobs are on disk before the transaction that refers to them commits: a
// file without a row is harmless, a row without its file must never happen.
func (s *MailService) writeMailFiles(m *letters.MailMessage, write func([]byte) (string, error)) (mailFiles, string, error) {
	files := s.mailFiles(m)
	rawSum := ""
	if len(m.Raw) > maxInlineRaw {
		sum, err := write(m.Raw)
		if err != nil {
			return files, "", err
		}
		rawSum = sum
	}
	for _, f := range files.keep {
		sum, err := write(f.data)
		if err != nil {
			return files, "", err
		}
		f.att.SHA256 = sum
	}
	return files, rawSum, nil
}

// ingestTx records m inside tx: what it became, its row and the folder's
// last UID.
func (s *MailService) ingestTx(ctx context.Context, tx *Tx, src letters.MailSource, m *letters.MailMessage, files mailFiles, rawSum string) (*letters.MailResult, error) {
	if src.Folder == "" {
		src.Folder = "import"
	}
	res, record, err := s.ingest(ctx, tx, src, m, files)
	if err != nil {
		return nil, err
	}
	if record {
		if err := insertMailRow(ctx, tx, src, m, res, rawSum); err != nil {
			return nil, err
		}
	}
	if src.UID > 0 {
		if err := advanceFolder(ctx, tx, src); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// ingest decides what m becomes and writes the letter or reply. record is
// false for a message already recorded under the same UID or, when
// imported, a duplicate: there is nothing new to remember.
func (s *MailService) ingest(ctx context.Context, tx *Tx, src letters.MailSource, m *letters.MailMessage, files mailFiles) (*letters.MailResult, bool, error) {
	if src.UID > 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM mail_messages
			WHERE folder = ? AND uid_validity = ? AND uid = ? AND uid > 0`,
			src.Folder, src.UIDValidity, src.UID).Scan(&n); err != nil {
			return nil, false, fmt.Errorf("store: find mail uid: %w", err)
		} else if n > 0 {
			return &letters.MailResult{Outcome: letters.MailDuplicate,
				Reason: fmt.Sprintf("Pesan UID %d di folder %s sudah dicatat.", src.UID, src.Folder)}, false, nil
		}
	}
	if reason, err := findDuplicateMail(ctx, tx, m); err != nil {
		return nil, false, err
	} else if reason != "" {
		return &letters.MailResult{Outcome: letters.MailDuplicate, Reason: reason}, src.UID > 0, nil
	}
	if m.Refuse != "" {
		return &letters.MailResult{Outcome: letters.MailRefused, Reason: m.Refuse}, true, nil
	}
	if m.AutoReply != "" {
		return &letters.MailResult{Outcome: letters.MailAutoReply,
			Reason: "Balasan otomatis atau pemberitahuan gagal kirim (" + m.AutoReply + "): tidak membuka kasus."}, true, nil
	}
	p := s.db.Profile
	if p.Channel(letters.MailChannel) == nil {
		return &letters.MailResult{Outcome: letters.MailRefused,
			Reason: fmt.Sprintf("Profil kantor %s tidak memuat saluran email.", p.Slug)}, true, nil
	}
	user := mailActor(p, src.Folder)
	c, how, err := findMailCase(ctx, tx, m)
	if err != nil {
		return nil, false, err
	}
	if c != nil {
		res, err := addMailReply(ctx, tx, c, how, m, files, user)
		return res, true, err
	}
	res, err := createMailLetter(ctx, tx, src, m, files, user)
	return res, true, err
}

// createMailLetter registers m as a received letter on the email channel.
func createMailLetter(ctx context.Context, tx *Tx, src letters.MailSource, m *letters.MailMessage, files mailFiles, user *letters.User) (*letters.MailResult, error) {
	p := tx.db.Profile
	flags := append([]string{}, m.Problems...)
	flags = append(flags, files.flags...)
	l := &letters.Letter{
		Channel: letters.MailChannel, Category: letters.CategoryPengaduan, Status: letters.StatusReceived,
		Subject: m.Subject, Body: m.Text, MessageID: m.MessageID,
		Complainant: letters.Party{Name: m.FromName, Email: m.FromAddress},
	}
	normalizeLetter(l)
	if l.Subject == "" {
		l.Subject = "(tanpa perihal)"
		flags = append(flags, "Email tanpa perihal: isi perihal sebelum diagendakan.")
	}
	if truncateRunes(&l.Subject, maxSubjectLen) {
		flags = append(flags, fmt.Sprintf("Perihal dipotong menjadi %d karakter.", maxSubjectLen))
	}
	if truncateRunes(&l.Body, maxBodyLen) {
		flags = append(flags, fmt.Sprintf("Isi email dipotong menjadi %d karakter; naskah lengkap ada pada pesan asli.", maxBodyLen))
	}
	for _, f := range []*string{&l.Complainant.Name, &l.Complainant.Email, &l.MessageID} {
		truncateRunes(f, maxFieldLen)
	}
	if l.Body == "" && len(files.keep) == 0 {
		flags = append(flags, "Email tidak berisi teks maupun lampiran.")
	}
	// The office received it when its mail server did (IMAP INTERNALDATE);
	// for imported files the Date header is all there is. A time in the
	// future is not believed.
	switch {
	case !src.Arrived.IsZero() && !src.Arrived.After(tx.now):
		l.ReceivedAt = src.Arrived
	case src.Arrived.IsZero() && !m.Date.IsZero() && !m.Date.After(tx.now):
		l.ReceivedAt = m.Date
	}
	for _, f := range files.keep {
		l.Attachments = append(l.Attachments, f.att)
	}
	flags = append(flags, p.MailFlags(l, len(files.keep))...)
	if err := createLetter(ctx, tx, l, user); err != nil {
		if letters.ErrorCode(err) == letters.EINVALID || letters.ErrorCode(err) == letters.ECONFLICT {
			return &letters.MailResult{Outcome: letters.MailRefused, Reason: letters.ErrorMessage(err), Flags: flags}, nil
		}
		return nil, err
	}
	if len(flags) > 0 {
		ev := &letters.Event{LetterID: l.ID, Action: "mail_check", From: l.Status, To: l.Status,
			Note: "Perlu diperiksa petugas:\n- " + strings.Join(flags, "\n- ")}
		if err := insertEvent(ctx, tx, ev, user); err != nil {
			return nil, err
		}
	}
	return &letters.MailResult{Outcome: letters.MailLetter, LetterID: l.ID, TrackingCode: l.TrackingCode, Flags: flags}, nil
}

// truncateRunes shortens *s to at most n characters and reports whether it did.
func truncateRunes(s *string, n int) bool {
	if utf8.RuneCountInString(*s) <= n {
		return false
	}
	*s = string([]rune(*s)[:n])
	return true
}

// findDuplicateMail returns why m was ingested before, or "".
func findDuplicateMail(ctx context.Context, tx *Tx, m *letters.MailMessage) (string, error) {
	var outcome, code string
	var letterID int64
	var found bool
	var err error
	switch {
	case m.MessageID != "":
		outcome, letterID, found, err = firstMailRow(ctx, tx, `message_id = ? AND message_id <> ''`, m.MessageID)
		if err == nil && !found {
			outcome = "letter"
			err = tx.QueryRowContext(ctx, `SELECT id, tracking_code FROM letters
				WHERE message_id = ? AND message_id <> ''`, m.MessageID).Scan(&letterID, &code)
		}
	case m.Hash != "":
		outcome, letterID, found, err = firstMailRow(ctx, tx, `hash = ?`, m.Hash)
		if err == nil && !found {
			return "", nil
		}
	default:
		return "", nil
	}
	if found && letterID != 0 {
		err = tx.QueryRowContext(ctx, `SELECT tracking_code FROM letters WHERE id = ?`, letterID).Scan(&code)
		if isNoRows(err) {
			err = nil // the letter is gone: still a message seen before
		}
	}
	if isNoRows(err) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("store: find duplicate mail: %w", err)
	}
	what := "Email dengan Message-ID " + m.MessageID
	if m.MessageID == "" {
		what = "Email yang sama (tanpa Message-ID, isi identik)"
	}
	switch {
	case letterID != 0:
		return fmt.Sprintf("%s sudah diterima pada kasus dengan kode lacak %s.", what, code), nil
	case outcome == letters.MailAutoReply:
		return what + " sudah dicatat sebagai balasan otomatis.", nil
	}
	return what + " sudah dicatat sebelumnya.", nil
}
