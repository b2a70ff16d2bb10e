package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"naskah/letters"
)

var _ letters.UserService = (*UserService)(nil)

// UserService manages staff accounts.
type UserService struct {
	db *DB
}

// NewUserService returns the user service of db.
func NewUserService(db *DB) *UserService { return &UserService{db: db} }

// Password length limits.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
)

// msgBadCredentials is the one answer to every failed sign-in.
const msgBadCredentials = "Nama pengguna atau kata sandi salah."

// FindUserByID returns ENOTFOUND when there is no such user.
func (s *UserService) FindUserByID(ctx context.Context, id int64) (*letters.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUserByID(ctx, tx, id)
	return u, err
}

// FindUserByUsername returns ENOTFOUND when there is no such user.
func (s *UserService) FindUserByUsername(ctx context.Context, username string) (*letters.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUserByUsername(ctx, tx, username)
	return u, err
}

// FindUsers lists users in id order; the total is before Limit/Offset.
func (s *UserService) FindUsers(ctx context.Context, filter letters.UserFilter) ([]*letters.User, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := "1 = 1", []any{}
	if filter.Position != "" {
		where, args = where+" AND position = ?", append(args, filter.Position)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+`, COUNT(*) OVER () FROM users
		WHERE `+where+` ORDER BY id`+limitOffset(filter.Limit, filter.Offset), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: find users: %w", err)
	}
	defer rows.Close()
	users, n := []*letters.User{}, 0
	for rows.Next() {
		var u letters.User
		var hash string
		if err := rows.Scan(userDest(&u, &hash, &n)...); err != nil {
			return nil, 0, fmt.Errorf("store: scan user: %w", err)
		}
		users = append(users, &u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: find users: %w", err)
	}
	if len(users) == 0 && filter.Offset > 0 {
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE `+where, args...).Scan(&n)
		if err != nil {
			return nil, 0, fmt.Errorf("store: count users: %w", err)
		}
	}
	return users, n, nil
}

// CreateUser stores u with password hashed by argon2id. A new user is
// always active (see SetActive). EINVALID for a missing field, an unknown
// position or a bad password; ECONFLICT when the username is taken.
func (s *UserService) CreateUser(ctx context.Context, u *letters.User, password string) error {
	u.Active = true
	if err := s.validateUser(u); err != nil {
		return err
	} else if err := validatePassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password) // slow: outside the write transaction
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createUser(ctx, tx, u, hash); err != nil {
		return err
	}
	return tx.Commit()
}

// SetPassword replaces a user's password. EINVALID, ENOTFOUND.
func (s *UserService) SetPassword(ctx context.Context, id int64, password string) error {
	if err := validatePassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.updateUser(ctx, id, "user.password", `password_hash = ?`, hash,
		func(u *letters.User) string { return "Kata sandi " + u.Username + " diganti." })
}

// SetActive enables or disables a user's account. ENOTFOUND.
func (s *UserService) SetActive(ctx context.Context, id int64, active bool) error {
	return s.updateUser(ctx, id, "user.active", `active = ?`, active, func(u *letters.User) string {
		if active {
			return "Akun " + u.Username + " diaktifkan."
		}
		return "Akun " + u.Username + " dinonaktifkan."
	})
}

// updateUser sets one column of a user's row (set is "column = ?") and
// writes the audit row, in one transaction. ENOTFOUND.
func (s *UserService) updateUser(ctx context.Context, id int64, action, set string, value any, detail func(*letters.User) string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, _, err := findUserByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET `+set+`, updated_at = ? WHERE id = ?`,
		value, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: %s: %w", action, err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: action, Entity: "user",
		EntityID: id, Detail: detail(u)}); err != nil {
		return err
	}
	return tx.Commit()
}

// Authenticate returns the active user with these credentials. Whatever is
// wrong (unknown user, wrong password, inactive account) the answer is the
// same EUNAUTHORIZED, and an unknown user costs one hash like a known one.
func (s *UserService) Authenticate(ctx context.Context, username, password string) (*letters.User, error) {
	fail := letters.Errorf(letters.EUNAUTHORIZED, msgBadCredentials)
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	u, hash, err := findUserByUsername(ctx, tx, username)
	tx.Rollback()
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		checkPassword(dummyHash(), password)
		return nil, fail
	} else if err != nil {
		return nil, err
	}
	ok, err := checkPassword(hash, password)
	if err != nil {
		return nil, err
	} else if !ok || !u.Active {
		return nil, fail
	}
	return u, nil
}

