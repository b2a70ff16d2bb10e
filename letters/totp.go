package letters

// NeedsSecondFactor reports whether u must sign in with a second factor
// (TOTP), as OWASP ASVS level 2 asks of accounts that sign or administer:
// admins, positions the profile allows to sign, and positions at a sign
// step of any document's approval chain.
func (p *Profile) NeedsSecondFactor(u *User) bool {
	if u == nil {
		return false
	}
	return u.Admin || p.SignsDocuments(u.Position)
}

// SignsDocuments reports whether position signs: it may perform the sign
// action, or it holds a sign step of an approval chain.
func (p *Profile) SignsDocuments(position string) bool {
	if p.MayPerform(position, ActionSign) {
		return true
	}
	for _, d := range p.Documents {
		for _, st := range d.Chain {
			if st.Step == StepSign && st.Position == position {
				return true
			}
		}
	}
	return false
}
