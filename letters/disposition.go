package letters

import (
	"context"
	"slices"
	"time"
)

// Disposition instructions offered as choices; free text may be added.
var DispositionInstructions = []string{
	"untuk ditindaklanjuti",
	"siapkan jawaban",
	"untuk diketahui",
	"koordinasikan",
	"arsip",
}

// Natures (sifat) of a disposition.
var DispositionNatures = []string{"biasa", "segera", "sangat segera", "rahasia"}

// Disposition is one order of a position to one or more positions below it
// about a letter. ParentID links a further disposition down the cascade to
// the one its author received.
type Disposition struct {
	ID           int64      `json:"id"`
	LetterID     int64      `json:"letter_id"`
	ParentID     int64      `json:"parent_id,omitempty"`
	Number       string     `json:"number"`
	FromPosition string     `json:"from_position"`
	ToPositions  []string   `json:"to_positions"`
	Instructions []string   `json:"instructions"`
	Nature       string     `json:"nature"`
	Due          *time.Time `json:"due,omitempty"`
	ByID         int64      `json:"by_id"`
	By           string     `json:"by"` // name at the time
	ByNIP        string     `json:"by_nip,omitempty"`
	At           time.Time  `json:"at"`
	OpenedAt     *time.Time `json:"opened_at,omitempty"` // when a recipient first opened the letter
	WithdrawnAt  *time.Time `json:"withdrawn_at,omitempty"`
	SheetSHA256  string     `json:"sheet_sha256,omitempty"` // the stored Lembar Disposisi
}

// Live reports whether the disposition has not been withdrawn.
func (d *Disposition) Live() bool { return d.WithdrawnAt == nil }

// DisposeInput is a disposition to make.
type DisposeInput struct {
	LetterID     int64
	To           []string   // position codes
	Instructions []string   // chosen from DispositionInstructions
	Note         string     // free text instruction
	Nature       string     // one of DispositionNatures; default "biasa"
	Due          *time.Time // default: the letter's deadline
}

// DispositionService disposes letters down the hierarchy.
type DispositionService interface {
	// Dispose records a disposition by the user in ctx, numbers it and
	// stores its Lembar Disposisi. EFORBIDDEN when the user's position may
	// not dispose this letter or not to a target; EINVALID for a bad field;
	// ECONFLICT when the letter's status does not allow it.
	Dispose(ctx context.Context, in DisposeInput) (*Disposition, error)
	// SkipDisposition is "Tidak perlu disposisi": the head answers directly
	// (the letter goes to drafting with the head as holder) or files it
	// (closed) when file is true. EFORBIDDEN, ECONFLICT.
	SkipDisposition(ctx context.Context, letterID int64, file bool, note string) (*Letter, error)
	// WithdrawDisposition withdraws a disposition its author made, while no
	// recipient has opened the letter. ECONFLICT once opened.
	WithdrawDisposition(ctx context.Context, id int64, note string) error
	// MarkDispositionsOpened records that the user in ctx opened the letter:
	// every live disposition to the user's position is marked opened.
	MarkDispositionsOpened(ctx context.Context, letterID int64) error
	// FindDispositions lists a letter's dispositions, oldest first.
	FindDispositions(ctx context.Context, letterID int64) ([]*Disposition, error)
	// DispositionSheet returns the stored Lembar Disposisi PDF. ENOTFOUND.
	DispositionSheet(ctx context.Context, id int64) (*Disposition, []byte, error)
}

// DispositionRules are an office's exceptions to "down only".
type DispositionRules struct {
	// Sideways lets a position dispose to positions beside it (same
	// superior) and below them.
	Sideways bool `yaml:"sideways"`
}

// Below reports whether position code lies below position above in the
// hierarchy (above is one of its superiors, however far up).
func (p *Profile) Below(code, above string) bool {
	seen := map[string]bool{}
	for pos := p.Position(code); pos != nil && pos.Parent != "" && !seen[pos.Code]; pos = p.Position(pos.Parent) {
		seen[pos.Code] = true
		if pos.Parent == above {
			return true
		}
	}
	return false
}

// MayDisposeTo reports whether position from may dispose to position to:
// only down the hierarchy, or also sideways (to a position with the same
// superior and below it) when the profile's disposition rules allow it.
func (p *Profile) MayDisposeTo(from, to string) bool {
	if from == to || p.Position(to) == nil {
		return false
	}
	if p.Below(to, from) {
		return true
	}
	if p.Disposition.Sideways {
		if f := p.Position(from); f != nil && f.Parent != "" {
			t := p.Position(to)
			return t.Parent == f.Parent || slices.ContainsFunc(p.Positions, func(s Position) bool {
				return s.Parent == f.Parent && s.Code != from && p.Below(to, s.Code)
			})
		}
	}
	return false
}

// DisposeTargets lists the positions from may dispose to, in profile order.
func (p *Profile) DisposeTargets(from string) []Position {
	var out []Position
	for _, pos := range p.Positions {
		if p.MayDisposeTo(from, pos.Code) {
			out = append(out, pos)
		}
	}
	return out
}

// SeesAllLetters reports whether a position works on every letter of the
// office, before any disposition: the receivers of the channels, the
// positions that register, check, number, deliver or close letters, and the
// first position the dispose action names (the head who disposes what
// comes in). Every other position sees a letter only once it is in the
// letter's disposition tree, holds it, or has a step in one of its drafts'
// approval chains.
func (p *Profile) SeesAllLetters(position string) bool {
	for _, c := range p.Channels {
		if c.Receiver == position {
			return true
		}
	}
	for _, r := range p.Actions {
		switch r.Action {
		case ActionRegister, ActionVerify, ActionReturn, ActionResume, ActionNumber, ActionDeliver, ActionClose:
			if slices.Contains(r.Positions, position) {
				return true
			}
		case ActionDispose:
			if len(r.Positions) > 0 && r.Positions[0] == position {
				return true
			}
		}
	}
	return position == p.Privacy.ComplaintOfficer
}
