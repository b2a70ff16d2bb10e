package store

// SetSearchLimit changes how many of the newest matches a search lists and
// counts, so that tests can reach the cap on a small agenda. It returns a
// func that restores the old value.
func SetSearchLimit(n int) (restore func()) {
	old := searchLimit
	searchLimit = n
	return func() { searchLimit = old }
}

// SetTaskCountCap lowers where CountMyTasks stops counting; restore undoes it.
func SetTaskCountCap(n int) (restore func()) {
	old := taskCountCap
	taskCountCap = n
	return func() { taskCountCap = old }
}
