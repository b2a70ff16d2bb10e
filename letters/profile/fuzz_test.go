package profile_test

import (
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
)

// FuzzParse feeds YAML to the profile loader: it answers a profile that
// passes its own checks or EINVALID, never a panic or another error. The
// seeds are small profiles (testdata/fuzz/FuzzParse and below); the five
// offices' full profiles are parsed by the unit tests. With them as seeds
// the engine spent a 5 s run minimising its first finds (about 20
// executions instead of 50,000).
func FuzzParse(f *testing.F) {
	f.Add([]byte("slug: x\n"))
	f.Add([]byte("{{{"))
	f.Add([]byte("slug: &a [*a]\n"))
	f.Add([]byte("slug: uji\nname: Kantor Uji\npositions:\n  - {code: kepala, title: Kepala}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := profile.Parse(data, "fuzz.yaml")
		if err != nil {
			if letters.ErrorCode(err) != letters.EINVALID || letters.ErrorMessage(err) == "" {
				t.Fatalf("Parse: error %v (code %s), want EINVALID with a message", err, letters.ErrorCode(err))
			}
			return
		}
		if p.Slug == "" || len(p.Positions) == 0 {
			t.Fatalf("Parse accepted a profile without slug or positions: %+v", p)
		}
		if _, err := p.Calendar(nil); err != nil && letters.ErrorCode(err) != letters.EINVALID {
			t.Fatalf("Calendar of an accepted profile: %v", err)
		}
	})
}
