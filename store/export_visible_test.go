package store

// SetVisibleSmall changes the size of a visible set read from its list
// (letter_visible.go); restore undoes it.
func SetVisibleSmall(n int) (restore func()) {
	old := visibleSmall
	visibleSmall = n
	return func() { visibleSmall = old }
}
