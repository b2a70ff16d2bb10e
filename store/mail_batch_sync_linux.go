package store

import (
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// syncBlobs makes the files at paths durable, with their directory
// entries: one syncfs(2) of the data directory's file system (a single
// journal commit) instead of two syncs per file. It also flushes what else
// is dirty on that file system, which is why it is used per batch only.
func syncBlobs(dir string, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	d, err := os.Open(filepath.Join(dir, attachmentDir))
	if err != nil {
		return fmt.Errorf("store: open attachments: %w", err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fsyncBlobs(paths) // e.g. a kernel without syncfs
	}
	return nil
}
