package store

// SetUnitWalk sets how many letters a unit's page may walk (letter_unit.go)
// and returns a function that restores it.
func SetUnitWalk(n int) (restore func()) {
	old := unitWalk
	unitWalk = n
	return func() { unitWalk = old }
}

// SetUnitSmall sets the most letters of a unit whose list a search or a
// period reads (letter_unit.go) and returns a function that restores it.
func SetUnitSmall(n int) (restore func()) {
	old := unitSmall
	unitSmall = n
	return func() { unitSmall = old }
}
