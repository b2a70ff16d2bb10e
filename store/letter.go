package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"naskah/letters"
)

var _ letters.LetterService = (*LetterService)(nil)

// LetterService registers letters and moves them through their lifecycle.
type LetterService struct {
	db *DB
}

// NewLetterService returns the letter service of db.
func NewLetterService(db *DB) *LetterService { return &LetterService{db: db} }

// Length limits of a letter's text fields, in characters.
const (
	maxSubjectLen = 1000
	maxBodyLen    = 100_000
	maxFieldLen   = 500
)

// webActor names the public form in timelines and the audit log.
const webActor = "Formulir daring"

// CreateLetter registers l and stores its uploads, all or nothing: the
// files are written (by content hash) first, then one transaction gives the
// agenda number, tracking code and deadlines and writes the letter, its
// attachments, the timeline row, the audit row and the search index.
//
// A letter is registered (in the agenda) unless the caller sets Status to
// received (e.g. fetched mail awaiting a clerk): such a letter gets its agenda
// number with the register action.
func (s *LetterService) CreateLetter(ctx context.Context, l *letters.Letter, uploads []letters.Upload) error {
	user := letters.UserFromContext(ctx)
	normalizeLetter(l)
	if user == nil && l.Channel != "web" {
		return letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu untuk mencatat surat.")
	} else if user == nil {
		l.ReceivedAt = time.Time{} // the public cannot date its own complaint
	}
	if err := checkLetterLengths(l); err != nil {
		return err
	}
	if err := s.db.Profile.CheckIntake(l, len(uploads)); err != nil {
		return err
	}
	files, err := checkUploads(uploads)
	if err != nil {
		return err
	}
	atts := make([]*letters.Attachment, 0, len(files))
	for _, f := range files {
		sum, err := s.db.writeBlob(f.data)
		if err != nil {
			return err
		}
		atts = append(atts, &letters.Attachment{Name: f.name, ContentType: f.contentType,
			Size: int64(len(f.data)), SHA256: sum})
	}
	l.Attachments = atts

	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	err = createLetter(ctx, tx, l, user)
	if err == nil {
		if err = tx.Commit(); err != nil {
			err = fmt.Errorf("store: create letter: %w", err)
		}
	}
	if err != nil {
		l.ID, l.AgendaNumber, l.TrackingCode = 0, "", "" // nothing was saved
	}
	return err
}

// normalizeLetter trims what people type and fills the category default.
func normalizeLetter(l *letters.Letter) {
	for _, p := range []*string{&l.Channel, &l.Category, &l.Class, &l.Subject, &l.Body, &l.Origin,
		&l.RefNumber, &l.LaporID, &l.MessageID, &l.Complainant.Name, &l.Complainant.NIK,
		&l.Complainant.Address, &l.Complainant.Phone, &l.Complainant.Email, &l.Complainant.Organisation} {
		*p = strings.TrimSpace(*p)
	}
	l.Channel = strings.ToLower(l.Channel)
	l.Complainant.NIK = strings.ReplaceAll(l.Complainant.NIK, " ", "")
	l.LaporID = strings.ToUpper(l.LaporID)
}

func checkLetterLengths(l *letters.Letter) error {
	if utf8.RuneCountInString(l.Subject) > maxSubjectLen {
		return letters.Errorf(letters.EINVALID, "Perihal paling banyak %d karakter.", maxSubjectLen)
	}
	if utf8.RuneCountInString(l.Body) > maxBodyLen {
		return letters.Errorf(letters.EINVALID, "Isi surat/pengaduan paling banyak %d karakter.", maxBodyLen)
	}
	for _, f := range []struct{ label, v string }{
		{"Asal surat", l.Origin}, {"Nomor surat", l.RefNumber}, {"Nomor laporan SP4N-LAPOR!", l.LaporID},
		{"Message-ID", l.MessageID}, {"Nama pengadu", l.Complainant.Name}, {"Alamat", l.Complainant.Address},
		{"Alamat email", l.Complainant.Email}, {"Nama instansi/lembaga", l.Complainant.Organisation},
	} {
		if utf8.RuneCountInString(f.v) > maxFieldLen {
			return letters.Errorf(letters.EINVALID, "%s paling banyak %d karakter.", f.label, maxFieldLen)
		}
	}
	return nil
}

