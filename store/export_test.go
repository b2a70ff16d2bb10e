package store

// SetScanThreshold changes when FindLetters walks the date index, so that
// tests can run both query plans on a small agenda. It returns a func that
// restores the old value.
func SetScanThreshold(n int) (restore func()) {
	old := scanThreshold
	scanThreshold = n
	return func() { scanThreshold = old }
}
