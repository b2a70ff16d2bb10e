package letters_test

import (
	"testing"

	"naskah/letters"
)

// Who must use a second factor in BKAD Kalimantan Barat: the head (sign
// action), the complaint officer (signs the Berita Acara in its chain),
// any admin; not the secretary, who only parafs, nor the front office.
func TestNeedsSecondFactor(t *testing.T) {
	p := loadProfile(t, "bkad-kalbar")
	for _, c := range []struct {
		user letters.User
		want bool
	}{
		{letters.User{Position: "kepala"}, true},
		{letters.User{Position: "kasubag_rkme"}, true},
		{letters.User{Position: "analis", Admin: true}, true},
		{letters.User{Position: "sekretaris"}, false},
		{letters.User{Position: "petugas_pengaduan"}, false},
	} {
		if got := p.NeedsSecondFactor(&c.user); got != c.want {
			t.Errorf("%s (admin %v): NeedsSecondFactor = %v, want %v", c.user.Position, c.user.Admin, got, c.want)
		}
	}
	if p.NeedsSecondFactor(nil) {
		t.Error("no user needs no second factor")
	}
}

func TestParseScopes(t *testing.T) {
	got, err := letters.ParseScopes(" letters:read, letters:write,letters:read ")
	if err != nil || len(got) != 2 || got[0] != letters.ScopeLettersRead || got[1] != letters.ScopeLettersWrite {
		t.Fatalf("ParseScopes: %v %v", got, err)
	}
	for _, bad := range []string{"", " , ", "letters:delete", "admin"} {
		if _, err := letters.ParseScopes(bad); letters.ErrorCode(err) != letters.EINVALID {
			t.Errorf("ParseScopes(%q): %v, want EINVALID", bad, err)
		}
	}
}
