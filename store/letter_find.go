package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"naskah/letters"
)

// Page sizes of FindLetters.
const (
	DefaultLetterLimit = 50
	MaxLetterLimit     = 500
)

// FindLetterByID returns the letter with its attachments. ENOTFOUND.
func (s *LetterService) FindLetterByID(ctx context.Context, id int64) (*letters.Letter, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return visibleLetter(ctx, tx, id) // workflow.go: a unit sees a letter once disposed to it
}

// FindLetterByTrackingCode finds a letter by the code given to the
// complainant, as typed (case, spaces and look-alike letters forgiven).
// ENOTFOUND.
func (s *LetterService) FindLetterByTrackingCode(ctx context.Context, code string) (*letters.Letter, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	l, err := findLetter(ctx, tx, `tracking_code = ?`, letters.NormalizeTrackingCode(code))
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		return nil, letters.Errorf(letters.ENOTFOUND, "Kode pelacakan %q tidak ditemukan. Periksa kembali kode pada tanda terima.", strings.TrimSpace(code))
	}
	return l, err
}

// FindLetters lists letters newest first (by time received). Query searches
// subject, body, origin, sender's name and the text read from the
// attachments (scan.go) by words (each word of three letters or more also
// matches as a prefix, unless the whole words alone match more than
// letters.SearchLimit letters), or an exact agenda number, tracking code or
// LAPOR! ID; a search lists and counts only the newest letters.SearchLimit
// matches, and a total of letters.SearchLimit+1 means more than that
// (letter_search.go). From is inclusive, To exclusive. Unit keeps the
// letters held by or disposed to a position or one below it (EINVALID for
// an unknown position; letter_unit.go). The total counts every match
// before Limit (default 50, at most 500), Offset and After (a cursor: the
// next page without walking the ones before it; letter_cursor.go).
func (s *LetterService) FindLetters(ctx context.Context, f letters.LetterFilter) ([]*letters.Letter, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if err := checkAfter(f); err != nil { // letter_cursor.go
		return nil, 0, err
	}

	where, args := []string{"1 = 1"}, []any{}
	add := func(cond string, a ...any) { where, args = append(where, cond), append(args, a...) }
	// countSQL counts faster when nothing filters (issue 8); "" counts
	// the matches in the indexes.
	countSQL, countArgs := "", []any(nil)
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if f.Channel != "" {
		add("channel = ?", f.Channel)
	}
	if f.Category != "" {
		add("category = ?", f.Category)
	}
	if f.From != nil {
		add("received_at >= ?", formatTime(*f.From))
	}
	if f.To != nil {
		add("received_at < ?", formatTime(*f.To))
	}
	// letter_visible.go: a unit sees a letter once disposed to it. A small
	// set is read from its list; a large one is walked, each letter tested,
	// and counted from its list (visAt, visArgs: where the test is).
	vis, err := visibleLetters(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	seesAll, visAt, visArgs := vis == nil, len(where), len(args)
	switch {
	case vis != nil && vis.small:
		add(vis.listCond, vis.list.args...)
	case vis != nil:
		add(vis.cond, vis.args...)
	}
	if f.Overdue {
		add("status NOT IN ('delivered', 'closed') AND paused_at IS NULL AND deadline < ?", formatTime(tx.now))
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLetterLimit
	}
	limit = min(limit, MaxLetterLimit)
	offset := max(f.Offset, 0)
	if f.Unit != "" && f.After != nil { // letter_cursor.go: a unit paged by cursor
		if len(where) == 1 && f.From == nil && f.To == nil && !f.Overdue {
			return findUnitLettersAfter(ctx, tx, f, limit, offset)
		}
		cond, a, err := unitAfterCondition(ctx, tx, f, limit+offset)
		if err != nil {
			return nil, 0, err
		}
		add(cond, a...)
	} else if f.Unit != "" { // letter_unit.go
		// A period, the overdue ones or a search narrow the letters to a
		// range of an index, each then tested for the unit; alone, the
		// unit counts and pages its own list.
		narrow := f.From != nil || f.To != nil || f.Overdue || strings.TrimSpace(f.Query) != ""
		if len(where) == 1 && !narrow {
			return findUnitLetters(ctx, tx, f.Unit, limit, offset)
		}
		if narrow {
			// A small unit's list is cheaper than testing the range.
			small, err := smallUnit(ctx, tx, f.Unit, unitSmall)
			if err != nil {
				return nil, 0, err
			}
			if q := strings.TrimSpace(f.Query); q != "" && small != nil {
				return searchLetters(ctx, tx, q, strings.Join(where, " AND "), args, false, small, limit, offset)
			}
			narrow = small == nil
		}
		cond, a, err := unitCondition(tx.db.Profile, f.Unit, narrow)
		if err != nil {
			return nil, 0, err
		}
		add(cond, a...)
	}
	if len(where) == 1 {
		countSQL = `SELECT n FROM letter_count WHERE id = 1` // migration 0007
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		// search.go: the newest matches only, and a capped count.
		// An indexed filter (status, channel, dates…) of a user who sees
		// every letter is walked newest first by its index.
		// A unit is no index to walk (letter_unit.go): the matches are.
		byIndex := seesAll && len(where) > 1 && f.Unit == ""
		if vis != nil && vis.small && f.Unit == "" {
			// The matches among the few letters the user sees: the list
			// is the search's, not a filter tested per match as well.
			w := slices.Delete(slices.Clone(where), visAt, visAt+1)
			a := slices.Delete(slices.Clone(args), visArgs, visArgs+len(vis.list.args))
			return searchLetters(ctx, tx, q, strings.Join(w, " AND "), a, false, vis.list, limit, offset)
		}
		return searchLetters(ctx, tx, q, strings.Join(where, " AND "), args, byIndex, nil, limit, offset)
	}

	// Counting apart from the page lets the page read only its own rows.
	cond := strings.Join(where, " AND ")
	total := -1 // not counted (NoCount)
	if countSQL == "" {
		countSQL, countArgs = `SELECT COUNT(*) FROM letters WHERE `+cond, args
		if vis != nil && !vis.small { // a large visible set counted from its list
			cw := slices.Clone(where)
			cw[visAt] = vis.listCond
			countArgs = slices.Concat(args[:visArgs], vis.list.args, args[visArgs+len(vis.args):])
			countSQL = `SELECT COUNT(*) FROM letters WHERE ` + strings.Join(cw, " AND ")
		}
	}
	out := []*letters.Letter{}
	if !f.NoCount {
		if err := tx.QueryRowContext(ctx, countSQL, countArgs...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: count letters: %w", err)
		}
		if total <= offset {
			return out, total, nil
		}
	}
	order := ` ORDER BY received_at DESC, id DESC`
	if f.ByDeadline { // the overdue list walks letters_overdue in its order
		order = ` ORDER BY deadline, id`
	}
	// The page's ids first, then its rows: sorting ids read from an index
	// (e.g. 10,000 overdue cases) does not read every matching letter whole.
	pageCond, pageArgs := withAfter(f, cond, args) // letter_cursor.go: not in the count
	found, err := queryLetters(ctx, tx, "find letters", `SELECT `+letterColumns+` FROM letters WHERE id IN (
		SELECT id FROM letters WHERE `+pageCond+order+limitOffset(limit, offset)+`)`+order, pageArgs...)
	if err != nil {
		return nil, 0, err
	}
	return found, total, nil
}

// ftsQuery turns what a person typed into an FTS5 query that cannot be a
// syntax error: every word becomes a quoted term ("kata"), and the terms
// must all match. Operators and brackets in the input are only separators.
// It returns "" when there is no word.
func ftsQuery(q string) string { return ftsTerms(q, false) }

// ftsPrefixQuery is ftsQuery with every word of three letters or more a
// prefix term ("kata"*); a prefix of one or two letters would unite the
// lists of thousands of words (0.3 s at a million letters).
func ftsPrefixQuery(q string) string { return ftsTerms(q, true) }

func ftsTerms(q string, prefix bool) string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	if len(words) > 16 {
		words = words[:16]
	}
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if prefix && utf8.RuneCountInString(w) >= 3 {
			terms[i] += `*`
		}
	}
	return strings.Join(terms, " ")
}

