package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"naskah/letters"
)

// bulkWriter holds the prepared statements of one bulk transaction.
type bulkWriter struct {
	letter, event, number, audit *sql.Stmt
}

func newBulkWriter(ctx context.Context, tx *sql.Tx) (*bulkWriter, error) {
	w := &bulkWriter{}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&w.letter, `INSERT INTO letters (agenda_number,
			tracking_code, category, channel, class, subject, body, origin, ref_number, ref_date,
			lapor_id, message_id, statement, complainant_name, complainant_nik, complainant_address,
			complainant_phone, complainant_email, complainant_org, anonymous, confidential,
			status, responsible, holder, received_at, registered_at, first_response_due,
			deadline, paused_at, extended, completed_at, escalated_at, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.event, `INSERT INTO letter_events
			(letter_id, action, from_status, to_status, note, actor_id, actor, position, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.number, `INSERT INTO numbers (document, year, seq, suffix, formatted, entity, entity_id, issued_at)
			VALUES (?, ?, ?, '', ?, 'letter', ?, ?)`},
		{&w.audit, `INSERT INTO audit (` + auditColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := tx.PrepareContext(ctx, s.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*s.dst = st
	}
	return w, nil
}

func (w *bulkWriter) close() {
	for _, s := range []*sql.Stmt{w.letter, w.event, w.number, w.audit} {
		if s != nil {
			s.Close()
		}
	}
}

// bulkStep is one transition of a generated case after its registration.
type bulkStep struct {
	action letters.Action
	to     letters.Status
	at     time.Time
}

// writeBatch writes letters first..first+n-1 of the run.
func (g *bulkGen) writeBatch(ctx context.Context, w *bulkWriter, first, n int, res *BulkResult) error {
	p, cal := g.db.Profile, g.db.Calendar
	loc := cal.Location()
	for i := first; i < first+n; i++ {
		l := g.letter(i)
		if err := p.CheckIntake(l, 1); err != nil { // 1: the identity document counts as shown
			return fmt.Errorf("generated case %d (%s): %w", i, l.Channel, err)
		}
		dl, err := p.Deadlines(cal, l.Channel, l.Class, l.ReceivedAt)
		if err != nil {
			return err
		}
		l.Deadline = dl.Completion.UTC()
		if dl.FirstResponse != nil {
			t := dl.FirstResponse.UTC()
			l.FirstResponseDue = &t
		}
		reg := l.ReceivedAt.Add(time.Duration(5+g.rng.IntN(55)) * time.Minute)
		l.RegisteredAt = &reg
		clerk := g.receiver[l.Channel]
		l.CreatedBy = clerk.id
		l.Responsible = p.ReceiptOfficial(l.Channel)

		local := reg.In(loc)
		year := local.Year()
		g.seq[year]++
		l.AgendaNumber = g.format.Format(strconv.Itoa(g.seq[year]), local, g.agenda.Fields)

		steps := g.steps(l, reg)
		l.Status, l.Holder = letters.StatusRegistered, holderFor(p, letters.StatusRegistered)
		l.UpdatedAt = reg
		for _, s := range steps {
			l.Status, l.UpdatedAt = s.to, s.at
			l.Holder = holderFor(p, s.to)
			switch s.to {
			case letters.StatusIncomplete:
				t := s.at
				l.PausedAt = &t
			case letters.StatusClosed:
				t := s.at
				l.CompletedAt, l.Holder = &t, ""
			case letters.StatusEscalated:
				t := s.at
				l.EscalatedAt = &t
			}
		}
		pt := &l.Complainant
		r, err := w.letter.ExecContext(ctx, l.AgendaNumber,
			l.TrackingCode, l.Category, l.Channel, l.Class, l.Subject, l.Body, l.Origin, l.RefNumber, nullTime(l.RefDate),
			nullString(l.LaporID), nil, l.Statement, pt.Name, g.nik.seal(pt.NIK), pt.Address,
			pt.Phone, pt.Email, pt.Organisation, pt.Anonymous, pt.Confidential,
			string(l.Status), l.Responsible, l.Holder, formatTime(l.ReceivedAt), formatTime(reg),
			nullTime(l.FirstResponseDue), formatTime(l.Deadline), nullTime(l.PausedAt), false,
			nullTime(l.CompletedAt), nullTime(l.EscalatedAt), clerk.id, formatTime(reg), formatTime(l.UpdatedAt))
		if err != nil {
			return fmt.Errorf("insert letter: %w", err)
		}
		if l.ID, err = r.LastInsertId(); err != nil {
			return err
		}
		if res.FirstID == 0 {
			res.FirstID = l.ID
		}
		res.LastID = l.ID

		// Registration: the number, the timeline row and the audit rows, as
		// CreateLetter writes them.
		if _, err := w.number.ExecContext(ctx, g.agenda.Code, year, g.seq[year], l.AgendaNumber, l.ID, formatTime(reg)); err != nil {
			return fmt.Errorf("insert number: %w", err)
		}
		res.Numbers++
		if err := g.event(ctx, w, l.ID, letters.ActionRegister, "", letters.StatusRegistered, clerk, reg, res); err != nil {
			return err
		}
		if err := g.auditRow(ctx, w, clerk, reg, "number.issue", l.ID,
			fmt.Sprintf("Nomor %s %d/%d diterbitkan: %s", g.agenda.Code, year, g.seq[year], l.AgendaNumber), res); err != nil {
			return err
		}
		if err := g.auditRow(ctx, w, clerk, reg, "letter.register", l.ID,
			fmt.Sprintf("Surat %s dicatat dari saluran %s (%s), 0 lampiran; status %s.",
				l.AgendaNumber, l.Channel, l.Category, letters.StatusRegistered.Label()), res); err != nil {
			return err
		}
		from := letters.StatusRegistered
		for _, s := range steps {
			u := g.actor[s.action]
			if err := g.event(ctx, w, l.ID, s.action, from, s.to, u, s.at, res); err != nil {
				return err
			}
			if err := g.auditRow(ctx, w, u, s.at, "letter."+string(s.action), l.ID,
				fmt.Sprintf("%s: %s → %s.", s.action.Label(), from.Label(), s.to.Label()), res); err != nil {
				return err
			}
			from = s.to
		}
		res.Letters++
		res.Status[string(l.Status)]++
		res.Channel[l.Channel]++
	}
	return nil
}

// steps picks what happened to a case after registration: cases past their
// deadline are nearly all closed (1.5% were returned as incomplete or
// escalated), cases within it are still open in the early stages or closed.
func (g *bulkGen) steps(l *letters.Letter, reg time.Time) []bulkStep {
	cal := g.db.Calendar
	after := func(days int) time.Time {
		// the end of that working day, back into office hours (08:00–15:00)
		return cal.AddWorkingDays(reg, days).Add(-16*time.Hour + time.Duration(g.rng.IntN(420))*time.Minute).Truncate(time.Millisecond)
	}
	age := g.now.Sub(reg)
	x := g.rng.Float64()
	old := g.now.After(l.Deadline) // most cases are settled within their deadline
	verify := bulkStep{letters.ActionVerify, letters.StatusVerified, after(1)}
	switch {
	case old && x < 0.985, !old && x < 0.30 && age > 10*24*time.Hour:
		closed := after(3 + g.rng.IntN(10))
		if closed.After(g.now) {
			return []bulkStep{verify}
		}
		return []bulkStep{verify, {letters.ActionClose, letters.StatusClosed, closed}}
	case old && x < 0.995, !old && x < 0.40:
		return []bulkStep{{letters.ActionReturn, letters.StatusIncomplete, after(1)}}
	case old:
		return []bulkStep{verify, {letters.ActionEscalate, letters.StatusEscalated, l.Deadline.Add(time.Hour)}}
	case x < 0.70 && age > 2*24*time.Hour:
		return []bulkStep{verify}
	}
	return nil
}

func (g *bulkGen) event(ctx context.Context, w *bulkWriter, id int64, a letters.Action, from, to letters.Status,
	u bulkUser, at time.Time, res *BulkResult) error {
	if _, err := w.event.ExecContext(ctx, id, string(a), string(from), string(to), "", u.id, u.name,
		u.position, formatTime(at)); err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	res.Events++
	return nil
}

// auditRow appends to the hash chain, as appendAudit does.
func (g *bulkGen) auditRow(ctx context.Context, w *bulkWriter, u bulkUser, at time.Time, action string,
	id int64, detail string, res *BulkResult) error {
	e := &letters.AuditEntry{ID: g.lastID + 1, At: at.UTC().Truncate(time.Millisecond), ActorID: u.id,
		Actor: u.username, Action: action, Entity: "letter", EntityID: id, Detail: detail, PrevHash: g.lastHash}
	e.Hash = e.ComputeHash()
	if _, err := w.audit.ExecContext(ctx, e.ID, formatTime(e.At), e.ActorID, e.Actor, e.Action, e.Entity,
		e.EntityID, e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("insert audit: %w", err)
	}
	g.lastID, g.lastHash = e.ID, e.Hash
	res.Audit++
	return nil
}
