package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// A token is made for its owner only, its secret is never stored, it
// authenticates as the owner until it is revoked or expires, and making
// and revoking it are audited.
func TestTokenLifecycle(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile)
	tokens := store.NewTokenService(db)
	ownerCtx, owner := MustUser(t, db, "pengadministrasi_umum")
	otherCtx, _ := MustUser(t, db, "pengadministrasi_umum")
	ctx := context.Background()

	tok := &letters.APIToken{UserID: owner.ID, Name: "skrip rekap", Scopes: []letters.Scope{letters.ScopeLettersRead}}
	_, err := tokens.CreateToken(otherCtx, tok)
	ExpectCode(t, err, letters.EFORBIDDEN)
	ExpectCode(t, func() error {
		_, err := tokens.CreateToken(ownerCtx, &letters.APIToken{UserID: owner.ID, Name: "x", Scopes: []letters.Scope{"letters:delete"}})
		return err
	}(), letters.EINVALID)
	ExpectCode(t, func() error {
		_, err := tokens.CreateToken(ownerCtx, &letters.APIToken{UserID: owner.ID, Scopes: []letters.Scope{letters.ScopeLettersRead}})
		return err
	}(), letters.EINVALID)

	secret, err := tokens.CreateToken(ownerCtx, tok)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "nsk_") || len(secret) != 4+43 {
		t.Fatalf("secret %q: want nsk_ and 43 base64url characters (256 bits)", secret)
	}
	raw := RawDB(t, db)
	var stored string
	if err := raw.QueryRow(`SELECT token_hash FROM api_tokens WHERE id = ?`, tok.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, secret[4:]) || len(stored) != 64 {
		t.Fatalf("stored %q: want the hex SHA-256, not the secret", stored)
	}

	got, u, err := tokens.AuthenticateToken(ctx, secret)
	if err != nil || u.ID != owner.ID || !got.HasScope(letters.ScopeLettersRead) || got.HasScope(letters.ScopeLettersWrite) {
		t.Fatalf("authenticate: %v %+v %+v", err, got, u)
	}
	if got.LastUsedAt == nil {
		t.Error("last use not recorded")
	}
	_, _, err = tokens.AuthenticateToken(ctx, secret+"x")
	ExpectCode(t, err, letters.EUNAUTHORIZED)

	list, err := tokens.FindTokens(ownerCtx, letters.TokenFilter{UserID: owner.ID})
	if err != nil || len(list) != 1 || list[0].LastUsedAt == nil || list[0].Username != owner.Username {
		t.Fatalf("own tokens: %v %+v", err, list)
	}
	_, err = tokens.FindTokens(otherCtx, letters.TokenFilter{UserID: owner.ID})
	ExpectCode(t, err, letters.EFORBIDDEN)

	ExpectCode(t, tokens.RevokeToken(otherCtx, tok.ID), letters.EFORBIDDEN)
	if err := tokens.RevokeToken(ownerCtx, tok.ID); err != nil {
		t.Fatal(err)
	}
	ExpectCode(t, tokens.RevokeToken(ownerCtx, tok.ID), letters.ECONFLICT)
	_, _, err = tokens.AuthenticateToken(ctx, secret)
	ExpectCode(t, err, letters.EUNAUTHORIZED)

	// Expiry, from the command line (no user in the context).
	until := clock.Now().Add(48 * time.Hour)
	exp := &letters.APIToken{UserID: owner.ID, Name: "sementara", Scopes: []letters.Scope{letters.ScopeLettersWrite}, ExpiresAt: &until}
	secret2, err := tokens.CreateToken(ctx, exp)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := tokens.AuthenticateToken(ctx, secret2); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	clock.Add(49 * time.Hour)
	_, _, err = tokens.AuthenticateToken(ctx, secret2)
	ExpectCode(t, err, letters.EUNAUTHORIZED)

	// A deactivated owner's tokens stop working too.
	secret3, err := tokens.CreateToken(ctx, &letters.APIToken{UserID: owner.ID, Name: "lagi", Scopes: []letters.Scope{letters.ScopeLettersRead}})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.NewUserService(db).SetActive(ctx, owner.ID, false); err != nil {
		t.Fatal(err)
	}
	_, _, err = tokens.AuthenticateToken(ctx, secret3)
	ExpectCode(t, err, letters.EUNAUTHORIZED)

	audit := store.NewAuditService(db)
	rows, err := audit.FindAuditEntries(ctx, "api_token", tok.ID)
	if err != nil || len(rows) != 2 || rows[0].Action != "token.created" || rows[1].Action != "token.revoked" {
		t.Fatalf("audit of the token: %v %+v", err, rows)
	}
	for _, r := range rows {
		if strings.Contains(r.Detail, secret[4:]) {
			t.Errorf("audit row holds the secret: %s", r.Detail)
		}
	}
}
