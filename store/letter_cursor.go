package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"naskah/letters"
)

// checkAfter refuses a cursor (letters.LetterFilter.After) where the order
// is not the agenda's newest first: a search lists its newest matches by
// registration (letter_search.go) and is capped at letters.SearchLimit, so
// it pages by Offset; the overdue list is in deadline order.
func checkAfter(f letters.LetterFilter) error {
	if f.After == nil {
		return nil
	}
	if strings.TrimSpace(f.Query) != "" {
		return letters.Errorf(letters.EINVALID, "Penanda halaman (after) tidak dapat dipakai bersama pencarian; hasil pencarian dibuka per halaman dengan offset.")
	}
	if f.ByDeadline {
		return letters.Errorf(letters.EINVALID, "Penanda halaman (after) hanya untuk urutan tanggal diterima, bukan urutan tenggat.")
	}
	if (f.After.ID == 0) != f.After.ReceivedAt.IsZero() || f.After.ID < 0 {
		return letters.Errorf(letters.EINVALID, "Penanda halaman (after) tidak lengkap.")
	}
	return nil
}

// afterCondition keeps the letters after c in the order received_at DESC,
// id DESC, on the columns of the table named by prefix ("" or e.g. "l.");
// "" for the zero cursor, the start of the list. Written as a range of
// received_at and a test of the boundary moment, so SQLite starts its walk
// of letters_received (or letters_status, letters_channel, whose entries
// end with the id) at the cursor: a page after the 1,000th costs what the
// first does.
func afterCondition(c *letters.Cursor, prefix string) (string, []any) {
	if c == nil || c.ID == 0 {
		return "", nil
	}
	at := formatTime(c.ReceivedAt)
	return prefix + `received_at <= ? AND (` + prefix + `received_at < ? OR ` + prefix + `id < ?)`, []any{at, at, c.ID}
}

// withAfter is cond and args with f.After's condition added, if any.
func withAfter(f letters.LetterFilter, cond string, args []any) (string, []any) {
	c, a := afterCondition(f.After, "")
	if c == "" {
		return cond, args
	}
	return cond + ` AND ` + c, append(slices.Clone(args), a...)
}

// unitTestCondition is unitCondition's narrow form (letter_unit.go) — each
// letter tested for the unit by its holder and its own dispositions — with
// the join order fixed: the letter's dispositions (dispositions_letter),
// then their targets. Left to choose, SQLite without statistics on the
// dispositions (an office never ANALYZEd) reads every target of the unit
// for each letter: a page of a unit of 6,666 letters among 20,000 took
// 0.8 s, and grows with the unit.
func unitTestCondition(p *letters.Profile, code string) (string, []any, error) {
	in, args, err := unitArgs(p, code)
	if err != nil {
		return "", nil, err
	}
	return `(holder IN (` + in + `)
		OR EXISTS (SELECT 1 FROM dispositions d CROSS JOIN disposition_targets t ON t.disposition_id = d.id
			WHERE d.letter_id = letters.id AND d.withdrawn_at IS NULL AND t.position IN (` + in + `)))`, args, nil
}

// unitAfterCondition is the unit filter of a page after a cursor with
// other filters. A period or the overdue ones test each letter of their
// range unless the unit is small (as FindLetters does without a cursor);
// otherwise a large unit tests each letter from the cursor on, a small
// one is its list of ids (n: the letters the page needs, Limit+Offset).
func unitAfterCondition(ctx context.Context, tx *Tx, f letters.LetterFilter, n int) (string, []any, error) {
	test := false
	if f.From != nil || f.To != nil || f.Overdue {
		small, err := smallUnit(ctx, tx, f.Unit, unitSmall)
		if err != nil {
			return "", nil, err
		}
		test = small == nil
	} else {
		all, err := countAllLetters(ctx, tx)
		if err != nil {
			return "", nil, err
		}
		if test, err = largeUnit(ctx, tx, f.Unit, all, n); err != nil {
			return "", nil, err
		}
	}
	if test {
		return unitTestCondition(tx.db.Profile, f.Unit)
	}
	return unitCondition(tx.db.Profile, f.Unit, false)
}

// largeUnit reports whether a unit has enough letters that walking the
// office's all letters newest first from a cursor, testing each, is likely
// to find n of them within unitWalk letters: more than n·all/unitWalk. It
// reads at most that many entries of each of the unit's indexes
// (smallUnit), however large the unit.
func largeUnit(ctx context.Context, tx *Tx, code string, all, n int) (bool, error) {
	if unitWalk <= 0 {
		return false, nil
	}
	small, err := smallUnit(ctx, tx, code, int(int64(n)*int64(all)/int64(unitWalk)))
	return small == nil, err
}

// countAllLetters is the number of letters the office has (migration 0007).
func countAllLetters(ctx context.Context, tx *Tx) (int, error) {
	var all int
	if err := tx.QueryRowContext(ctx, `SELECT n FROM letter_count WHERE id = 1`).Scan(&all); err != nil {
		return 0, fmt.Errorf("store: count letters: %w", err)
	}
	return all, nil
}
