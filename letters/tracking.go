package letters

import (
	"crypto/rand"
	"strings"
)

// trackingAlphabet is Crockford's base32: no I, L, O or U, so a code read
// aloud over the phone or copied by hand is not misread.
const trackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// NewTrackingCode returns a code of 16 symbols (80 random bits) in groups of
// four, e.g. "7K3Q-M9XD-2HFA-TR8W".
func NewTrackingCode() string {
	var buf [16]byte
	if _, err := rand.Read(buf[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	var b strings.Builder
	for i, c := range buf {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(trackingAlphabet[c&31])
	}
	return b.String()
}

// NormalizeTrackingCode upper-cases a code typed by a person, drops spaces
// and maps the letters people confuse (O→0, I and L→1).
func NormalizeTrackingCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '-':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		b.WriteRune(r)
		if n := b.Len(); n == 4 || n == 9 || n == 14 {
			b.WriteByte('-')
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
