package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"naskah/letters"
	"naskah/store"
)

// The web enrolment: a new key is stored only once a code of it is typed
// with the admin's activation code; both are used up; a second enrolment
// is a conflict; the current code the demo tooling prints is accepted at
// sign-in.
func TestTOTPEnrolInTwoSteps(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	users := store.NewUserService(db)
	_, u := MustUser(t, db, "kepala")
	ctx := context.Background()

	secret, uri, err := users.NewTOTPKey(ctx, u.ID)
	if err != nil || len(secret) < 16 || uri == "" {
		t.Fatalf("NewTOTPKey: %q %q %v", secret, uri, err)
	}
	if has, _ := users.HasTOTP(ctx, u.ID); has {
		t.Fatal("a key was stored before it was confirmed")
	}
	code, _ := totp.GenerateCode(secret, clock.Now())
	// No activation code issued yet: the password holder alone cannot enrol.
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, code, ""), letters.EUNAUTHORIZED)
	activation, err := users.IssueTOTPActivation(ctx, u.ID, false)
	if err != nil || len(activation) != 14 {
		t.Fatalf("IssueTOTPActivation: %q %v", activation, err)
	}
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, "000000", activation), letters.EUNAUTHORIZED)
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, code, "AAAA-BBBB-CCCC"), letters.EUNAUTHORIZED)
	if has, _ := users.HasTOTP(ctx, u.ID); has {
		t.Fatal("a wrong code stored the key")
	}
	// Typed in lower case with spaces: the same code; a wrong TOTP code
	// above did not use it up.
	typed := strings.ToLower(strings.ReplaceAll(activation, "-", " "))
	if err := users.ConfirmTOTP(ctx, u.ID, secret, code, typed); err != nil {
		t.Fatalf("ConfirmTOTP: %v", err)
	}
	if has, _ := users.HasTOTP(ctx, u.ID); !has {
		t.Fatal("the confirmed key is not stored")
	}
	ExpectCode(t, users.VerifyTOTP(ctx, u.ID, code), letters.EUNAUTHORIZED) // used up by the enrolment
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, code, activation), letters.ECONFLICT)

	clock.Add(30 * time.Second)
	now, err := users.CurrentTOTPCode(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := totp.GenerateCode(secret, clock.Now()); now != want {
		t.Fatalf("CurrentTOTPCode %q, the authenticator shows %q", now, want)
	}
	if err := users.VerifyTOTP(ctx, u.ID, now); err != nil {
		t.Fatalf("sign-in with the current code: %v", err)
	}
	rows, err := store.NewAuditService(db).FindAuditEntries(ctx, "user", u.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || r.Action == "user.totp_enrolled"
	}
	if !found {
		t.Error("the enrolment is not in the audit log")
	}
	_, other := MustUser(t, db, "sekretaris")
	_, err = users.CurrentTOTPCode(ctx, other.ID)
	ExpectCode(t, err, letters.EINVALID)
}

// An admin's activation code: only admins make one, one already enrolled
// needs a reset (which removes the lost factor), a code dies after
// TOTPActivationTTL and when a newer one is made, and each is in the audit
// log.
func TestTOTPActivationCodes(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	users := store.NewUserService(db)
	_, u := MustUser(t, db, "kepala")
	adminCtx, adm := MustUser(t, db, "sekretaris")
	adm.Admin = true // the store reads the flag of the user in ctx
	staff, _ := MustUser(t, db, "analis_tu")
	_, err := users.IssueTOTPActivation(staff, u.ID, false)
	ExpectCode(t, err, letters.EFORBIDDEN)

	enrol := func(activation string) error {
		secret, _, err := users.NewTOTPKey(adminCtx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.GenerateCode(secret, clock.Now())
		return users.ConfirmTOTP(context.Background(), u.ID, secret, code, activation)
	}
	old, err := users.IssueTOTPActivation(adminCtx, u.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := users.IssueTOTPActivation(adminCtx, u.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	ExpectCode(t, enrol(old), letters.EUNAUTHORIZED) // replaced by the newer one
	clock.Add(store.TOTPActivationTTL + time.Minute)
	ExpectCode(t, enrol(fresh), letters.EUNAUTHORIZED) // expired
	code, err := users.IssueTOTPActivation(adminCtx, u.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := enrol(code); err != nil {
		t.Fatal(err)
	}
	_, err = users.IssueTOTPActivation(adminCtx, u.ID, false)
	ExpectCode(t, err, letters.ECONFLICT) // enrolled: a reset is asked for
	reset, err := users.IssueTOTPActivation(adminCtx, u.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if has, _ := users.HasTOTP(adminCtx, u.ID); has {
		t.Error("the reset left the lost factor in place")
	}
	clock.Add(time.Minute)
	if err := enrol(reset); err != nil {
		t.Fatalf("enrolling again after the reset: %v", err)
	}
	rows, err := store.NewAuditService(db).FindAuditEntries(adminCtx, "user", u.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, r := range rows {
		seen[r.Action]++
	}
	if seen["user.totp_activation"] != 3 || seen["user.totp_reset"] != 1 || seen["user.totp_enrolled"] != 2 {
		t.Errorf("audit rows: %v", seen)
	}
}
