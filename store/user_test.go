package store_test

import (
	"context"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/store"
)

func TestAuthenticate(t *testing.T) {
	db := MustOpenDB(t)
	users := store.NewUserService(db)
	ctx := context.Background()
	u := &letters.User{Username: " Yuliana.Saina ", Name: "Yuliana Saina", Position: "pengadministrasi_umum"}
	if err := users.CreateUser(ctx, u, "kotak-saran-2026"); err != nil {
		t.Fatal(err)
	}
	if u.Username != "yuliana.saina" || !u.Active || u.ID == 0 {
		t.Fatalf("created user = %+v", u)
	}

	got, err := users.Authenticate(ctx, "Yuliana.Saina", "kotak-saran-2026")
	if err != nil || got.ID != u.ID || got.Position != "pengadministrasi_umum" {
		t.Fatalf("right password: %+v, %v", got, err)
	}

	_, wrong := users.Authenticate(ctx, "yuliana.saina", "kotak-saran-2025")
	_, unknown := users.Authenticate(ctx, "tidak.ada", "kotak-saran-2026")
	if err := users.SetActive(ctx, u.ID, false); err != nil {
		t.Fatal(err)
	}
	_, inactive := users.Authenticate(ctx, "yuliana.saina", "kotak-saran-2026")
	for _, err := range []error{wrong, unknown, inactive} {
		ExpectCode(t, err, letters.EUNAUTHORIZED)
		if letters.ErrorMessage(err) != letters.ErrorMessage(wrong) {
			t.Fatalf("messages differ: %q vs %q", letters.ErrorMessage(err), letters.ErrorMessage(wrong))
		}
	}

	if err := users.SetActive(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := users.SetPassword(ctx, u.ID, "kata-sandi-baru"); err != nil {
		t.Fatal(err)
	}
	if _, err := users.Authenticate(ctx, "yuliana.saina", "kata-sandi-baru"); err != nil {
		t.Fatalf("new password: %v", err)
	}
	_, err = users.Authenticate(ctx, "yuliana.saina", "kotak-saran-2026")
	ExpectCode(t, err, letters.EUNAUTHORIZED)

	var hash string
	if err := RawDB(t, db).QueryRow(`SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(hash, "kata-sandi-baru") {
		t.Fatalf("stored hash %q is not an argon2id PHC string", hash)
	}
}

func TestCreateUser_Refusals(t *testing.T) {
	db := MustOpenDB(t)
	users := store.NewUserService(db)
	ctx := context.Background()
	ok := func() *letters.User {
		return &letters.User{Username: "analis", Name: "Theresia Wua", Position: "analis_tu"}
	}
	if err := users.CreateUser(ctx, ok(), testPassword); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		edit     func(*letters.User)
		password string
		code     string
		msg      string
	}{
		{func(u *letters.User) {}, testPassword, letters.ECONFLICT, "sudah dipakai"},
		{func(u *letters.User) { u.Username = "ANALIS" }, testPassword, letters.ECONFLICT, "sudah dipakai"},
		{func(u *letters.User) { u.Username, u.Position = "bupati", "bupati" }, testPassword, letters.EINVALID, "Jabatan"},
		{func(u *letters.User) { u.Username, u.Name = "tanpa.nama", " " }, testPassword, letters.EINVALID, "Nama lengkap"},
		{func(u *letters.User) { u.Username = "a b" }, testPassword, letters.EINVALID, "Nama pengguna"},
		{func(u *letters.User) { u.Username = "pendek" }, "1234567", letters.EINVALID, "Kata sandi"},
	} {
		u := ok()
		tc.edit(u)
		err := users.CreateUser(ctx, u, tc.password)
		ExpectCode(t, err, tc.code)
		if !strings.Contains(letters.ErrorMessage(err), tc.msg) {
			t.Errorf("%+v: message %q, want %q", u, letters.ErrorMessage(err), tc.msg)
		}
	}
	list, total, err := users.FindUsers(ctx, letters.UserFilter{Position: "analis_tu"})
	if err != nil || total != 1 || len(list) != 1 {
		t.Fatalf("users: %d of %d (%v), want 1", len(list), total, err)
	}
	_, err = users.FindUserByID(ctx, 999)
	ExpectCode(t, err, letters.ENOTFOUND)
	_, err = users.FindUserByUsername(ctx, "siapa")
	ExpectCode(t, err, letters.ENOTFOUND)
}

// At first start the profile's users are created once, with passwords that work.
func TestEnsureProfileUsers(t *testing.T) {
	db := MustOpenDB(t)
	users := store.NewUserService(db)
	ctx := context.Background()
	created, err := users.EnsureProfileUsers(ctx, func(username string) string {
		if username == "kepala" {
			return "kepala-badan-2026"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != len(db.Profile.Users) {
		t.Fatalf("created %d users, want %d", len(created), len(db.Profile.Users))
	}
	for _, c := range created {
		if c.Username == "kepala" && c.Password != "kepala-badan-2026" {
			t.Fatalf("kepala got password %q", c.Password)
		}
		u, err := users.Authenticate(ctx, c.Username, c.Password)
		if err != nil || u.Position != c.Position || u.Admin != c.Admin {
			t.Fatalf("%s cannot sign in with the printed password: %v", c.Username, err)
		}
	}
	again, err := users.EnsureProfileUsers(ctx, nil)
	if err != nil || len(again) != 0 {
		t.Fatalf("second start created %d users (%v), want 0", len(again), err)
	}
}
