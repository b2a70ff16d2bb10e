package letters

import (
	"context"
	"time"
)

// User is a member of staff. Position is the code of a position in the
// office's profile (e.g. "kepala", "front_office"); what a user may do follows
// from it. Admin users may manage users and settings.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	Name      string    `json:"name"`
	NIP       string    `json:"nip,omitempty"`
	Position  string    `json:"position"`
	Admin     bool      `json:"admin"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UserFilter selects users.
type UserFilter struct {
	Position string
	Limit    int
	Offset   int
}

// UserService manages staff accounts.
type UserService interface {
	// FindUserByID returns ENOTFOUND when there is no such user.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByUsername returns ENOTFOUND when there is no such user.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// FindUsers lists users; the total is before Limit/Offset.
	FindUsers(ctx context.Context, filter UserFilter) ([]*User, int, error)
	// CreateUser stores u with the given password (hashed with argon2id).
	// EINVALID for a missing field, an unknown position or a password shorter
	// than 8 characters; ECONFLICT when the username is taken.
	CreateUser(ctx context.Context, u *User, password string) error
	// SetPassword replaces a user's password. EINVALID, ENOTFOUND.
	SetPassword(ctx context.Context, id int64, password string) error
	// SetActive enables or disables a user's account; a disabled user is
	// signed out at the next request. ENOTFOUND.
	SetActive(ctx context.Context, id int64, active bool) error
	// Authenticate returns the active user with these credentials, or
	// EUNAUTHORIZED with the same message whatever was wrong.
	Authenticate(ctx context.Context, username, password string) (*User, error)
}
