package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

var _ letters.ReportService = (*LetterService)(nil)

// answerDocuments are the document types whose number a report shows as
// the case's answer, the Berita Acara first.
var answerDocuments = []string{"berita_acara", "surat_jawaban"}

// disposedPrefix starts the note of a disposition made as a plain
// transition (see transition).
const disposedPrefix = "Didisposisikan kepada "

// reportColumns selects what a report may show of a case: of the
// complainant only the name, organisation and the anonymous and
// confidential marks, so that no other personal data leaves the database.
// {disposed} and {answer} are filled by reportQuery.
const reportColumns = `l.id, COALESCE(l.agenda_number, ''), l.received_at, l.channel, l.category, l.class,
	l.complainant_name, l.complainant_org, l.anonymous, l.confidential, l.subject,
	l.holder, l.responsible, l.status, l.deadline, l.paused_at, l.completed_at, l.escalated_at,
	COALESCE((SELECT e.note FROM letter_events e WHERE e.letter_id = l.id AND e.action = 'dispose'
		ORDER BY e.id DESC LIMIT 1), ''),
	{disposed}, {answer}`

// Parts of reportColumns that read the workflow's tables (migration 0002):
// the targets of the latest disposition not withdrawn, and the number of
// the latest signed Berita Acara or Surat Jawaban.
const (
	disposedSQL = `COALESCE((SELECT group_concat(position, ',') FROM (SELECT t.position FROM disposition_targets t
		WHERE t.disposition_id = (SELECT d.id FROM dispositions d WHERE d.letter_id = l.id AND d.withdrawn_at IS NULL
		ORDER BY d.id DESC LIMIT 1) ORDER BY t.ord)), '')`
	answerSQL = `COALESCE((SELECT doc.number FROM documents doc WHERE doc.letter_id = l.id AND doc.type IN (?, ?)
		ORDER BY doc.type = ? DESC, doc.id DESC LIMIT 1), '')`
)

// reportQuery returns the query of ReportCases and its leading arguments,
// reading the workflow's tables only when the database has them.
func reportQuery(ctx context.Context, tx *Tx) (string, []any, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master
		WHERE type = 'table' AND name IN ('dispositions', 'disposition_targets', 'documents')`).Scan(&n); err != nil {
		return "", nil, fmt.Errorf("store: report tables: %w", err)
	}
	cols, args := reportColumns, []any{}
	if n == 3 {
		cols = strings.NewReplacer("{disposed}", disposedSQL, "{answer}", answerSQL).Replace(cols)
		args = append(args, answerDocuments[0], answerDocuments[1], answerDocuments[0])
	} else {
		cols = strings.NewReplacer("{disposed}", "''", "{answer}", "''").Replace(cols)
	}
	return `SELECT ` + cols + ` FROM letters l
		WHERE l.received_at >= ? AND l.received_at < ? AND l.category <> ?
		ORDER BY l.received_at, l.id`, args, nil
}

// ReportCases calls fn with each complaint received in period, oldest
// first, from one read transaction (a consistent snapshot), one row at a
// time. It implements letters.ReportService.
func (s *LetterService) ReportCases(ctx context.Context, period letters.Period, fn func(*letters.ReportCase) error) error {
	loc := s.db.Calendar.Location()
	from, to := period.Start(loc), period.End(loc)
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q, args, err := reportQuery(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, q, append(args, formatTime(from), formatTime(to), letters.CategorySurat)...)
	if err != nil {
		return fmt.Errorf("store: report cases: %w", err)
	}
	defer rows.Close()
	titles := map[string]string{}
	for _, p := range s.db.Profile.Positions {
		titles[p.Title] = p.Code
	}
	for rows.Next() {
		var c letters.ReportCase
		var party letters.Party
		var disposeNote, targets string
		if err := rows.Scan(&c.ID, &c.AgendaNumber, scanTime(&c.ReceivedAt), &c.Channel, &c.Category, &c.Class,
			&party.Name, &party.Organisation, &party.Anonymous, &party.Confidential, &c.Subject,
			&c.Holder, &c.Responsible, &c.Status, scanTime(&c.Deadline), scanTimePtr(&c.PausedAt),
			scanTimePtr(&c.CompletedAt), scanTimePtr(&c.EscalatedAt), &disposeNote, &targets, &c.AnswerNumber); err != nil {
			return fmt.Errorf("store: scan report case: %w", err)
		}
		c.Complainant = letters.ReportComplainant(party)
		if targets != "" {
			c.DisposedTo = strings.Split(targets, ",")
		} else if code := disposedTo(disposeNote, titles); code != "" {
			c.DisposedTo = []string{code}
		}
		if err := fn(&c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: report cases: %w", err)
	}
	return nil
}

// disposedTo returns the position code named in a transition's
// disposition note ("Didisposisikan kepada <title>. ..."), or "".
func disposedTo(note string, titles map[string]string) string {
	rest, ok := strings.CutPrefix(note, disposedPrefix)
	if !ok {
		return ""
	}
	// Titles may contain dots: take the longest title that fits.
	best := ""
	for title := range titles {
		if strings.HasPrefix(rest, title+".") && len(title) > len(best) {
			best = title
		}
	}
	return titles[best]
}
