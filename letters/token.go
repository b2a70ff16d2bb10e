package letters

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Scope is one permission an API token carries. A token never grants more
// than its user has: the scope narrows what the user may do through the
// token, the user's position still decides every action.
type Scope string

// The scopes of /api/v1.
const (
	ScopeLettersRead  Scope = "letters:read"  // GET /api/v1/letters, /letters/:id, /letters/:id/scans
	ScopeLettersWrite Scope = "letters:write" // POST /api/v1/letters
)

// ScopeInfo is a scope with what it allows, in Bahasa Indonesia.
type ScopeInfo struct {
	Scope Scope
	Label string
}

// Scopes lists every scope of the API.
var Scopes = []ScopeInfo{
	{ScopeLettersRead, "Membaca surat dan pengaduan (daftar, rincian, teks pindaian)"},
	{ScopeLettersWrite, "Meregistrasi surat dan pengaduan baru"},
}

// ValidScope reports whether s is a scope of the API.
func ValidScope(s Scope) bool {
	return slices.ContainsFunc(Scopes, func(x ScopeInfo) bool { return x.Scope == s })
}

// ParseScopes reads a comma-separated list of scopes, e.g.
// "letters:read,letters:write". EINVALID for an empty list or an unknown
// scope.
func ParseScopes(s string) ([]Scope, error) {
	var out []Scope
	for _, part := range strings.Split(s, ",") {
		sc := Scope(strings.TrimSpace(part))
		if sc == "" {
			continue
		}
		if !ValidScope(sc) {
			return nil, Errorf(EINVALID, "Cakupan (scope) %q tidak dikenal. Pilih dari: %s.", sc, scopeNames())
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return nil, Errorf(EINVALID, "Cakupan (scope) token wajib diisi. Pilih dari: %s.", scopeNames())
	}
	return out, nil
}

func scopeNames() string {
	var names []string
	for _, s := range Scopes {
		names = append(names, string(s.Scope))
	}
	return strings.Join(names, ", ")
}

// APIToken is a credential for scripts calling /api/v1 with
// "Authorization: Bearer <secret>". Only a SHA-256 hash of the secret is
// stored; the secret is shown once, when the token is made.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Username   string     `json:"username"` // the owner's, filled when read
	Name       string     `json:"name"`     // what the token is for, e.g. "skrip rekap harian"
	Scopes     []Scope    `json:"scopes"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"` // nil: never
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// HasScope reports whether the token carries s.
func (t *APIToken) HasScope(s Scope) bool { return slices.Contains(t.Scopes, s) }

// Active reports whether the token may be used at now: not revoked, not
// expired.
func (t *APIToken) Active(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// MaxTokenName is the longest token name accepted.
const MaxTokenName = 100

// TokenFilter selects tokens.
type TokenFilter struct {
	UserID int64 // 0: every user's (admins and the command line only)
}

// TokenService manages API tokens. The user in ctx is the actor: a user
// manages their own tokens, an admin may list and revoke anyone's, and a
// context without a user (the command line on the server) may do all.
type TokenService interface {
	// CreateToken stores t for t.UserID and returns the secret, which is
	// never stored and cannot be shown again. t gets its ID and
	// CreatedAt. EINVALID for a missing or too long name, no or unknown
	// scopes, or an expiry in the past; ENOTFOUND for an unknown user;
	// EFORBIDDEN when the actor is another user, or the owner is inactive.
	CreateToken(ctx context.Context, t *APIToken) (secret string, err error)
	// FindTokens lists tokens, newest first, revoked ones included.
	// EFORBIDDEN when a non-admin asks for another user's or for all.
	FindTokens(ctx context.Context, filter TokenFilter) ([]*APIToken, error)
	// RevokeToken revokes a token at once. ENOTFOUND for an unknown token;
	// EFORBIDDEN when the actor neither owns it nor is an admin;
	// ECONFLICT when it is already revoked.
	RevokeToken(ctx context.Context, id int64) error
	// AuthenticateToken returns the token with this secret and its active
	// user, and records its use. EUNAUTHORIZED, with one message, for an
	// unknown, revoked or expired token or an inactive user.
	AuthenticateToken(ctx context.Context, secret string) (*APIToken, *User, error)
}
