package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"naskah/letters"
)

var _ letters.TokenService = (*TokenService)(nil)

// TokenService keeps API tokens (letters.TokenService). A token's secret is
// "nsk_" and 43 characters of base64url: 256 random bits. Only its SHA-256
// is stored, so a copy of the database gives no usable token.
type TokenService struct {
	db *DB
}

// NewTokenService returns the token service of db.
func NewTokenService(db *DB) *TokenService { return &TokenService{db: db} }

const (
	tokenPrefix  = "nsk_"
	tokenBytes   = 32
	tokenUseStep = time.Minute // last_used_at is written at most this often
)

// msgBadToken is the one answer for an unknown, revoked or expired token.
const msgBadToken = "Token API tidak dikenal, sudah dicabut, atau kedaluwarsa."

func hashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores t for t.UserID and returns its secret, once.
func (s *TokenService) CreateToken(ctx context.Context, t *letters.APIToken) (string, error) {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		return "", letters.Errorf(letters.EINVALID, "Nama token wajib diisi (untuk apa token ini dipakai).")
	case utf8.RuneCountInString(t.Name) > letters.MaxTokenName:
		return "", letters.Errorf(letters.EINVALID, "Nama token paling panjang %d karakter.", letters.MaxTokenName)
	}
	var names []string
	for _, sc := range t.Scopes {
		names = append(names, string(sc))
	}
	scopes, err := letters.ParseScopes(strings.Join(names, ","))
	if err != nil {
		return "", err
	}
	t.Scopes = scopes
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if t.ExpiresAt != nil && !t.ExpiresAt.After(tx.now) {
		return "", letters.Errorf(letters.EINVALID, "Masa berlaku token harus berakhir setelah hari ini.")
	}
	owner, _, err := findUserByID(ctx, tx, t.UserID)
	if err != nil {
		return "", err
	}
	if actor := letters.UserFromContext(ctx); actor != nil && actor.ID != owner.ID {
		return "", letters.Errorf(letters.EFORBIDDEN, "Token API hanya dapat dibuat untuk akun Anda sendiri.")
	}
	if !owner.Active {
		return "", letters.Errorf(letters.EFORBIDDEN, "Akun %s nonaktif; token tidak dapat dibuat.", owner.Username)
	}
	buf := make([]byte, tokenBytes)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("store: token: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(buf)
	res, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (user_id, name, scopes, token_hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, owner.ID, t.Name, joinScopes(t.Scopes), hashToken(secret), formatTime(tx.now), nullTime(t.ExpiresAt))
	if err != nil {
		return "", fmt.Errorf("store: create token: %w", err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return "", fmt.Errorf("store: create token: %w", err)
	}
	t.Username, t.CreatedAt, t.LastUsedAt, t.RevokedAt = owner.Username, tx.now, nil, nil
	until := "tanpa batas waktu"
	if t.ExpiresAt != nil {
		until = "berlaku sampai " + t.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "token.created", Entity: "api_token", EntityID: t.ID,
		Detail: fmt.Sprintf("Token API %q untuk %s dibuat (cakupan %s, %s).", t.Name, owner.Username, joinScopes(t.Scopes), until)}); err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("store: create token: %w", err)
	}
	return secret, nil
}

// FindTokens lists tokens, newest first.
func (s *TokenService) FindTokens(ctx context.Context, filter letters.TokenFilter) ([]*letters.APIToken, error) {
	if actor := letters.UserFromContext(ctx); actor != nil && !actor.Admin && filter.UserID != actor.ID {
		return nil, letters.Errorf(letters.EFORBIDDEN, "Anda hanya dapat melihat token API milik Anda sendiri.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := "1 = 1", []any{}
	if filter.UserID != 0 {
		where, args = "t.user_id = ?", append(args, filter.UserID)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE `+where+` ORDER BY t.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: find tokens: %w", err)
	}
	defer rows.Close()
	out := []*letters.APIToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find tokens: %w", err)
	}
	return out, nil
}

// RevokeToken revokes a token at once.
func (s *TokenService) RevokeToken(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t, err := findToken(ctx, tx, `t.id = ?`, id)
	if err != nil {
		return err
	}
	if actor := letters.UserFromContext(ctx); actor != nil && actor.ID != t.UserID && !actor.Admin {
		return letters.Errorf(letters.EFORBIDDEN, "Anda hanya dapat mencabut token API milik Anda sendiri.")
	}
	if t.RevokedAt != nil {
		return letters.Errorf(letters.ECONFLICT, "Token API %q sudah dicabut.", t.Name)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "token.revoked", Entity: "api_token", EntityID: id,
		Detail: fmt.Sprintf("Token API %q milik %s dicabut.", t.Name, t.Username)}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	return nil
}

// AuthenticateToken returns the token with this secret and its user.
func (s *TokenService) AuthenticateToken(ctx context.Context, secret string) (*letters.APIToken, *letters.User, error) {
	fail := letters.Errorf(letters.EUNAUTHORIZED, msgBadToken)
	secret = strings.TrimSpace(secret)
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 100 {
		return nil, nil, fail
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	t, err := findToken(ctx, tx, `t.token_hash = ?`, hashToken(secret))
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		return nil, nil, fail
	} else if err != nil {
		return nil, nil, err
	}
	if !t.Active(tx.now) {
		return nil, nil, fail
	}
	u, _, err := findUserByID(ctx, tx, t.UserID)
	if letters.ErrorCode(err) == letters.ENOTFOUND || err == nil && !u.Active {
		return nil, nil, fail
	} else if err != nil {
		return nil, nil, err
	}
	tx.Rollback()
	if t.LastUsedAt == nil || tx.now.Sub(*t.LastUsedAt) >= tokenUseStep {
		if err := s.touch(ctx, t.ID); err != nil {
			return nil, nil, err
		}
		at := tx.now
		t.LastUsedAt = &at
	}
	return t, u, nil
}

// touch records that a token was used now.
func (s *TokenService) touch(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: token use: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: token use: %w", err)
	}
	return nil
}

const tokenColumns = `t.id, t.user_id, u.username, t.name, t.scopes, t.created_at, t.last_used_at, t.expires_at, t.revoked_at`

func scanToken(row interface{ Scan(...any) error }) (*letters.APIToken, error) {
	var t letters.APIToken
	var scopes string
	if err := row.Scan(&t.ID, &t.UserID, &t.Username, &t.Name, &scopes, scanTime(&t.CreatedAt),
		scanTimePtr(&t.LastUsedAt), scanTimePtr(&t.ExpiresAt), scanTimePtr(&t.RevokedAt)); err != nil {
		return nil, err
	}
	for _, sc := range strings.Split(scopes, ",") {
		if sc != "" {
			t.Scopes = append(t.Scopes, letters.Scope(sc))
		}
	}
	return &t, nil
}

// findToken returns one token. ENOTFOUND.
func findToken(ctx context.Context, tx *Tx, where string, arg any) (*letters.APIToken, error) {
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Token API tidak ditemukan.")
	} else if err != nil {
		return nil, fmt.Errorf("store: find token: %w", err)
	}
	return t, nil
}

func joinScopes(scopes []letters.Scope) string {
	names := make([]string, len(scopes))
	for i, s := range scopes {
		names[i] = string(s)
	}
	return strings.Join(names, ",")
}
