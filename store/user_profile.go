package store

import (
	"context"

	"naskah/letters"
)

// CreatedUser is an account made by EnsureProfileUsers, with the password
// it was given, so that the binary can print it once.
type CreatedUser struct {
	Username string
	Name     string
	Position string
	Admin    bool
	Password string
}

// EnsureProfileUsers creates every user of the profile that does not exist
// yet, in one transaction, and returns those it created. passwordFor gives
// each new user's password; when it is nil or returns "", a random
// 14-character password is made.
func (s *UserService) EnsureProfileUsers(ctx context.Context, passwordFor func(username string) string) ([]CreatedUser, error) {
	type pending struct {
		u        *letters.User
		password string
		hash     string
	}
	var todo []pending
	for _, pu := range s.db.Profile.Users {
		u := &letters.User{Username: pu.Username, Name: pu.Name, NIP: pu.NIP,
			Position: pu.Position, Admin: pu.Admin, Active: true}
		if err := s.validateUser(u); err != nil {
			return nil, err
		}
		if _, err := s.FindUserByUsername(ctx, u.Username); err == nil {
			continue
		} else if letters.ErrorCode(err) != letters.ENOTFOUND {
			return nil, err
		}
		var password string
		if passwordFor != nil {
			password = passwordFor(u.Username)
		}
		if password == "" {
			password = randomPassword(14)
		}
		if err := validatePassword(password); err != nil {
			return nil, err
		}
		hash, err := hashPassword(password)
		if err != nil {
			return nil, err
		}
		todo = append(todo, pending{u, password, hash})
	}
	if len(todo) == 0 {
		return nil, nil
	}

	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var out []CreatedUser
	for _, p := range todo {
		if _, _, err := findUserByUsername(ctx, tx, p.u.Username); err == nil {
			continue // created meanwhile
		}
		if err := createUser(ctx, tx, p.u, p.hash); err != nil {
			return nil, err
		}
		out = append(out, CreatedUser{Username: p.u.Username, Name: p.u.Name,
			Position: p.u.Position, Admin: p.u.Admin, Password: p.password})
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return out, nil
}
