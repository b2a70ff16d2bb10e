package store

import (
	"context"
	"fmt"
	"strings"

	"naskah/letters"
)

// visibleSmall is the most letters a user's visible set may have for the
// agenda and a search to start from the set's list rather than test the
// office's letters, newest first, one by one. A head of a field in a
// million-letter office who was disposed a handful of cases waited seconds
// for every agenda page and search while SQLite tested every letter
// (issue 8); from the list, a millisecond. Tests change it.
var visibleSmall = 5000

// visibleSet is what a user who does not see every letter may see (the
// rule of visibility in workflow.go), in the forms the queries need.
type visibleSet struct {
	// cond tests one letter by its own rows: walked newest first, the
	// page of a user who sees many letters fills quickly.
	cond string
	args []any
	// list selects the ids of every letter of the set; listCond is
	// "id IN (list)". A count reads the set's indexes alone this way.
	list     *unitList
	listCond string
	// small reports whether the set has at most visibleSmall letters:
	// then the page, too, starts from the list.
	small bool
}

// visibleLetters is the visible set of the user in ctx; nil when the user
// sees every letter (or no user is in ctx: the caller's own checks apply).
func visibleLetters(ctx context.Context, tx *Tx) (*visibleSet, error) {
	cond, args, err := visibility(ctx, tx)
	if err != nil || cond == "" {
		return nil, err
	}
	a, err := loadActor(ctx, tx)
	if err != nil {
		return nil, err
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(a.positions)), ", ")
	ids := `SELECT id FROM letters WHERE holder IN (` + in + `)
		UNION SELECT letter_id FROM dispositions WHERE from_position IN (` + in + `) AND withdrawn_at IS NULL
		UNION SELECT d.letter_id FROM disposition_targets t CROSS JOIN dispositions d ON d.id = t.disposition_id
			WHERE t.position IN (` + in + `) AND d.withdrawn_at IS NULL
		UNION SELECT dr.letter_id FROM draft_positions dp CROSS JOIN drafts dr ON dr.id = dp.draft_id
			WHERE dp.position IN (` + in + `) AND dr.letter_id IS NOT NULL`
	var listArgs []any
	for range 4 {
		for _, p := range a.positions {
			listArgs = append(listArgs, p)
		}
	}
	v := &visibleSet{cond: cond, args: args, list: &unitList{ids: ids, args: listArgs}, listCond: `id IN (` + ids + `)`}
	// The set's size is measured once per request (letters/memo.go): a
	// page may list letters twice (Tugas saya and its overdue list).
	v.small, err = letters.Remember(ctx, visibleSizeKey{a.ID}, func() (bool, error) {
		return visibleSetIsSmall(ctx, tx, in, listArgs)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// visibleSizeKey keeps whether a user's visible set is small in the
// request memo.
type visibleSizeKey struct{ userID int64 }

// visibleSetIsSmall counts the entries of each index of the set, at most
// visibleSmall+1 of each, without removing letters counted twice: cheap,
// and never too low.
func visibleSetIsSmall(ctx context.Context, tx *Tx, in string, listArgs []any) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT
		(SELECT COUNT(*) FROM (SELECT 1 FROM letters WHERE holder IN (%[1]s) LIMIT %[2]d)) +
		(SELECT COUNT(*) FROM (SELECT 1 FROM dispositions WHERE from_position IN (%[1]s) AND withdrawn_at IS NULL LIMIT %[2]d)) +
		(SELECT COUNT(*) FROM (SELECT 1 FROM disposition_targets WHERE position IN (%[1]s) LIMIT %[2]d)) +
		(SELECT COUNT(*) FROM (SELECT 1 FROM draft_positions WHERE position IN (%[1]s) LIMIT %[2]d))`, in, visibleSmall+1),
		listArgs...).Scan(&n); err != nil {
		return false, fmt.Errorf("store: visible letters: %w", err)
	}
	return n <= visibleSmall, nil
}
