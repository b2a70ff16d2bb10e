package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

// maxNoteLen limits a transition's note, in characters.
const maxNoteLen = 5000

// noteRequired lists the actions that need a reason.
var noteRequired = map[letters.Action]string{
	letters.ActionReturn:   "Alasan pengembalian (kekurangan berkas) wajib diisi.",
	letters.ActionSendBack: "Catatan perbaikan wajib diisi.",
	letters.ActionExtend:   "Alasan perpanjangan tenggat wajib diisi.",
}

// Transition performs an action on letter id for the user in ctx and
// records it in the timeline and the audit log, in one transaction.
// EUNAUTHORIZED, EFORBIDDEN, ECONFLICT, EINVALID, ENOTFOUND.
func (s *LetterService) Transition(ctx context.Context, id int64, in letters.TransitionInput) (*letters.Letter, error) {
	user := letters.UserFromContext(ctx)
	if user == nil {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.")
	}
	in.Note, in.To = strings.TrimSpace(in.Note), strings.TrimSpace(in.To)
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	l, err := transition(ctx, tx, id, in, user)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: transition: %w", err)
	}
	return l, nil
}

func transition(ctx context.Context, tx *Tx, id int64, in letters.TransitionInput, user *letters.User) (*letters.Letter, error) {
	p, cal, now := tx.db.Profile, tx.db.Calendar, tx.now
	// The signed-in user as stored now: a disabled account or a changed
	// position takes effect at once, whatever the session says.
	user, _, err := findUserByID(ctx, tx, user.ID)
	if letters.ErrorCode(err) == letters.ENOTFOUND || (err == nil && !user.Active) {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Akun Anda tidak aktif. Silakan hubungi admin.")
	} else if err != nil {
		return nil, err
	}
	l, err := findLetter(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	}
	from := l.Status
	to, err := p.Authorize(user, from, in.Action)
	if err != nil {
		return nil, err
	}
	if msg, ok := noteRequired[in.Action]; ok && in.Note == "" {
		return nil, letters.Errorf(letters.EINVALID, "%s", msg)
	}
	if utf8.RuneCountInString(in.Note) > maxNoteLen {
		return nil, letters.Errorf(letters.EINVALID, "Catatan paling banyak %d karakter.", maxNoteLen)
	}

	note := in.Note
	switch in.Action {
	case letters.ActionRegister:
		l.RegisteredAt = &now
		if l.AgendaNumber == "" {
			if err := giveAgendaNumber(ctx, tx, l); err != nil {
				return nil, err
			}
		}
	case letters.ActionReturn:
		l.PausedAt = &now
	case letters.ActionResume:
		if l.PausedAt != nil {
			l.Deadline = cal.Resume(l.Deadline, *l.PausedAt, now).UTC()
			if f := l.FirstResponseDue; f != nil && f.After(*l.PausedAt) {
				t := cal.Resume(*f, *l.PausedAt, now).UTC()
				l.FirstResponseDue = &t
			}
		}
		l.PausedAt = nil
	case letters.ActionExtend:
		d, err := p.Extend(cal, l.Deadline, l.Extended)
		if err != nil {
			return nil, err
		}
		note = joinNote(note, fmt.Sprintf("Tenggat diperpanjang dari %s menjadi %s.",
			letters.FormatDateTime(l.Deadline.In(cal.Location())), letters.FormatDateTime(d.In(cal.Location()))))
		if w := cal.CoverageWarning(d); w != "" {
			note = joinNote(note, w)
		}
		l.Deadline, l.Extended = d.UTC(), true
	case letters.ActionDispose:
		pos := p.Position(in.To)
		if in.To == "" {
			return nil, letters.Errorf(letters.EINVALID, "Tujuan disposisi wajib dipilih.")
		} else if pos == nil {
			return nil, letters.Errorf(letters.EINVALID, "Tujuan disposisi %q tidak dikenal dalam profil kantor.", in.To)
		} else if !p.MayDisposeTo(user.Position, in.To) {
			return nil, letters.Errorf(letters.EFORBIDDEN, "Disposisi hanya dapat diteruskan ke bawah: %s tidak berada di bawah %s.",
				pos.Title, p.PositionTitle(user.Position))
		}
		note = joinNote("Didisposisikan kepada "+pos.Title+".", note)
	case letters.ActionDeliver:
		l.CompletedAt = &now
	case letters.ActionClose:
		if l.CompletedAt == nil {
			l.CompletedAt = &now
		}
	case letters.ActionEscalate:
		l.EscalatedAt = &now
		if e := p.Escalation; e != nil {
			note = joinNote("Dieskalasi kepada "+e.To+".", note)
		}
	}
	if l.Holder, err = nextHolder(ctx, tx, l, in, user, to); err != nil {
		return nil, err
	}
	l.Status, l.UpdatedAt = to, now
	if err := updateLetterState(ctx, tx, l); err != nil {
		return nil, err
	}

	ev := &letters.Event{LetterID: l.ID, Action: string(in.Action), From: from, To: to, Note: note}
	if err := insertEvent(ctx, tx, ev, user); err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("%s: %s → %s.", in.Action.Label(), from.Label(), to.Label())
	if in.To != "" {
		detail += " Tujuan: " + in.To + "."
	}
	if note != "" {
		detail += " Catatan: " + note
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "letter." + string(in.Action),
		Entity: "letter", EntityID: l.ID, Detail: detail}); err != nil {
		return nil, err
	}
	return l, nil
}

func joinNote(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}
