package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// unitWalk is how many letters, newest first, a unit's page may expect to
// test before it has its page; a smaller unit sorts its own list instead.
// Tests change it (SetUnitWalk).
var unitWalk = 20000

// unitSmall is the most letters a unit may have for a search, a period or
// the overdue ones to read the unit's list rather than test each letter by
// its own dispositions (letter_search.go). SQLite reads each letter of the
// list whole: past a few thousand, testing a month's letters costs less.
// Tests change it (SetUnitSmall).
var unitSmall = 5000

// unitList is a unit's letters as a query of their ids and its arguments.
type unitList struct {
	ids  string
	args []any
}

// smallUnit is the unit's list when it has at most most letters, nil when
// it may have more. It counts the entries of the two indexes, at most
// most+1 of each, without removing letters counted twice: the bound is
// cheap at a million letters and never too low.
func smallUnit(ctx context.Context, tx *Tx, code string, most int) (*unitList, error) {
	in, args, err := unitArgs(tx.db.Profile, code)
	if err != nil {
		return nil, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		(SELECT COUNT(*) FROM (SELECT 1 FROM letters WHERE holder IN (%[1]s) LIMIT %[2]d)) +
		(SELECT COUNT(*) FROM (SELECT 1 FROM disposition_targets WHERE position IN (%[1]s) LIMIT %[2]d))`, in, most+1),
		args...).Scan(&n); err != nil {
		return nil, fmt.Errorf("store: unit size: %w", err)
	}
	if n > most {
		return nil, nil
	}
	return &unitList{ids: unitIDs(in), args: args}, nil
}

// unitCondition is the agenda's unit filter (letters.LetterFilter.Unit):
// the letters held by the unit's position or a position below it, or
// disposed to one of them by a disposition not withdrawn. EINVALID for a
// position the profile does not know.
//
// Two forms of the same condition, for two plans. The list form unites
// the ids of letters_holder (migration 0007) and disposition_targets_unit
// (migration 0014; CROSS JOIN keeps the targets first), without reading
// every letter or every disposition. When another filter narrows the
// letters to a range of an index (a period, the overdue ones, the matches
// of a search), building the unit's whole list would cost more than that
// range: the narrow form tests each letter of the range by its own
// dispositions (dispositions_letter; CROSS JOIN keeps them first: left
// free, an office without ANALYZE statistics read every target of the unit
// for each letter tested, 2.3 s for 500 letters of a unit of 17,000).
func unitCondition(p *letters.Profile, code string, narrow bool) (string, []any, error) {
	in, args, err := unitArgs(p, code)
	if err != nil {
		return "", nil, err
	}
	if narrow {
		return `(holder IN (` + in + `)
		OR EXISTS (SELECT 1 FROM dispositions d CROSS JOIN disposition_targets t ON t.disposition_id = d.id
			WHERE d.letter_id = letters.id AND d.withdrawn_at IS NULL AND t.position IN (` + in + `)))`, args, nil
	}
	return `id IN (` + unitIDs(in) + `)`, args, nil
}

// unitIDs selects the ids of a unit's letters (no duplicates), given the
// placeholders of its positions; its arguments are unitArgs'.
func unitIDs(in string) string {
	return `SELECT id FROM letters WHERE holder IN (` + in + `)
		UNION SELECT d.letter_id FROM disposition_targets t CROSS JOIN dispositions d ON d.id = t.disposition_id
			WHERE t.position IN (` + in + `) AND d.withdrawn_at IS NULL`
}

// unitArgs is the placeholders of a unit's positions and the arguments of
// both halves of its condition.
func unitArgs(p *letters.Profile, code string) (string, []any, error) {
	codes, err := unitPositions(p, code)
	if err != nil {
		return "", nil, err
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(codes)), ", ")
	args := make([]any, 0, 2*len(codes))
	for range 2 {
		for _, c := range codes {
			args = append(args, c)
		}
	}
	return in, args, nil
}

// unitPositions is the position code and every position below it, in
// profile order after code itself. EINVALID for an unknown code.
func unitPositions(p *letters.Profile, code string) ([]string, error) {
	if p.Position(code) == nil {
		return nil, letters.Errorf(letters.EINVALID, "Unit %q tidak dikenal dalam profil kantor.", code)
	}
	out := []string{code}
	for _, pos := range p.Positions {
		if pos.Code != code && p.Below(pos.Code, code) {
			out = append(out, pos.Code)
		}
	}
	return out, nil
}

// findUnitLetters is FindLetters with a unit and no other filter, for a
// user who sees every letter. The count reads the two indexes alone. The
// page walks the letters newest first, testing each, when the unit holds
// enough of them to fill it soon (a branch with a third of the office's
// letters); a small unit sorts its own letters instead, as a walk would
// read most of the office to find them.
func findUnitLetters(ctx context.Context, tx *Tx, code string, limit, offset int) ([]*letters.Letter, int, error) {
	in, args, err := unitArgs(tx.db.Profile, code)
	if err != nil {
		return nil, 0, err
	}
	var total, all int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+unitIDs(in)+`)`, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count unit letters: %w", err)
	}
	out := []*letters.Letter{}
	if total <= offset {
		return out, total, nil
	}
	if err := tx.QueryRowContext(ctx, `SELECT n FROM letter_count WHERE id = 1`).Scan(&all); err != nil {
		return nil, 0, fmt.Errorf("store: count letters: %w", err)
	}
	page := `SELECT l.id FROM (` + unitIDs(in) + `) u CROSS JOIN letters l ON l.id = u.id
		ORDER BY l.received_at DESC, l.id DESC`
	if int64(offset+limit)*int64(all) <= int64(unitWalk)*int64(total) {
		cond, a, _ := unitCondition(tx.db.Profile, code, true)
		page, args = `SELECT id FROM letters WHERE `+cond+` ORDER BY received_at DESC, id DESC`, a
	}
	found, err := queryLetters(ctx, tx, "find unit letters", `SELECT `+letterColumns+` FROM letters WHERE id IN (
		`+page+limitOffset(limit, offset)+`) ORDER BY received_at DESC, id DESC`, args...)
	if err != nil {
		return nil, 0, err
	}
	return found, total, nil
}
