package templates

import "html/template"

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

// PageTOTPEnrol is the page where a user sets up their second factor.
const PageTOTPEnrol = "totp_daftar"

// TOTPEnrolPage shows the QR code and the secret of a new TOTP key and asks
// for a code from the authenticator app to confirm it.
type TOTPEnrolPage struct {
	Base
	Required bool         // the user may not use Naskah before enrolling
	Enrolled bool         // the user already has a second factor
	Secret   string       // base32, grouped for typing
	URI      string       // otpauth://…
	QR       template.URL // data:image/png;base64,… of URI
	Next     string       // where to go once enrolled
}
