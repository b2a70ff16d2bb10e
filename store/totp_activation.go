package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"naskah/letters"
)

// TOTPActivationTTL is how long an activation code works: long enough to
// reach a signer out of the office, short enough that a forgotten one dies.
const TOTPActivationTTL = 72 * time.Hour

// activationAlphabet: capitals and digits people do not misread, so a code
// read out over the telephone is typed right (32 symbols, 5 bits each).
const activationAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// IssueTOTPActivation makes a new activation code for the user's second
// factor and returns it (only its hash is stored; an earlier code stops
// working). With reset, a second factor already enrolled is removed first
// (a lost telephone): the user enrols again with the code. Only an admin
// may, when ctx holds a user (the CLI holds none). EFORBIDDEN, ENOTFOUND,
// ECONFLICT when the user has a second factor and reset is false.
func (s *UserService) IssueTOTPActivation(ctx context.Context, id int64, reset bool) (string, error) {
	if by := letters.UserFromContext(ctx); by != nil && !by.Admin {
		return "", letters.Errorf(letters.EFORBIDDEN, "Hanya admin yang dapat membuat kode aktivasi faktor kedua.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	u, sealed, err := userSecret(ctx, tx, id) // totp_enrol.go
	if err != nil {
		return "", err
	}
	if sealed != "" && !reset {
		return "", letters.Errorf(letters.ECONFLICT, "Faktor kedua %s sudah aktif; untuk telepon yang hilang, pilih atur ulang.", u.Username)
	}
	raw := make([]byte, 12)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("store: totp activation: %w", err)
	}
	var b strings.Builder
	for i, r := range raw {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(activationAlphabet[int(r)%len(activationAlphabet)]) // 256 is a multiple of 32: no bias
	}
	code := b.String()
	if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = '', totp_step = 0, totp_activation = ?,
		totp_activation_until = ?, updated_at = ? WHERE id = ?`,
		activationHash(code), formatTime(tx.now.Add(TOTPActivationTTL)), formatTime(tx.now), id); err != nil {
		return "", fmt.Errorf("store: totp activation: %w", err)
	}
	detail := "Kode aktivasi faktor kedua dibuat untuk " + u.Username + "."
	action := "user.totp_activation"
	if sealed != "" {
		detail, action = "Faktor kedua "+u.Username+" diatur ulang; kode aktivasi baru dibuat.", "user.totp_reset"
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: action, Entity: "user", EntityID: id, Detail: detail}); err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("store: totp activation: %w", err)
	}
	return code, nil
}

// activationHash is the stored form of a code as typed: case, spaces and
// dashes do not matter.
func activationHash(code string) string {
	code = strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// useActivation checks code against the user's open activation code and
// closes it. EUNAUTHORIZED for none, a wrong or an expired one.
func useActivation(ctx context.Context, tx *Tx, id int64, code string) error {
	var hash, until string
	if err := tx.QueryRowContext(ctx, `SELECT totp_activation, totp_activation_until FROM users WHERE id = ?`, id).Scan(&hash, &until); err != nil {
		return fmt.Errorf("store: totp activation: %w", err)
	}
	expires, _ := time.Parse(timeLayout, until)
	if hash == "" || strings.TrimSpace(code) == "" || !tx.now.Before(expires) ||
		subtle.ConstantTimeCompare([]byte(hash), []byte(activationHash(code))) != 1 {
		return letters.Errorf(letters.EUNAUTHORIZED, "Kode aktivasi salah atau sudah tidak berlaku. Minta kode aktivasi baru kepada admin.")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_activation = '', totp_activation_until = '' WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: totp activation: %w", err)
	}
	return nil
}
