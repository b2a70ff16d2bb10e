package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

func TestSettings_AdminOnlyAndSecretsOutsideTheDatabase(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	admin, clerk := o.As(t, "kasubag_rkme"), o.As(t, "petugas_pengaduan")
	s := store.NewSettingsService(o.DB)
	ExpectCode(t, s.SetSettings(clerk, map[string]string{letters.SettingMailHost: "evil.test"}), letters.EFORBIDDEN)
	ExpectCode(t, s.SetSettings(admin, map[string]string{"profile": "dpmptsp"}), letters.EINVALID)
	if err := s.SetSettings(admin, map[string]string{letters.SettingMailHost: " imap.bkad.test ", letters.SettingMailUser: "u"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindSettings(context.Background(), letters.SettingMailHost, letters.SettingMailUser, letters.SettingMailPort)
	if err != nil || len(got) != 2 || got[letters.SettingMailHost] != "imap.bkad.test" {
		t.Fatalf("settings: %v %v", got, err)
	}
	if err := s.SetSettings(admin, map[string]string{letters.SettingMailUser: ""}); err != nil {
		t.Fatal(err)
	}
	if v, _ := o.DB.Setting(context.Background(), letters.SettingMailUser); v != "" {
		t.Errorf("an emptied setting is still %q", v)
	}

	ExpectCode(t, s.SetSecret(clerk, letters.SecretMailPassword, "x"), letters.EFORBIDDEN)
	ExpectCode(t, s.SetSecret(admin, "session.key", "x"), letters.EINVALID)
	ExpectCode(t, s.SetSecret(admin, letters.SecretMailPassword, "a\nb"), letters.EINVALID)
	if err := s.SetSecret(admin, letters.SecretMailPassword, "sandi-rahasia"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(o.DB.Dir, letters.SecretMailPassword)
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mail-password: %v %v", st, err)
	}
	raw := RawDB(t, o.DB)
	var n int
	raw.QueryRow(`SELECT COUNT(*) FROM settings WHERE value LIKE '%sandi-rahasia%'`).Scan(&n)
	raw.QueryRow(`SELECT COUNT(*) + ? FROM audit WHERE detail LIKE '%sandi-rahasia%'`, n).Scan(&n)
	if n != 0 {
		t.Error("the password reached the database")
	}
	if ok, _ := s.HasSecret(context.Background(), letters.SecretMailPassword); !ok {
		t.Error("HasSecret after SetSecret")
	}
	if err := s.SetSecret(admin, letters.SecretMailPassword, ""); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.HasSecret(context.Background(), letters.SecretMailPassword); ok {
		t.Error("HasSecret after removing")
	}
}

func TestEndDelegation_RunningAndFuture(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	admin := o.As(t, "kasubag_rkme")
	plh := o.As(t, "sekretaris")
	ds := store.NewDelegationService(o.DB)
	now := o.Clock.Now()
	running := &letters.Delegation{Position: "kepala", UserID: User(plh).ID, Kind: "Plh.", From: now.Add(-time.Hour), To: now.Add(48 * time.Hour)}
	future := &letters.Delegation{Position: "kabid_bmd", UserID: User(plh).ID, Kind: "Plt.", From: now.Add(72 * time.Hour), To: now.Add(96 * time.Hour)}
	for _, d := range []*letters.Delegation{running, future} {
		if err := ds.CreateDelegation(admin, d); err != nil {
			t.Fatal(err)
		}
	}
	if acting, _ := ds.ActingPositions(plh); acting["kepala"] != "Plh." {
		t.Fatalf("acting before the end: %v", acting)
	}
	_, err := ds.EndDelegation(plh, running.ID)
	ExpectCode(t, err, letters.EFORBIDDEN)
	d, err := ds.EndDelegation(admin, running.ID)
	if err != nil || !d.To.Equal(now.UTC().Truncate(time.Millisecond)) {
		t.Fatalf("end running: %+v %v", d, err)
	}
	if acting, _ := ds.ActingPositions(plh); acting["kepala"] != "" {
		t.Errorf("still acting after the end: %v", acting)
	}
	_, err = ds.EndDelegation(admin, running.ID)
	ExpectCode(t, err, letters.ECONFLICT)
	if d, err = ds.EndDelegation(admin, future.ID); err != nil || !d.To.Equal(d.From) {
		t.Fatalf("cancel future: %+v %v", d, err)
	}
	o.Clock.Add(80 * time.Hour)
	if acting, _ := ds.ActingPositions(plh); acting["kabid_bmd"] != "" {
		t.Errorf("a cancelled delegation runs: %v", acting)
	}
	_, err = ds.EndDelegation(admin, 9999)
	ExpectCode(t, err, letters.ENOTFOUND)
}
