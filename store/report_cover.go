package store

import (
	"context"
	"encoding/json"
	"fmt"

	"naskah/letters"
)

var _ letters.ReportCoverService = (*WorkflowService)(nil)

// CreateReportCover starts the Surat Pengantar Laporan of duty (an index
// into Profile.Reports) for period per: a draft of no letter, held by the
// duty's responsible position, its text filled from the report's summary,
// its chain Profile.ReportCoverChain. The checks run in a read transaction
// first so that the summary (a walk over the period's cases) is not counted
// while the writer is held; the UNIQUE index on report_covers settles a race.
func (s *WorkflowService) CreateReportCover(ctx context.Context, duty int, per letters.Period) (*letters.Draft, error) {
	p := s.db.Profile
	if duty < 0 || duty >= len(p.Reports) {
		return nil, letters.Errorf(letters.EINVALID, "Tugas laporan nomor %d tidak ada dalam profil kantor.", duty+1)
	}
	rd := p.Reports[duty]
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	a, err := s.coverChecks(ctx, tx, rd, per)
	tx.Rollback()
	if err != nil {
		return nil, err
	}
	sum := letters.NewReportSummary(p, s.db.Calendar, per, s.db.Now())
	if err := (&LetterService{db: s.db}).ReportCases(ctx, per, func(c *letters.ReportCase) error {
		sum.Add(c)
		return nil
	}); err != nil {
		return nil, err
	}
	sum.Finish()

	if tx, err = s.db.BeginTx(ctx, true); err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if a, err = s.coverChecks(ctx, tx, rd, per); err != nil {
		return nil, err
	}
	doc := p.ReportCoverDocument()
	chain := p.ReportCoverChain(rd)
	d := &letters.Draft{Type: doc.Code, Title: p.DocumentTitle(doc.Code), State: letters.DraftDrafting, Version: 1,
		Chain: chain, Holder: rd.Responsible, CreatedBy: a.ID, CreatedAt: tx.now, UpdatedAt: tx.now}
	if p.Document(doc.Code) == nil {
		d.Title = "SURAT PENGANTAR LAPORAN"
	}
	chainJSON, _ := json.Marshal(chain)
	res, err := tx.ExecContext(ctx, `INSERT INTO drafts (letter_id, type, title, state, version, step, chain, holder,
		created_by, created_at, updated_at) VALUES (NULL, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?)`,
		d.Type, d.Title, d.State, string(chainJSON), d.Holder, a.ID, formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: insert report cover: %w", err)
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return nil, fmt.Errorf("store: insert report cover: %w", err)
	}
	for _, st := range chain {
		if _, err := tx.ExecContext(ctx, `INSERT INTO draft_positions (draft_id, position) VALUES (?, ?)
			ON CONFLICT DO NOTHING`, d.ID, st.Position); err != nil {
			return nil, fmt.Errorf("store: draft positions: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO report_covers (draft_id, period_kind, recipient, responsible, period)
		VALUES (?, ?, ?, ?, ?)`, d.ID, rd.Period, rd.Recipient, rd.Responsible, per.String()); isUnique(err) {
		return nil, coverExists(per)
	} else if err != nil {
		return nil, fmt.Errorf("store: insert report cover: %w", err)
	}
	in := p.ReportCoverTemplate(rd, sum)
	in.Note = "Konsep awal dari ringkasan laporan."
	if d.Current, err = insertVersion(ctx, tx, d.ID, 1, in, a.User); err != nil {
		return nil, err
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "report.cover", Entity: "report", EntityID: d.ID,
		Detail: fmt.Sprintf("Konsep %d: surat pengantar Laporan %s %s kepada %s dibuat oleh %s sebagai %s.",
			d.ID, per.KindLabel(), per.Label(), rd.Recipient, a.Name, rd.Responsible)}); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: create report cover: %w", err)
	}
	return d, nil
}

// coverChecks checks that the user in ctx may start the cover letter of rd
// for per now, and returns them.
func (s *WorkflowService) coverChecks(ctx context.Context, tx *Tx, rd letters.ReportDuty, per letters.Period) (*actor, error) {
	p := s.db.Profile
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	if !a.holds(rd.Responsible) {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Surat pengantar laporan kepada %s disusun oleh %s; jabatan Anda (%s) tidak bertugas menyusunnya.",
			rd.Recipient, p.PositionTitle(rd.Responsible), p.PositionTitle(a.Position))
	}
	if per.Kind != rd.Period {
		return nil, letters.Errorf(letters.EINVALID, "Periode %s bukan periode laporan %s kepada %s.", per.String(),
			rd.Period, rd.Recipient)
	}
	if end := per.End(s.db.Calendar.Location()); tx.now.Before(end) {
		return nil, letters.Errorf(letters.EINVALID, "Periode laporan %s belum berakhir; surat pengantar dapat dibuat mulai %s.",
			per.Label(), letters.FormatDate(end))
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_covers WHERE period_kind = ? AND recipient = ?
		AND responsible = ? AND period = ?`, rd.Period, rd.Recipient, rd.Responsible, per.String()).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: report cover: %w", err)
	} else if n > 0 {
		return nil, coverExists(per)
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_sent WHERE period_kind = ? AND recipient = ?
		AND responsible = ? AND period = ?`, rd.Period, rd.Recipient, rd.Responsible, per.String()).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: report cover: %w", err)
	} else if n > 0 {
		return nil, letters.Errorf(letters.ECONFLICT, "Laporan %s %s sudah tercatat terkirim.", per.KindLabel(), per.Label())
	}
	return a, nil
}

func coverExists(per letters.Period) error {
	return letters.Errorf(letters.ECONFLICT, "Surat pengantar Laporan %s %s sudah dibuat; lanjutkan konsep yang ada.",
		per.KindLabel(), per.Label())
}

// FindReportCovers lists the cover letters made, newest first.
func (s *WorkflowService) FindReportCovers(ctx context.Context) ([]*letters.ReportCover, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT c.draft_id, c.period_kind, c.recipient, c.responsible, c.period,
		d.state, d.holder, d.step, d.chain, COALESCE((SELECT id FROM documents WHERE draft_id = d.id), 0)
		FROM report_covers c JOIN drafts d ON d.id = c.draft_id ORDER BY c.draft_id DESC`)
	if err != nil {
		return nil, fmt.Errorf("store: report covers: %w", err)
	}
	defer rows.Close()
	out := []*letters.ReportCover{}
	for rows.Next() {
		c := &letters.ReportCover{}
		var kind, period, chain string
		var step int
		if err := rows.Scan(&c.DraftID, &kind, &c.Duty.Recipient, &c.Duty.Responsible, &period, &c.State, &c.Holder,
			&step, &chain, &c.DocumentID); err != nil {
			return nil, fmt.Errorf("store: report covers: %w", err)
		}
		if c.Period, err = letters.ParsePeriod(period); err != nil {
			return nil, fmt.Errorf("store: report cover %d: %w", c.DraftID, err)
		}
		c.Duty.Period = kind
		for _, rd := range s.db.Profile.Reports {
			if rd.Period == kind && rd.Recipient == c.Duty.Recipient && rd.Responsible == c.Duty.Responsible {
				c.Duty = rd
			}
		}
		var steps []letters.ChainStep
		if err := json.Unmarshal([]byte(chain), &steps); err != nil {
			return nil, fmt.Errorf("store: report cover chain: %w", err)
		}
		if step >= 0 && step < len(steps) {
			c.Step = steps[step].Step
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// markCoverSent records, in the signing transaction, the report of the
// cover letter d as sent.
func markCoverSent(ctx context.Context, tx *Tx, d *letters.Draft, number string) error {
	var kind, recipient, responsible, period string
	if err := tx.QueryRowContext(ctx, `SELECT period_kind, recipient, responsible, period FROM report_covers
		WHERE draft_id = ?`, d.ID).Scan(&kind, &recipient, &responsible, &period); err != nil {
		return fmt.Errorf("store: report cover %d: %w", d.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO report_sent (period_kind, recipient, responsible, period, sent_at, note)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, kind, recipient, responsible, period, formatTime(tx.now),
		"Surat pengantar nomor "+number+" ditandatangani."); err != nil {
		return fmt.Errorf("store: mark report sent: %w", err)
	}
	label := period
	if per, err := letters.ParsePeriod(period); err == nil {
		label = per.KindLabel() + " " + per.Label()
	}
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: "report.sent", Entity: "report", EntityID: d.ID,
		Detail: fmt.Sprintf("Laporan %s kepada %s tercatat terkirim: surat pengantar nomor %s ditandatangani.", label, recipient, number)})
}

// checkDraftVisible checks that the user in ctx may see draft d: the
// letter's visibility rule, or for a report cover (no letter) a position in
// its chain or one that may view the office's reports.
func checkDraftVisible(ctx context.Context, tx *Tx, d *letters.Draft) error {
	if d.LetterID != 0 {
		return checkVisible(ctx, tx, d.LetterID)
	}
	return coverVisible(ctx, tx, d.ID)
}

func coverVisible(ctx context.Context, tx *Tx, draftID int64) error {
	if letters.UserFromContext(ctx) == nil {
		return nil
	}
	a, err := loadActor(ctx, tx)
	if err != nil {
		return err
	}
	for _, pos := range a.positions {
		if tx.db.Profile.MayViewReports(pos) {
			return nil
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM draft_positions WHERE draft_id = ? AND position = ?`,
			draftID, pos).Scan(&n); err != nil {
			return fmt.Errorf("store: report cover visibility: %w", err)
		} else if n > 0 {
			return nil
		}
	}
	return letters.Errorf(letters.EFORBIDDEN, "Surat pengantar laporan ini tidak berada dalam alur jabatan Anda.")
}

// draftLetter is the letter draft d answers, or for a report cover an empty
// letter (the renderer prints the drafted addressee and fields).
func draftLetter(ctx context.Context, tx *Tx, d *letters.Draft) (*letters.Letter, error) {
	if d.LetterID == 0 {
		return &letters.Letter{}, nil
	}
	return findLetter(ctx, tx, `id = ?`, d.LetterID)
}

// draftDocument is the profile's document type typ, or the default Surat
// Pengantar Laporan; nil when unknown.
func draftDocument(p *letters.Profile, typ string) *letters.Document {
	if d := p.Document(typ); d != nil {
		return d
	}
	if typ == letters.DocReportCover {
		d := p.ReportCoverDocument()
		return &d
	}
	return nil
}
