package letters

import (
	"errors"
	"fmt"
)

// Error codes. Every service method documents which of these it returns;
// the web layer maps each to one HTTP status in one place.
const (
	ECONFLICT     = "conflict"     // the action clashes with the current state (duplicate, illegal transition)
	EINTERNAL     = "internal"     // a fault in Naskah or its storage: never shown in detail to a user
	EINVALID      = "invalid"      // the input is wrong; Message says which field and why
	ENOTFOUND     = "not_found"    // the thing asked for does not exist
	EFORBIDDEN    = "forbidden"    // the user is known but may not do this
	EUNAUTHORIZED = "unauthorized" // no user, or wrong credentials
	ETOOLARGE     = "too_large"    // an upload or message over the configured limit
)

// Error is the one error type of the domain. Message is written for the user,
// in Bahasa Indonesia; internal causes are wrapped with %w elsewhere and never
// reach Message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("naskah error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic message so that no detail leaks to the client.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Terjadi kesalahan internal. Silakan coba lagi atau hubungi admin."
}