func (s *UserService) validateUser(u *letters.User) error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.Name = strings.TrimSpace(u.Name)
	u.NIP = strings.TrimSpace(u.NIP)
	u.Position = strings.TrimSpace(u.Position)
	switch {
	case u.Username == "":
		return letters.Errorf(letters.EINVALID, "Nama pengguna wajib diisi.")
	case len(u.Username) < 3 || len(u.Username) > 32 || strings.Trim(u.Username, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "":
		return letters.Errorf(letters.EINVALID, "Nama pengguna harus 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.")
	case u.Name == "":
		return letters.Errorf(letters.EINVALID, "Nama lengkap wajib diisi.")
	case utf8.RuneCountInString(u.Name) > 200:
		return letters.Errorf(letters.EINVALID, "Nama lengkap paling banyak 200 karakter.")
	case len(u.NIP) > 30:
		return letters.Errorf(letters.EINVALID, "NIP terlalu panjang.")
	case u.Position == "":
		return letters.Errorf(letters.EINVALID, "Jabatan wajib diisi.")
	case s.db.Profile.Position(u.Position) == nil:
		return letters.Errorf(letters.EINVALID, "Jabatan %q tidak dikenal dalam profil kantor.", u.Position)
	}
	return nil
}

func validatePassword(password string) error {
	switch n := utf8.RuneCountInString(password); {
	case n < MinPasswordLen:
		return letters.Errorf(letters.EINVALID, "Kata sandi paling sedikit %d karakter.", MinPasswordLen)
	case n > MaxPasswordLen:
		return letters.Errorf(letters.EINVALID, "Kata sandi paling banyak %d karakter.", MaxPasswordLen)
	}
	return nil
}

// createUser inserts a validated user with an already computed hash.
func createUser(ctx context.Context, tx *Tx, u *letters.User, hash string) error {
	u.CreatedAt, u.UpdatedAt = tx.now, tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO users
		(username, name, nip, position, admin, active, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Username, u.Name, u.NIP, u.Position, u.Admin, u.Active, hash,
		formatTime(u.CreatedAt), formatTime(u.UpdatedAt))
	if isUnique(err) {
		return letters.Errorf(letters.ECONFLICT, "Nama pengguna %q sudah dipakai.", u.Username)
	} else if err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: create user: %w", err)
	}
	return appendAudit(ctx, tx, &letters.AuditEntry{Action: "user.create", Entity: "user", EntityID: u.ID,
		Detail: fmt.Sprintf("Pengguna %s (%s) dibuat; jabatan %s; admin %t.", u.Username, u.Name, u.Position, u.Admin)})
}

const userColumns = `id, username, name, nip, position, admin, active, password_hash, created_at, updated_at`

func userDest(u *letters.User, hash *string, extra ...any) []any {
	return append([]any{&u.ID, &u.Username, &u.Name, &u.NIP, &u.Position, &u.Admin, &u.Active, hash,
		scanTime(&u.CreatedAt), scanTime(&u.UpdatedAt)}, extra...)
}

func findUserByID(ctx context.Context, tx *Tx, id int64) (*letters.User, string, error) {
	return findUser(ctx, tx, `id = ?`, id)
}

func findUserByUsername(ctx context.Context, tx *Tx, username string) (*letters.User, string, error) {
	return findUser(ctx, tx, `username = ?`, strings.TrimSpace(username))
}

// findUser returns one user and its password hash. ENOTFOUND.
func findUser(ctx context.Context, tx *Tx, where string, arg any) (*letters.User, string, error) {
	var u letters.User
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg).Scan(userDest(&u, &hash)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", letters.Errorf(letters.ENOTFOUND, "Pengguna tidak ditemukan.")
	} else if err != nil {
		return nil, "", fmt.Errorf("store: find user: %w", err)
	}
	return &u, hash, nil
}
