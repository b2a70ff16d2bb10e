package store

import (
	"context"
	"fmt"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"naskah/letters"
)

// Enrolment in two steps, for the web page that makes signers and admins
// set up their second factor: NewTOTPKey makes a secret that is not stored
// yet (the page keeps it in the encrypted session and shows the QR code),
// ConfirmTOTP stores it once the user types a code it produces. Nothing is
// stored from a secret never confirmed.

// NewTOTPKey makes a new TOTP secret for the user and returns it with its
// otpauth:// URI, storing nothing. ENOTFOUND.
func (s *UserService) NewTOTPKey(ctx context.Context, id int64) (secret, uri string, err error) {
	u, err := s.FindUserByID(ctx, id)
	if err != nil {
		return "", "", err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Naskah " + s.db.Profile.Office.ShortName, AccountName: u.Username, Period: totpPeriod})
	if err != nil {
		return "", "", fmt.Errorf("store: totp: %w", err)
	}
	return key.Secret(), key.URL(), nil
}

// ConfirmTOTP stores secret as the user's second factor when activation is
// the open activation code an admin gave the user (totp_activation.go) and
// code is a current code of secret; both are used up. EUNAUTHORIZED for a
// wrong code or activation code (a wrong TOTP code keeps the activation
// code), EINVALID for a malformed secret, ECONFLICT when the user already
// has a second factor, ENOTFOUND.
func (s *UserService) ConfirmTOTP(ctx context.Context, id int64, secret, code, activation string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, sealed, err := userSecret(ctx, tx, id)
	if err != nil {
		return err
	}
	if sealed != "" {
		return letters.Errorf(letters.ECONFLICT, "Faktor kedua untuk %s sudah aktif.", u.Username)
	}
	if len(secret) < 16 || len(secret) > 128 {
		return letters.Errorf(letters.EINVALID, "Rahasia TOTP tidak valid. Muat ulang halaman untuk membuat yang baru.")
	}
	if err := useActivation(ctx, tx, id, activation); err != nil {
		return err
	}
	step, ok := matchStep(secret, code, tx.now, 0)
	if !ok {
		return letters.Errorf(letters.EUNAUTHORIZED, msgBadCode)
	}
	c, err := s.db.nik.get(true)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = ?, totp_step = ?, updated_at = ? WHERE id = ?`,
		c.seal(secret), step, formatTime(tx.now), id); err != nil {
		return fmt.Errorf("store: totp: %w", err)
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "user.totp_enrolled", Entity: "user", EntityID: id,
		Detail: "Faktor kedua (TOTP) didaftarkan untuk " + u.Username + " melalui halaman pendaftaran."}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: totp: %w", err)
	}
	return nil
}

// matchStep finds the time step (now, one before, one after) at which code
// is a code of secret and which is later than last.
func matchStep(secret, code string, now time.Time, last int64) (int64, bool) {
	step := now.Unix() / totpPeriod
	for _, d := range []int64{0, -1, 1} {
		at := time.Unix((step+d)*totpPeriod, 0)
		ok, err := totp.ValidateCustom(code, secret, at, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && ok && step+d > last {
			return step + d, true
		}
	}
	return 0, false
}

// CurrentTOTPCode returns the code the user's authenticator shows now,
// without using it up. It is for demos and tests on the server's own data
// directory (`naskah totp code`), never served over the web. ENOTFOUND for
// an unknown user, EINVALID for a user without a second factor.
func (s *UserService) CurrentTOTPCode(ctx context.Context, id int64) (string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	u, sealed, err := userSecret(ctx, tx, id)
	if err != nil {
		return "", err
	}
	if sealed == "" {
		return "", letters.Errorf(letters.EINVALID, "Pengguna %s belum memakai faktor kedua (TOTP).", u.Username)
	}
	secret, err := openNIK(sealed)
	if err != nil {
		return "", err
	}
	code, err := totp.GenerateCodeCustom(secret, tx.now, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("store: totp: %w", err)
	}
	return code, nil
}

// userSecret finds the user and their sealed TOTP secret ("" without a
// second factor). ENOTFOUND.
func userSecret(ctx context.Context, tx *Tx, id int64) (*letters.User, string, error) {
	u, _, err := findUserByID(ctx, tx, id)
	if err != nil {
		return nil, "", err
	}
	var sealed string
	if err := tx.QueryRowContext(ctx, `SELECT totp_secret FROM users WHERE id = ?`, id).Scan(&sealed); err != nil {
		return nil, "", fmt.Errorf("store: totp: %w", err)
	}
	return u, sealed, nil
}
