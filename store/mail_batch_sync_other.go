//go:build !linux

package store

// syncBlobs makes the files at paths durable, with their directory
// entries, one by one.
func syncBlobs(dir string, paths []string) error {
	return fsyncBlobs(paths)
}
