package store

import (
	"runtime"
	"sync"
	"testing"
)

// Many sign-ins at once all get their answer, but no more hashes run
// together than there are cores: each holds 19 MiB.
func TestPasswordHashesTakeASlotEach(t *testing.T) {
	enc, err := hashPassword("kata-sandi-benar")
	if err != nil {
		t.Fatal(err)
	}
	argonPeak.Store(0)
	const n = 24
	var wg sync.WaitGroup
	ok := make([]bool, n)
	for i := range n {
		wg.Go(func() {
			pw := "kata-sandi-benar"
			if i%2 == 1 {
				pw = "kata-sandi-salah"
			}
			got, err := checkPassword(enc, pw)
			ok[i] = err == nil && got == (i%2 == 0)
		})
	}
	wg.Wait()
	for i, good := range ok {
		if !good {
			t.Errorf("sign-in %d got the wrong answer", i)
		}
	}
	if peak, limit := argonPeak.Load(), int32(runtime.GOMAXPROCS(0)); peak > limit || peak < 1 {
		t.Errorf("%d hashes ran at once, want 1..%d (the cores)", peak, limit)
	}
}
