package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
)

// A write that fails in a group is undone alone: the writes grouped with
// it commit, and each caller learns its own outcome.
func TestGroupCommit_FailedWriteUndoneAlone(t *testing.T) {
	db := openInternalDB(t, "bkpsdmd-matim")
	ctx := context.Background()
	bad := errors.New("ditolak")
	const n = 120
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = db.inGroup(ctx, func(ctx context.Context, tx *Tx) error {
				if err := setSetting(ctx, tx, fmt.Sprintf("k%d", i), "v"); err != nil {
					return err
				}
				if i%3 == 0 {
					return bad // after its row was written: the row must go
				}
				return nil
			})
		})
	}
	wg.Wait()
	for i := range n {
		v, err := db.Setting(ctx, fmt.Sprintf("k%d", i))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case i%3 == 0 && (!errors.Is(errs[i], bad) || v != ""):
			t.Fatalf("write %d failed: err %v, stored %q; want its error and nothing stored", i, errs[i], v)
		case i%3 != 0 && (errs[i] != nil || v != "v"):
			t.Fatalf("write %d: err %v, stored %q; want it committed", i, errs[i], v)
		}
	}
}
