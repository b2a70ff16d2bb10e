package profile_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
)

// Every seed office has a retention period, so `naskah retention` works out
// of the box for each of them.
func TestEmbeddedProfilesHaveRetention(t *testing.T) {
	for _, name := range profile.Names() {
		p := mustLoad(t, name)
		if p.Retention == nil {
			t.Errorf("%s: no retention", name)
			continue
		}
		if got := p.Retention.String(); got != "2 tahun" {
			t.Errorf("%s: retention %s, want 2 tahun", name, got)
		}
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
		if got, want := p.Retention.Cutoff(now), time.Date(2024, 11, 25, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("%s: cutoff %v, want %v", name, got, want)
		}
	}
}

// A bad retention setting is refused with the line it stands on.
func TestRetentionProblemsNameTheirLine(t *testing.T) {
	base, err := profile.Source("bkad-kalbar")
	if err != nil {
		t.Fatal(err)
	}
	text := string(base)
	i := strings.Index(text, "\nretention:\n")
	if i < 0 {
		t.Fatal("bkad-kalbar.yaml has no retention section")
	}
	text = text[:i+1] // everything before the section
	line := strings.Count(text, "\n") + 1
	for _, tc := range []struct {
		section string
		line    int // of the reported problem, relative to "retention:"
		want    string
	}{
		{"retention:\n  closed_cases_years: -1\n", 1, "tidak boleh negatif"},
		{"retention:\n  closed_cases_days: 400000\n", 1, "terlalu lama"},
		{"retention:\n  closed_cases_years: 2\n  closed_cases_days: 30\n", 2, "tidak keduanya"},
		{"retention:\n  closed_cases_years: 0\n", 0, "harus diisi"},
		{"retention:\n  closed_cases_years: dua\n", 1, "bilangan bulat"},
		{"retention:\n  years: 2\n", 1, `kunci "years" tidak dikenal di bagian retention`},
	} {
		_, err := profile.Parse([]byte(text+tc.section), "kantor.yaml")
		if letters.ErrorCode(err) != letters.EINVALID {
			t.Errorf("%q: error %v, want EINVALID", tc.section, err)
			continue
		}
		msg := letters.ErrorMessage(err)
		prefix := fmt.Sprintf("kantor.yaml baris %d: ", line+tc.line)
		if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("%q:\n got %q\nwant %q… containing %q", tc.section, msg, prefix, tc.want)
		}
	}
	// Days alone are fine.
	p, err := profile.Parse([]byte(text+"retention:\n  closed_cases_days: 90\n"), "kantor.yaml")
	if err != nil {
		t.Fatal(letters.ErrorMessage(err))
	}
	if got := p.Retention.String(); got != "90 hari" {
		t.Errorf("retention %q, want 90 hari", got)
	}
}
