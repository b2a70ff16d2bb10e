//go:build !unix

package mail

import "os"

// readFile reads the message file path (size is a hint).
func readFile(path string, size int64) ([]byte, error) { return os.ReadFile(path) }
