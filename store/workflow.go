package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"naskah/letters"
)

// (interface assertions in workflow_check.go)

// WorkflowService runs what happens to a letter after registration:
// dispositions, drafts and their paraf chain, signing, delivery and the
// issued documents. Renderer and Signer are the letters interfaces, so the
// built-in PDF renderer and signer (templates/pdf) or a certified gateway
// can be plugged in by the caller.
type WorkflowService struct {
	db *DB
	// Renderer prints disposition sheets and documents. Required for
	// Dispose (the Lembar Disposisi) and SignDraft.
	Renderer letters.DocumentRenderer
	// Signer embeds the office's signature in signed documents. Required
	// for SignDraft.
	Signer letters.Signer
	// BaseURL is the public address of the office's Naskah, e.g.
	// "https://naskah.bkad.kalbarprov.go.id"; verification URLs printed on
	// documents start with it.
	BaseURL string
}

// NewWorkflowService returns the workflow service of db.
func NewWorkflowService(db *DB, r letters.DocumentRenderer, s letters.Signer, baseURL string) *WorkflowService {
	return &WorkflowService{db: db, Renderer: r, Signer: s, BaseURL: strings.TrimRight(baseURL, "/")}
}

// actor is the signed-in user as stored now, with the positions the user
// acts for: their own and those delegated to them (Plt./Plh.) today.
type actor struct {
	*letters.User
	positions []string          // own position first
	kinds     map[string]string // delegated position → "Plt."/"Plh."
}

// holds reports whether the actor acts for position.
func (a *actor) holds(position string) bool { return slices.Contains(a.positions, position) }

// official is the actor as printed when acting for position.
func (a *actor) official(p *letters.Profile, position string) letters.Official {
	title := p.PositionTitle(position)
	if k := a.kinds[position]; k != "" {
		title = k + " " + title
	}
	return letters.Official{Name: a.Name, Position: title, NIP: a.NIP}
}

// loadActor reads the user in ctx and the delegations they hold now.
// EUNAUTHORIZED without a user or for a disabled account.
func loadActor(ctx context.Context, tx *Tx) (*actor, error) {
	u := letters.UserFromContext(ctx)
	if u == nil {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Silakan masuk terlebih dahulu.")
	}
	// Once per request (letters/memo.go): a page asked up to four times.
	return letters.Remember(ctx, actorKey{u.ID}, func() (*actor, error) { return readActor(ctx, tx, u) })
}

// actorKey keeps a user's actor in the request memo.
type actorKey struct{ userID int64 }

