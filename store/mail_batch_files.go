package store

import (
	"crypto/sha256"
	"encoding/hex"
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
// syncing to syncBlobs. A file already there with the right size is kept.
func (db *DB) writeBlobLater(data []byte) (string, error) {
	sum := sha256.Sum256(data)
	hexSum := hex.EncodeToString(sum[:])
	path := db.blobPath(hexSum)
	if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
		return hexSum, nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("store: blob dir: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("store: blob temp: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", fmt.Errorf("store: write blob: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("store: close blob: %w", err)
	}
	if err := os.Chmod(tmp, 0o640); err != nil {
		return "", fmt.Errorf("store: chmod blob: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("store: rename blob: %w", err)
	}
	return hexSum, nil
}

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
