package templates

import "time"

// PageTokens is the user's API tokens (Token API): list, make, revoke.
const PageTokens = "token_api"

// TokenPage lists the signed-in user's API tokens and, for admins, every
// user's. NewSecret is set once, right after a token was made: the only
// time the secret is shown.
type TokenPage struct {
	Base
	Mine      []TokenRow
	Others    []TokenRow // admins only: other users' tokens
	Scopes    []ScopeOption
	Form      TokenForm
	NewSecret string
	NewName   string
}

// TokenRow is one token in the list.
type TokenRow struct {
	ID         int64
	Owner      string
	Name       string
	Scopes     string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	Active     bool // neither revoked nor expired
}

// ScopeOption is a scope checkbox of the form.
type ScopeOption struct {
	Value   string
	Label   string
	Checked bool
}

// TokenForm is what the user typed to make a token.
type TokenForm struct {
	Name string
	Days string // validity in days; "" for no expiry
}