// readActor reads the user and the positions they act for now.
func readActor(ctx context.Context, tx *Tx, u *letters.User) (*actor, error) {
	user, _, err := findUserByID(ctx, tx, u.ID)
	if letters.ErrorCode(err) == letters.ENOTFOUND || (err == nil && !user.Active) {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Akun Anda tidak aktif. Silakan hubungi admin.")
	} else if err != nil {
		return nil, err
	}
	a := &actor{User: user, positions: []string{user.Position}, kinds: map[string]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT position, kind FROM delegations
		WHERE user_id = ? AND from_at <= ? AND to_at > ? ORDER BY id`, user.ID, formatTime(tx.now), formatTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("store: delegations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pos, kind string
		if err := rows.Scan(&pos, &kind); err != nil {
			return nil, fmt.Errorf("store: delegations: %w", err)
		}
		if !a.holds(pos) {
			a.positions = append(a.positions, pos)
			a.kinds[pos] = kind
		}
	}
	return a, rows.Err()
}

// visibility returns the condition (on letters' id and holder) that limits
// what the user in ctx sees, or "" when the user sees every letter: no user
// (the command line and system jobs), or a position that works on every
// letter (Profile.SeesAllLetters). Any other position sees a letter it
// holds, one in whose live disposition tree it stands (as author or
// recipient), or one with a draft whose approval chain it has a step in.
func visibility(ctx context.Context, tx *Tx) (string, []any, error) {
	if letters.UserFromContext(ctx) == nil {
		return "", nil, nil
	}
	a, err := loadActor(ctx, tx)
	if err != nil {
		return "", nil, err
	}
	for _, pos := range a.positions {
		if tx.db.Profile.SeesAllLetters(pos) {
			return "", nil, nil
		}
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(a.positions)), ", ")
	var args []any
	for range 4 {
		for _, p := range a.positions {
			args = append(args, p)
		}
	}
	cond := `(holder IN (` + in + `)
		OR id IN (SELECT d.letter_id FROM dispositions d WHERE d.withdrawn_at IS NULL AND d.from_position IN (` + in + `))
		OR id IN (SELECT d.letter_id FROM dispositions d JOIN disposition_targets t ON t.disposition_id = d.id
			WHERE d.withdrawn_at IS NULL AND t.position IN (` + in + `))
		OR id IN (SELECT dr.letter_id FROM drafts dr JOIN draft_positions dp ON dp.draft_id = dr.id WHERE dp.position IN (` + in + `)))`
	return cond, args, nil
}

// checkVisible returns EFORBIDDEN when the user in ctx may not see letter id.
func checkVisible(ctx context.Context, tx *Tx, id int64) error {
	cond, args, err := visibility(ctx, tx)
	if err != nil || cond == "" {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM letters WHERE id = ? AND `+cond,
		append([]any{id}, args...)...).Scan(&n); err != nil {
		return fmt.Errorf("store: visibility: %w", err)
	}
	if n == 0 {
		return letters.Errorf(letters.EFORBIDDEN, "Surat ini belum didisposisikan kepada unit Anda.")
	}
	return nil
}

// visibleLetter finds letter id for the user in ctx. ENOTFOUND, EFORBIDDEN.
func visibleLetter(ctx context.Context, tx *Tx, id int64) (*letters.Letter, error) {
	l, err := findLetter(ctx, tx, `id = ?`, id)
	if err != nil {
		return nil, err
	}
	if err := checkVisible(ctx, tx, id); err != nil {
		return nil, err
	}
	return l, nil
}

// moveLetter performs action on l (an answer's step moving the case): the
// state machine decides the next status; holder is who acts next. It writes
// the timeline row; the caller writes the audit row.
func moveLetter(ctx context.Context, tx *Tx, l *letters.Letter, user *letters.User, action letters.Action, holder, note string) error {
	from := l.Status
	to, err := letters.NextStatus(from, action)
	if err != nil {
		return err
	}
	switch action {
	case letters.ActionDeliver:
		l.CompletedAt = &tx.now
	case letters.ActionClose:
		if l.CompletedAt == nil {
			l.CompletedAt = &tx.now
		}
		holder = ""
	}
	l.Status, l.Holder, l.UpdatedAt = to, holder, tx.now
	if err := updateLetterState(ctx, tx, l); err != nil {
		return err
	}
	return insertEvent(ctx, tx, &letters.Event{LetterID: l.ID, Action: string(action), From: from, To: to, Note: note}, user)
}

// letterEvent writes a timeline row that does not change the status.
func letterEvent(ctx context.Context, tx *Tx, l *letters.Letter, user *letters.User, action, note string) error {
	return insertEvent(ctx, tx, &letters.Event{LetterID: l.ID, Action: action, Note: note}, user)
}

// setHolder changes only the letter's holder.
func setHolder(ctx context.Context, tx *Tx, l *letters.Letter, holder string) error {
	l.Holder, l.UpdatedAt = holder, tx.now
	return updateLetterState(ctx, tx, l)
}

// storeBlob writes data as a content-addressed file and records it; the
// file is written before the transaction commits (a file without a row is
// harmless).
func storeBlob(ctx context.Context, tx *Tx, data []byte) (string, error) {
	sum, err := tx.db.writeBlob(data)
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)
		ON CONFLICT (sha256) DO NOTHING`, sum, len(data), formatTime(tx.now)); err != nil {
		return "", fmt.Errorf("store: insert blob: %w", err)
	}
	return sum, nil
}
