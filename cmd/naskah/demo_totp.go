package main

import (
	"context"

	"naskah/letters"
	"naskah/store"
)

// demoTOTPNote follows the password in the demo accounts file, on one line
// that starts with "Kata" like the password line: readers of the file that
// take every other line for an account (naskah load) skip it.
const demoTOTPNote = "  Kata sandi saja tidak cukup untuk akun bertanda TOTP (penandatangan dan admin): masukkan rahasianya ke " +
	"aplikasi autentikator, atau cetak kode saat ini dengan `naskah totp code --user NAMA --data DIR` (khusus kantor contoh).\n"

// enrolDemoTOTP gives every created user who must use a second factor
// (signers and admins) a TOTP secret, so that a newcomer can sign in to the
// demo office under `naskah serve`, which requires one. It returns the
// secrets by username.
func (a *app) enrolDemoTOTP(ctx context.Context, created []store.CreatedUser) (map[string]string, error) {
	secrets := map[string]string{}
	for _, c := range created {
		u := &letters.User{Username: c.Username, Position: c.Position, Admin: c.Admin}
		if !a.profile.NeedsSecondFactor(u) {
			continue
		}
		found, err := a.users.FindUserByUsername(ctx, c.Username)
		if err != nil {
			return nil, err
		}
		secret, _, err := a.users.EnrollTOTP(ctx, found.ID)
		if err != nil {
			return nil, err
		}
		secrets[c.Username] = secret
	}
	return secrets, nil
}
