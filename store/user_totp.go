package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"naskah/letters"
)

// TOTP second factor (RFC 6238: 6 digits, 30 s steps, SHA-1, as every
// authenticator app reads it), with github.com/pquerna/otp: the reference
// Go implementation, maintained since 2014, no dependencies beyond a QR
// encoder. One step of clock drift either way is accepted; a code is
// accepted at most once (the last accepted step is kept).

const totpPeriod = 30

// msgBadCode is the one message for a wrong, expired or reused code.
const msgBadCode = "Kode verifikasi salah atau sudah dipakai. Masukkan kode terbaru dari aplikasi autentikator."

// EnrollTOTP makes a new TOTP secret for the user and returns it with its
// otpauth:// URI (for a QR code or typing into an authenticator app). The
// secret is stored sealed; a previous secret stops working. ENOTFOUND.
func (s *UserService) EnrollTOTP(ctx context.Context, id int64) (secret, uri string, err error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", "", err
	}
	defer tx.Rollback()
	u, _, err := findUserByID(ctx, tx, id)
	if err != nil {
		return "", "", err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Naskah " + s.db.Profile.Office.ShortName, AccountName: u.Username, Period: totpPeriod})
	if err != nil {
		return "", "", fmt.Errorf("store: totp: %w", err)
	}
	c, err := s.db.nik.get(true)
	if err != nil {
		return "", "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = ?, totp_step = 0, updated_at = ? WHERE id = ?`,
		c.seal(key.Secret()), formatTime(tx.now), id); err != nil {
		return "", "", fmt.Errorf("store: totp: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "user.totp_enrolled", Entity: "user", EntityID: id,
		Detail: "Faktor kedua (TOTP) didaftarkan untuk " + u.Username + "."}); err != nil {
		return "", "", err
	}
	if err := tx.Commit(); err != nil {
		return "", "", fmt.Errorf("store: totp: %w", err)
	}
	return key.Secret(), key.URL(), nil
}

// HasTOTP reports whether the user has a second factor. ENOTFOUND.
func (s *UserService) HasTOTP(ctx context.Context, id int64) (bool, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var sealed string
	err = tx.QueryRowContext(ctx, `SELECT totp_secret FROM users WHERE id = ?`, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return false, letters.Errorf(letters.ENOTFOUND, "Pengguna tidak ditemukan.")
	} else if err != nil {
		return false, fmt.Errorf("store: totp: %w", err)
	}
	return sealed != "", nil
}

// VerifyTOTP checks a code of the user's second factor at the current
// time and uses it up. EUNAUTHORIZED for a wrong, expired or reused code
// and for a user without a second factor.
func (s *UserService) VerifyTOTP(ctx context.Context, id int64, code string) error {
	fail := letters.Errorf(letters.EUNAUTHORIZED, msgBadCode)
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var sealed string
	var last int64
	err = tx.QueryRowContext(ctx, `SELECT totp_secret, totp_step FROM users WHERE id = ?`, id).Scan(&sealed, &last)
	if errors.Is(err, sql.ErrNoRows) || err == nil && sealed == "" {
		return fail
	} else if err != nil {
		return fmt.Errorf("store: totp: %w", err)
	}
	secret, err := openNIK(sealed)
	if err != nil {
		return err
	}
	now := s.db.Now()
	step := now.Unix() / totpPeriod
	for _, d := range []int64{0, -1, 1} {
		at := time.Unix((step+d)*totpPeriod, 0)
		ok, err := totp.ValidateCustom(code, secret, at, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil || !ok || step+d <= last {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_step = ? WHERE id = ?`, step+d, id); err != nil {
			return fmt.Errorf("store: totp: %w", err)
		}
		return tx.Commit()
	}
	return fail
}
