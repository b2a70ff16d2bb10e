package letters

import "slices"

// Action is a step a user takes that moves a letter between statuses.
type Action string

// Workflow actions.
const (
	ActionRegister Action = "register"  // put a received letter in the agenda
	ActionReturn   Action = "return"    // return to the complainant as incomplete
	ActionResume   Action = "resume"    // the complainant completed it
	ActionVerify   Action = "verify"    // confirm complete and valid
	ActionDispose  Action = "dispose"   // dispose to a position
	ActionDraft    Action = "draft"     // start drafting the answer
	ActionSubmit   Action = "submit"    // send the draft up the paraf chain
	ActionSendBack Action = "send_back" // return the draft with notes
	ActionSign     Action = "sign"      // sign the answer
	ActionNumber   Action = "number"    // register and number the signed answer
	ActionDeliver  Action = "deliver"   // hand over or send the answer
	ActionClose    Action = "close"     // close the case
	ActionEscalate Action = "escalate"  // escalate a late case
	ActionExtend   Action = "extend"    // extend the deadline once (no status change)
)

// Actions lists every action.
var Actions = []Action{
	ActionRegister, ActionReturn, ActionResume, ActionVerify, ActionDispose,
	ActionDraft, ActionSubmit, ActionSendBack, ActionSign, ActionNumber,
	ActionDeliver, ActionClose, ActionEscalate, ActionExtend,
}

var actionLabels = map[Action]string{
	ActionRegister: "Agendakan",
	ActionReturn:   "Kembalikan (belum lengkap)",
	ActionResume:   "Berkas dilengkapi",
	ActionVerify:   "Verifikasi",
	ActionDispose:  "Disposisi",
	ActionDraft:    "Susun jawaban",
	ActionSubmit:   "Ajukan untuk paraf",
	ActionSendBack: "Kembalikan dengan catatan",
	ActionSign:     "Tandatangani",
	ActionNumber:   "Registrasi/penomoran",
	ActionDeliver:  "Serahkan/kirim jawaban",
	ActionClose:    "Tutup",
	ActionEscalate: "Eskalasi",
	ActionExtend:   "Perpanjang tenggat",
}

// Label is the action as a user reads it.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// transitions: for each action, the statuses it may start from and where it goes.
var transitions = map[Action]struct {
	from []Status
	to   Status
}{
	ActionRegister: {[]Status{StatusReceived}, StatusRegistered},
	ActionReturn:   {[]Status{StatusRegistered, StatusVerified}, StatusIncomplete},
	ActionResume:   {[]Status{StatusIncomplete}, StatusRegistered},
	ActionVerify:   {[]Status{StatusRegistered}, StatusVerified},
	ActionDispose:  {[]Status{StatusRegistered, StatusVerified, StatusDisposed, StatusEscalated}, StatusDisposed},
	ActionDraft:    {[]Status{StatusDisposed, StatusEscalated, StatusInReview}, StatusDrafting},
	ActionSubmit:   {[]Status{StatusDrafting}, StatusInReview},
	ActionSendBack: {[]Status{StatusInReview}, StatusDrafting},
	ActionSign:     {[]Status{StatusInReview}, StatusSigned},
	ActionNumber:   {[]Status{StatusSigned}, StatusNumbered},
	ActionDeliver:  {[]Status{StatusNumbered}, StatusDelivered},
	ActionClose:    {[]Status{StatusDelivered, StatusRegistered, StatusVerified, StatusDisposed, StatusEscalated}, StatusClosed},
	ActionEscalate: {[]Status{StatusRegistered, StatusVerified, StatusDisposed, StatusDrafting, StatusInReview}, StatusEscalated},
	ActionExtend:   {[]Status{StatusRegistered, StatusVerified, StatusDisposed, StatusDrafting, StatusInReview, StatusEscalated}, ""},
}

// NextStatus returns the status that action leads to from status from; an
// empty status for actions that do not change it (extend). It returns
// ECONFLICT, saying why, when the action is not allowed from there.
func NextStatus(from Status, action Action) (Status, error) {
	t, ok := transitions[action]
	if !ok {
		return "", Errorf(EINVALID, "Tindakan %q tidak dikenal.", action)
	}
	if !slices.Contains(t.from, from) {
		return "", Errorf(ECONFLICT, "Tindakan %q tidak dapat dilakukan pada surat berstatus %q.", action.Label(), from.Label())
	}
	if t.to == "" {
		return from, nil
	}
	return t.to, nil
}

// AllowedActions lists the actions possible from status s, in order.
func AllowedActions(s Status) []Action {
	var out []Action
	for _, a := range Actions {
		if slices.Contains(transitions[a].from, s) {
			out = append(out, a)
		}
	}
	return out
}

// MayPerform reports whether a user holding position may perform action under
// profile p. Admins get no workflow rights from being admins.
func (p *Profile) MayPerform(position string, action Action) bool {
	for _, r := range p.Actions {
		if r.Action == action {
			return slices.Contains(r.Positions, position)
		}
	}
	return false
}

// Authorize checks both the state machine and the profile: it returns the
// next status, EFORBIDDEN when the user's position may not perform action,
// or ECONFLICT when the letter's status does not allow it.
func (p *Profile) Authorize(user *User, from Status, action Action) (Status, error) {
	if user == nil {
		return "", Errorf(EUNAUTHORIZED, "Silakan masuk terlebih dahulu.")
	}
	if !p.MayPerform(user.Position, action) {
		return "", Errorf(EFORBIDDEN, "Jabatan Anda (%s) tidak berwenang melakukan %q.", p.PositionTitle(user.Position), action.Label())
	}
	return NextStatus(from, action)
}

// PositionTitle returns the title of a position code, or the code itself.
func (p *Profile) PositionTitle(code string) string {
	if pos := p.Position(code); pos != nil {
		return pos.Title
	}
	return code
}

// Position returns the position with code, or nil.
func (p *Profile) Position(code string) *Position {
	for i := range p.Positions {
		if p.Positions[i].Code == code {
			return &p.Positions[i]
		}
	}
	return nil
}

// Channel returns the channel with code, or nil.
func (p *Profile) Channel(code string) *Channel {
	for i := range p.Channels {
		if p.Channels[i].Code == code {
			return &p.Channels[i]
		}
	}
	return nil
}

// Document returns the document type with code, or nil.
func (p *Profile) Document(code string) *Document {
	for i := range p.Documents {
		if p.Documents[i].Code == code {
			return &p.Documents[i]
		}
	}
	return nil
}
