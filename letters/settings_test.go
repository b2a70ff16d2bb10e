package letters_test

import (
	"strings"
	"testing"

	"naskah/letters"
)

func TestMailSettingsValidate(t *testing.T) {
	good := letters.MailSettings{Host: "imap.bkad.test", Port: 993, Security: "tls", User: "pengaduan@bkad.test",
		Folder: "INBOX", Interval: "5m", MoveTo: "Tercatat", SMTPHost: "smtp.bkad.test", SMTPSecurity: "starttls",
		SMTPFrom: "pengaduan@bkad.test"}
	if err := good.Validate(); err != nil {
		t.Fatalf("good settings: %v", err)
	}
	if err := (letters.MailSettings{}).Validate(); err != nil {
		t.Fatalf("no mail servers at all is allowed: %v", err)
	}
	local := letters.MailSettings{Host: "127.0.0.1", Security: "none", User: "kantor", SMTPHost: "localhost", SMTPSecurity: "none"}
	if err := local.Validate(); err != nil {
		t.Fatalf("none on this machine: %v", err)
	}
	for _, c := range []struct {
		edit func(*letters.MailSettings)
		want string
	}{
		{func(s *letters.MailSettings) { s.Host = "imap.bkad.test:993" }, `Kotak surat (IMAP): server "imap.bkad.test:993" tidak sah`},
		{func(s *letters.MailSettings) { s.Port = 70000 }, "Kotak surat (IMAP): port 70000 tidak sah"},
		{func(s *letters.MailSettings) { s.Security = "ssl" }, `Kotak surat (IMAP): pengamanan "ssl" tidak dikenal`},
		{func(s *letters.MailSettings) { s.Security = "none" }, "tanpa pengamanan (none) hanya boleh untuk server di mesin ini"},
		{func(s *letters.MailSettings) { s.User = "" }, "Kotak surat (IMAP): nama pengguna wajib diisi."},
		{func(s *letters.MailSettings) { s.Interval = "0.5s" }, `jeda pemeriksaan "0.5s" tidak sah`},
		{func(s *letters.MailSettings) { s.MoveTo = "inbox" }, "folder pemindahan harus berbeda dari folder yang dibaca"},
		{func(s *letters.MailSettings) { s.Folder = "IN\nBOX" }, "nama folder yang dibaca tidak sah"},
		{func(s *letters.MailSettings) { s.SMTPFrom = "Kantor <a@b.test>" }, `alamat pengirim "Kantor <a@b.test>" tidak sah`},
		{func(s *letters.MailSettings) { s.SMTPHost, s.SMTPUser = "", "x" }, "Server SMTP: server wajib diisi"},
	} {
		s := good
		c.edit(&s)
		err := s.Validate()
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), c.want) {
			t.Errorf("%+v: %v, want %q", s, err, c.want)
		}
	}
	// Two problems, two lines.
	s := good
	s.Port, s.SMTPSecurity = -1, "ssl"
	if msg := letters.ErrorMessage(s.Validate()); strings.Count(msg, "\n") != 1 {
		t.Errorf("two problems: %q", msg)
	}
}

func TestMailSettingsRoundTrip(t *testing.T) {
	s := letters.MailSettings{Host: "imap.bkad.test", Port: 143, Security: "starttls", User: "u", Folder: "INBOX",
		Interval: "1m", MoveTo: "Arsip", SMTPHost: "smtp.bkad.test", SMTPPort: 587, SMTPSecurity: "starttls", SMTPUser: "u",
		SMTPFrom: "a@b.test"}
	if got := letters.MailSettingsFrom(s.Values()); got != s {
		t.Errorf("round trip: %+v, want %+v", got, s)
	}
	if got := letters.MailSettingsFrom(map[string]string{letters.SettingMailMoveTo: "-"}); got.MoveTo != "" {
		t.Errorf(`move_to "-" (off on the command line) reads as %q`, got.MoveTo)
	}
	if v := (letters.MailSettings{}).Values(); len(v) != len(letters.MailSettingKeys) || v[letters.SettingMailPort] != "" {
		t.Errorf("empty settings: %v", v)
	}
}
