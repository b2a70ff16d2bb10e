package letters_test

import (
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
)

// FuzzParsePeriod: any text is a period or EINVALID, and a period reads
// back from its own String.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-10", "2026-q3", "2026-S2", "2026", " 2026-01 ", "2026-13", "2026-S3", "2026-Q+1", "-2026", "9999-12", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		per, err := letters.ParsePeriod(s)
		expectInvalid(t, "ParsePeriod("+strconv.Quote(s)+")", err)
		if err != nil {
			return
		}
		again, err := letters.ParsePeriod(per.String())
		if err != nil || again != per {
			t.Fatalf("ParsePeriod(%q) = %v; its String %q reads back as %v, %v", s, per, per.String(), again, err)
		}
	})
}

// FuzzParseScopes: a token's scopes are known scopes, without repeats, or
// the input is EINVALID.
func FuzzParseScopes(f *testing.F) {
	for _, s := range []string{"letters:read", "letters:read, letters:write", ",,", "letters:read,letters:read", "admin", "LETTERS:READ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scopes, err := letters.ParseScopes(s)
		expectInvalid(t, "ParseScopes("+strconv.Quote(s)+")", err)
		seen := map[letters.Scope]bool{}
		for _, sc := range scopes {
			if !letters.ValidScope(sc) || seen[sc] {
				t.Fatalf("ParseScopes(%q) = %v", s, scopes)
			}
			seen[sc] = true
		}
	})
}

// FuzzMailSettings: the mailbox form's values either validate or give
// EINVALID naming the field, and valid settings survive a round trip
// through the stored values.
func FuzzMailSettings(f *testing.F) {
	f.Add("imap.example.go.id", "993", "tls", "pengaduan", "INBOX", "5m", "Tercatat")
	f.Add("localhost", "143", "none", "u", "", "", "-")
	f.Add("http://x", "70000", "ssl", "", "a\x00b", "1ns", "INBOX")
	f.Add("", "12", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, host, port, security, user, folder, interval, moveTo string) {
		v := map[string]string{
			letters.SettingMailHost: host, letters.SettingMailPort: port, letters.SettingMailSecurity: security,
			letters.SettingMailUser: user, letters.SettingMailFolder: folder, letters.SettingMailInterval: interval,
			letters.SettingMailMoveTo: moveTo,
		}
		s := letters.MailSettingsFrom(v)
		err := s.Validate()
		expectInvalid(t, "Validate", err)
		if err != nil {
			if !strings.Contains(letters.ErrorMessage(err), "Kotak surat") && !strings.Contains(letters.ErrorMessage(err), "SMTP") {
				t.Fatalf("the message names no part of the form: %s", letters.ErrorMessage(err))
			}
			return
		}
		if back := letters.MailSettingsFrom(s.Values()); back != s {
			t.Fatalf("round trip: %+v became %+v", s, back)
		}
	})
}