// LetterEvents returns the timeline, oldest first. ENOTFOUND.
func (s *LetterService) LetterEvents(ctx context.Context, id int64) ([]*letters.Event, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findLetter(ctx, tx, `id = ?`, id); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, letter_id, action, from_status, to_status, note,
		COALESCE(actor_id, 0), actor, position, at FROM letter_events WHERE letter_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: letter events: %w", err)
	}
	defer rows.Close()
	out := []*letters.Event{}
	for rows.Next() {
		var e letters.Event
		if err := rows.Scan(&e.ID, &e.LetterID, &e.Action, &e.From, &e.To, &e.Note,
			&e.ActorID, &e.Actor, &e.Position, scanTime(&e.At)); err != nil {
			return nil, fmt.Errorf("store: scan event: %w", err)
		}
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: letter events: %w", err)
	}
	return out, nil
}

// findLetter returns one letter with its attachments. ENOTFOUND.
func findLetter(ctx context.Context, tx *Tx, where string, arg any) (*letters.Letter, error) {
	l, err := scanLetter(tx.QueryRowContext(ctx, `SELECT `+letterColumns+` FROM letters WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Surat tidak ditemukan.")
	} else if err != nil {
		return nil, err
	}
	if l.Attachments, err = findLetterAttachments(ctx, tx, l.ID); err != nil {
		return nil, err
	}
	return l, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
