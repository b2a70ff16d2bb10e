package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"naskah/letters"
)

// searchLimit is letters.SearchLimit; tests lower it.
var searchLimit = letters.SearchLimit

// searchLetters is FindLetters with a query (issue 8). It collects the ids
// of the newest matches — at most searchLimit+1 from each index, walked in
// descending rowid order (ids are given in order of registration), each
// checked against the filters as it is read — then reads the page from
// those ids ordered by time received. Nothing scores or counts every match
// of a common word: past searchLimit the total is searchLimit+1, "more
// than searchLimit".
//
// With byIndex (filters that have an index, no visibility rule) the
// filter's index is walked newest first instead, each letter tested against
// the matches of the index: a rare status among a common word's matches
// would otherwise be looked for among all of them (1 s at a million
// letters, 50 ms this way).
//
// With a small unit (letter_unit.go), each match is looked up in the
// list of the unit's letters, read once, rather than tested by its own
// dispositions: a unit of a few hundred letters among every match of a
// common word took 3 s at a million letters, 0.2 s this way.
func searchLetters(ctx context.Context, tx *Tx, q, cond string, args []any, byIndex bool, unit *unitList, limit, offset int) ([]*letters.Letter, int, error) {
	// filter keeps the candidates a filter allows: a correlated lookup by
	// id, so unqualified columns name the letter's.
	filter, filterArgs := "", []any(nil)
	if cond != "1 = 1" {
		filter, filterArgs = ` AND EXISTS (SELECT 1 FROM letters WHERE letters.id = %s AND `+cond+`)`, args
	}
	ids := map[int64]bool{}
	more := false
	// collect adds the ids query returns and reports whether there were
	// more than searchLimit. SQLite gathers them into one JSON array: read
	// row by row through database/sql, a thousand ids cost more than
	// finding them (about 1.5 ms of a 2.5 ms search at a million letters).
	collect := func(query string, a ...any) (bool, error) {
		var list string
		err := tx.QueryRowContext(ctx, `WITH q(id) AS (`+query+`) SELECT json_group_array(id) FROM q`, a...).Scan(&list)
		if err != nil {
			return false, fmt.Errorf("store: search letters: %w", err)
		}
		found, err := parseIDList(list)
		if err != nil {
			return false, fmt.Errorf("store: search letters: %w", err)
		}
		for _, id := range found {
			ids[id] = true
		}
		if len(found) > searchLimit {
			more = true
		}
		return len(found) > searchLimit, nil
	}
	exact := `SELECT id FROM letters WHERE (agenda_number = ? OR tracking_code = ? OR (lapor_id = ? AND lapor_id <> ''))`
	exactArgs := []any{q, letters.NormalizeTrackingCode(q), strings.ToUpper(q)}
	if cond != "1 = 1" {
		exact += ` AND ` + cond
		exactArgs = append(exactArgs, args...)
	}
	if unit != nil {
		exact += ` AND id IN (` + unit.ids + `)`
		exactArgs = append(exactArgs, unit.args...)
	}
	if _, err := collect(exact, exactArgs...); err != nil {
		return nil, 0, err
	}
	// Each index: the whole words first (as typed: "tanah" is not
	// "tanahnya"). When they alone fill the list, those newest whole-word
	// matches are the answer; only a rarer word is also read as a prefix,
	// which costs more (FTS5 merges every word that starts with it).
	exactQ, prefixQ := ftsQuery(q), ftsPrefixQuery(q)
	for _, ix := range []struct{ table, id string }{
		{"letters_fts", "letters_fts.rowid"},
		// scan.go: the text read from the letter's attachments.
		{"scans_fts", "CAST(scans_fts.letter_id AS INTEGER)"},
	} {
		if exactQ == "" {
			break
		}
		match := `SELECT ` + ix.id + ` FROM ` + ix.table + ` WHERE ` + ix.table + ` MATCH ?`
		var query string
		var params func(m string) []any
		switch {
		case unit != nil:
			// "+" keeps SQLite from handing each of the unit's ids to
			// FTS5, which would merge a prefix's words once per id.
			query = match + ` AND +` + ix.id + ` IN (` + unit.ids + `)`
			if filter != "" {
				query += fmt.Sprintf(filter, ix.id)
			}
			query += ` ORDER BY rowid DESC`
			params = func(m string) []any { return append(append([]any{m}, unit.args...), filterArgs...) }
		case byIndex:
			// "+id" keeps SQLite from looking every match up by id.
			query = `SELECT id FROM letters WHERE ` + cond + ` AND +id IN (` + match + `)
				ORDER BY received_at DESC, id DESC`
			params = func(m string) []any { return append(slices.Clone(args), m) }
		default:
			query = match
			if filter != "" {
				query += fmt.Sprintf(filter, ix.id)
			}
			query += ` ORDER BY rowid DESC`
			params = func(m string) []any { return append([]any{m}, filterArgs...) }
		}
		query += fmt.Sprintf(" LIMIT %d", searchLimit+1)
		full, err := collect(query, params(exactQ)...)
		if err != nil {
			return nil, 0, err
		}
		if !full && prefixQ != exactQ {
			if _, err := collect(query, params(prefixQ)...); err != nil {
				return nil, 0, err
			}
		}
	}
	total := len(ids)
	if more || total > searchLimit {
		total = searchLimit + 1
	}
	out := []*letters.Letter{}
	if len(ids) == 0 || offset >= len(ids) {
		return out, total, nil
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	slices.Sort(list)
	idsJSON, err := json.Marshal(list)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search letters: %w", err)
	}
	// The page's ids first, then its rows. CROSS JOIN looks each candidate
	// up by id and sorts the few thousand of them; left free, SQLite walks
	// the whole received-at index for the order and tests each letter.
	// letters_id_received (migration 0016) holds id and received_at, so
	// the lookups read that index, not the rows.
	found, err := queryLetters(ctx, tx, "search letters", `SELECT `+letterColumns+` FROM letters WHERE id IN (
		SELECT l.id FROM json_each(?) j CROSS JOIN letters l INDEXED BY letters_id_received ON l.id = j.value
		ORDER BY l.received_at DESC, l.id DESC`+limitOffset(limit, offset)+`)
		ORDER BY received_at DESC, id DESC`, string(idsJSON))
	if err != nil {
		return nil, 0, err
	}
	return found, total, nil
}

// parseIDList reads a JSON array of integers as json_group_array writes it:
// "[3,1,2]", "[]".
func parseIDList(s string) ([]int64, error) {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if s == "" {
		return nil, nil
	}
	out := make([]int64, 0, strings.Count(s, ",")+1)
	for f := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("id list %.20q: %w", s, err)
		}
		out = append(out, id)
	}
	return out, nil
}
