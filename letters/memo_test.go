package letters

import (
	"context"
	"errors"
	"testing"
)

// Within a request the value is computed once; an error is not kept; a
// context without a memo computes every time.
func TestRemember(t *testing.T) {
	calls := 0
	compute := func() (int, error) { calls++; return calls * 10, nil }
	ctx := NewContextWithMemo(context.Background())
	for range 3 {
		if v, err := Remember(ctx, "k", compute); err != nil || v != 10 {
			t.Fatalf("Remember = %d, %v; want 10", v, err)
		}
	}
	if calls != 1 {
		t.Errorf("computed %d times within one request, want 1", calls)
	}
	failed := 0
	fail := func() (int, error) { failed++; return 0, errors.New("gagal") }
	Remember(ctx, "e", fail)
	Remember(ctx, "e", fail)
	if failed != 2 {
		t.Errorf("an error was kept: computed %d times, want 2", failed)
	}
	plain := context.Background()
	Remember(plain, "k", compute)
	Remember(plain, "k", compute)
	if calls != 3 {
		t.Errorf("without a memo computed %d times in all, want 3", calls)
	}
}
