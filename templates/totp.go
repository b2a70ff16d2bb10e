package templates

// PageLoginCode is the second step of signing in: the code of the
// authenticator app (TOTP).
const PageLoginCode = "login_kode"

// LoginCodePage asks for the 6-digit code after a correct password.
type LoginCodePage struct {
	Base
	// Pending is set when a password was accepted in this browser in the
	// last minutes; otherwise the page sends the visitor back to /masuk.
	Pending bool
}
