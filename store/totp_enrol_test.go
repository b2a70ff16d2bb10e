package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"naskah/letters"
	"naskah/store"
)

// The web enrolment: a new key is stored only once a code of it is typed;
// that code is used up; a second enrolment is a conflict; the current code
// the demo tooling prints is accepted at sign-in.
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
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, "000000"), letters.EUNAUTHORIZED)
	if has, _ := users.HasTOTP(ctx, u.ID); has {
		t.Fatal("a wrong code stored the key")
	}
	code, _ := totp.GenerateCode(secret, clock.Now())
	if err := users.ConfirmTOTP(ctx, u.ID, secret, code); err != nil {
		t.Fatalf("ConfirmTOTP: %v", err)
	}
	if has, _ := users.HasTOTP(ctx, u.ID); !has {
		t.Fatal("the confirmed key is not stored")
	}
	ExpectCode(t, users.VerifyTOTP(ctx, u.ID, code), letters.EUNAUTHORIZED) // used up by the enrolment
	ExpectCode(t, users.ConfirmTOTP(ctx, u.ID, secret, code), letters.ECONFLICT)

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
