package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters for new hashes (OWASP: at least 19 MiB, 2 passes, 1 lane).
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// argonSlots bounds how many argon2id hashes run at once to the number of
// cores: each holds argonMemory, and fifty staff signing in together at
// eight in the morning took 2.4 GB at their peak (issue 8), where more at
// once than cores finish no sooner. argonBusy counts those running and
// argonPeak keeps the most seen (tests read it).
var (
	argonSlots = make(chan struct{}, runtime.GOMAXPROCS(0))
	argonBusy  atomic.Int32
	argonPeak  atomic.Int32
)

// argonKey is argon2.IDKey taking a slot.
func argonKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	argonSlots <- struct{}{}
	defer func() { argonBusy.Add(-1); <-argonSlots }()
	n := argonBusy.Add(1)
	for peak := argonPeak.Load(); n > peak && !argonPeak.CompareAndSwap(peak, n); peak = argonPeak.Load() {
	}
	return argon2.IDKey(password, salt, time, memory, threads, keyLen)
}

// hashPassword returns the PHC string of password:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
func hashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("store: salt: %w", err)
	}
	key := argonKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// checkPassword reports whether password matches the PHC string encoded,
// using the parameters stored in it and a constant-time compare.
func checkPassword(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, fmt.Errorf("store: not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("store: unsupported argon2 version %q", parts[2])
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 {
		return false, fmt.Errorf("store: bad argon2 parameters %q", parts[3])
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("store: bad argon2 salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, fmt.Errorf("store: bad argon2 hash")
	}
	got := argonKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when the user does not exist, so that an
// unknown username costs as much time as a wrong password.
var dummyHash = sync.OnceValue(func() string {
	h, err := hashPassword("naskah-dummy-password")
	if err != nil {
		panic(err)
	}
	return h
})

// passwordAlphabet leaves out characters people misread (0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// randomPassword returns a password of n characters for a new account.
func randomPassword(n int) string {
	// Rejection sampling keeps every character equally likely.
	limit := byte(256 / len(passwordAlphabet) * len(passwordAlphabet))
	out := make([]byte, 0, n)
	buf := make([]byte, 1)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			panic(err)
		}
		if buf[0] < limit {
			out = append(out, passwordAlphabet[int(buf[0])%len(passwordAlphabet)])
		}
	}
	return string(out)
}
