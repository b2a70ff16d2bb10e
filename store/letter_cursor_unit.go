package store

import (
	"context"
	"fmt"

	"naskah/letters"
)

// findUnitLettersAfter is findUnitLetters (letter_unit.go) for a page after
// a cursor (f.After; the zero cursor is the first page). A unit with
// enough letters walks the office's letters newest first from the cursor,
// testing each (unitTestCondition): every page of an export of 345,000
// letters among a million then reads about 1,500 letters, the last as the
// first. A small unit sorts what is left of its own list. With NoCount (an
// export's batches) the unit is not counted: the choice needs only to know
// whether the unit has more letters than a walk needs, which largeUnit
// bounds from the indexes.
func findUnitLettersAfter(ctx context.Context, tx *Tx, f letters.LetterFilter, limit, offset int) ([]*letters.Letter, int, error) {
	in, args, err := unitArgs(tx.db.Profile, f.Unit)
	if err != nil {
		return nil, 0, err
	}
	all, err := countAllLetters(ctx, tx)
	if err != nil {
		return nil, 0, err
	}
	total, walk := -1, false
	if f.NoCount {
		if walk, err = largeUnit(ctx, tx, f.Unit, all, offset+limit); err != nil {
			return nil, 0, err
		}
	} else {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+unitIDs(in)+`)`, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: count unit letters: %w", err)
		}
		walk = int64(offset+limit)*int64(all) <= int64(unitWalk)*int64(total)
	}
	var page string
	if walk {
		cond, a, err := unitTestCondition(tx.db.Profile, f.Unit)
		if err != nil {
			return nil, 0, err
		}
		cond, args = withAfter(f, cond, a)
		page = `SELECT id FROM letters WHERE ` + cond + ` ORDER BY received_at DESC, id DESC`
	} else {
		page = `SELECT l.id FROM (` + unitIDs(in) + `) u CROSS JOIN letters l ON l.id = u.id`
		if after, a := afterCondition(f.After, "l."); after != "" {
			page += ` WHERE ` + after
			args = append(args, a...)
		}
		page += ` ORDER BY l.received_at DESC, l.id DESC`
	}
	found, err := queryLetters(ctx, tx, "find unit letters", `SELECT `+letterColumns+` FROM letters WHERE id IN (
		`+page+limitOffset(limit, offset)+`) ORDER BY received_at DESC, id DESC`, args...)
	if err != nil {
		return nil, 0, err
	}
	return found, total, nil
}
