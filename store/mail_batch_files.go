package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// A file sync costs a journal commit of the file system (about 8 ms on a
// virtual disk here, twice per file with its directory): syncing each
// attachment of an import on its own took longer than all the rest. The
// batch path writes the files without syncing and makes them durable all at
// once just before the transaction that refers to them commits
// (syncBlobs), which keeps the rule of writeBlob: a row never commits
// before its file is on disk.

// writeBlobLater stores data under its hash like writeBlob, but leaves
// syncing to syncBlobs.
func (db *DB) writeBlobLater(data []byte) (string, error) { return db.storeBlob(data, false) }

// fsyncBlobs syncs each file and its directory (once each): the portable
// way of syncBlobs.
func fsyncBlobs(paths []string) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("store: open blob: %w", err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("store: sync blob: %w", err)
		}
		dirs[filepath.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}
