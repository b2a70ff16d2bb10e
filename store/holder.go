package store

import (
	"context"
	"fmt"

	"naskah/letters"
)

// nextActions says, for each status, which actions move the case on; the
// holder is the first position the profile allows to take the first of them.
var nextActions = map[letters.Status][]letters.Action{
	letters.StatusReceived:   {letters.ActionRegister},
	letters.StatusRegistered: {letters.ActionVerify, letters.ActionDispose},
	letters.StatusIncomplete: {letters.ActionResume},
	letters.StatusVerified:   {letters.ActionDispose},
	letters.StatusDisposed:   {letters.ActionDraft},
	letters.StatusDrafting:   {letters.ActionSubmit},
	letters.StatusInReview:   {letters.ActionSign},
	letters.StatusSigned:     {letters.ActionNumber},
	letters.StatusNumbered:   {letters.ActionDeliver},
	letters.StatusDelivered:  {letters.ActionClose},
	letters.StatusEscalated:  {letters.ActionDispose},
}

// holderFor returns the position that must act next on a case in status s,
// or "" when the profile names none.
func holderFor(p *letters.Profile, s letters.Status) string {
	for _, a := range nextActions[s] {
		for _, r := range p.Actions {
			if r.Action == a && len(r.Positions) > 0 {
				return r.Positions[0]
			}
		}
	}
	return ""
}

// nextHolder returns the holder of l after action in leads it to status to:
// the target of a disposition, the drafter while drafting, nobody once
// closed, otherwise the first position allowed to take the next step.
func nextHolder(ctx context.Context, tx *Tx, l *letters.Letter, in letters.TransitionInput, user *letters.User, to letters.Status) (string, error) {
	switch {
	case to == letters.StatusClosed:
		return "", nil
	case in.Action == letters.ActionExtend:
		return l.Holder, nil
	case in.Action == letters.ActionDispose:
		return in.To, nil
	case in.Action == letters.ActionDraft:
		return user.Position, nil
	case in.Action == letters.ActionSendBack:
		var pos string
		err := tx.QueryRowContext(ctx, `SELECT position FROM letter_events
			WHERE letter_id = ? AND action = ? ORDER BY id DESC LIMIT 1`, l.ID, string(letters.ActionDraft)).Scan(&pos)
		if err != nil && !isNoRows(err) {
			return "", fmt.Errorf("store: drafter: %w", err)
		} else if pos != "" {
			return pos, nil
		}
	}
	if h := holderFor(tx.db.Profile, to); h != "" {
		return h, nil
	}
	return l.Holder, nil
}