// createLetter writes a checked letter and everything that comes with it
// inside tx. Blobs for l.Attachments must already be on disk.
func createLetter(ctx context.Context, tx *Tx, l *letters.Letter, user *letters.User) error {
	db := tx.db
	if err := checkDuplicate(ctx, tx, l); err != nil {
		return err
	}
	if l.ReceivedAt.IsZero() {
		l.ReceivedAt = tx.now
	} else if l.ReceivedAt.After(tx.now.Add(5 * time.Minute)) {
		return letters.Errorf(letters.EINVALID, "Waktu diterima tidak boleh sesudah waktu sekarang.")
	}
	l.ReceivedAt = l.ReceivedAt.UTC().Truncate(time.Millisecond)
	dl, err := db.Profile.Deadlines(db.Calendar, l.Channel, l.Class, l.ReceivedAt)
	if err != nil {
		return err
	}
	l.Deadline, l.FirstResponseDue = dl.Completion.UTC(), nil
	if dl.FirstResponse != nil {
		t := dl.FirstResponse.UTC()
		l.FirstResponseDue = &t
	}

	action := letters.ActionRegister
	if l.Status == letters.StatusReceived {
		action = "receive"
		l.Holder = db.Profile.Channel(l.Channel).Receiver
	} else {
		l.Status = letters.StatusRegistered
		now := tx.now
		l.RegisteredAt = &now
		l.Holder = holderFor(db.Profile, letters.StatusRegistered)
	}
	l.ID, l.AgendaNumber, l.PausedAt, l.Extended, l.CompletedAt, l.EscalatedAt = 0, "", nil, false, nil, nil
	l.Responsible = db.Profile.ReceiptOfficial(l.Channel)
	l.CreatedBy, l.CreatedAt, l.UpdatedAt = 0, tx.now, tx.now
	if user != nil {
		l.CreatedBy = user.ID
	}
	if err := insertWithTrackingCode(ctx, tx, l); err != nil {
		return err
	}
	if l.Status == letters.StatusRegistered {
		if err := giveAgendaNumber(ctx, tx, l); err != nil {
			return err
		}
	}
	for _, a := range l.Attachments {
		a.LetterID = l.ID
		if err := insertAttachment(ctx, tx, a); err != nil {
			return err
		}
	}
	ev := &letters.Event{LetterID: l.ID, Action: string(action), To: l.Status, Note: strings.Join(dl.Warnings, " ")}
	if err := insertEvent(ctx, tx, ev, user); err != nil {
		return err
	}
	detail := fmt.Sprintf("Surat %s dicatat dari saluran %s (%s), %d lampiran; status %s.",
		l.AgendaNumber, l.Channel, l.Category, len(l.Attachments), l.Status.Label())
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter." + string(action), Entity: "letter",
		EntityID: l.ID, Actor: actorName(user), Detail: detail})
}

// checkDuplicate refuses a LAPOR! ID or Message-ID registered before.
func checkDuplicate(ctx context.Context, tx *Tx, l *letters.Letter) error {
	for _, d := range []struct{ col, value, label string }{
		{"lapor_id", l.LaporID, "Nomor laporan SP4N-LAPOR! " + l.LaporID},
		{"message_id", l.MessageID, "Email dengan Message-ID " + l.MessageID},
	} {
		if d.value == "" {
			continue
		}
		var agenda string
		// "<> ''" repeats the partial index's condition so that SQLite uses it.
		err := tx.QueryRowContext(ctx, `SELECT COALESCE(agenda_number, '') FROM letters
			WHERE `+d.col+` = ? AND `+d.col+` <> ''`, d.value).Scan(&agenda)
		if err == nil {
			if agenda == "" {
				return letters.Errorf(letters.ECONFLICT, "%s sudah diterima dan menunggu diagendakan.", d.label)
			}
			return letters.Errorf(letters.ECONFLICT, "%s sudah teragenda dengan nomor agenda %s.", d.label, agenda)
		} else if !isNoRows(err) {
			return fmt.Errorf("store: check duplicate: %w", err)
		}
	}
	return nil
}

// giveAgendaNumber issues the profile's agenda number to l.
func giveAgendaNumber(ctx context.Context, tx *Tx, l *letters.Letter) error {
	p := tx.db.Profile
	doc := p.Document(p.Agenda)
	if doc == nil {
		return fmt.Errorf("store: profile %s has no agenda document %q", p.Slug, p.Agenda)
	}
	n, err := issueNumber(ctx, tx, doc, "letter", l.ID)
	if err != nil {
		return err
	}
	l.AgendaNumber = n.Formatted
	if _, err := tx.ExecContext(ctx, `UPDATE letters SET agenda_number = ? WHERE id = ?`, n.Formatted, l.ID); err != nil {
		if isUnique(err) {
			return fmt.Errorf("store: agenda number %q given twice (number format without {nomor}?): %w", n.Formatted, err)
		}
		return fmt.Errorf("store: set agenda number: %w", err)
	}
	return nil
}

// insertWithTrackingCode inserts l with a new tracking code. The code's
// UNIQUE constraint finds the rare collision (and the insert is tried again
// with another code): no lookup before each letter.
func insertWithTrackingCode(ctx context.Context, tx *Tx, l *letters.Letter) error {
	for range 10 {
		l.TrackingCode = letters.NewTrackingCode()
		err := insertLetter(ctx, tx, l)
		if !errors.Is(err, errTrackingCodeTaken) {
			return err
		}
	}
	l.TrackingCode = ""
	return fmt.Errorf("store: no free tracking code after 10 tries")
}

func actorName(u *letters.User) string {
	if u == nil {
		return webActor
	}
	return u.Username
}
