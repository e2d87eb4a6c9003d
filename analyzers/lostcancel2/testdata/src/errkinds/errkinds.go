// Package errkinds classifies errors for package paths: its tests are
// known to other packages by their facts.
package errkinds

import "errors"

// ErrConflict is a sentinel.
var ErrConflict = errors.New("conflict")

type temporary interface{ Temporary() bool }

// IsConflict is true only of a failure: its nil guard comes first.
func IsConflict(err error) bool {
	if err == nil {
		return false
	}
	return err.Error() == ErrConflict.Error()
}

// Temporary is true only of a failure: true only inside errors.As.
func Temporary(err error) bool {
	var t temporary
	if errors.As(err, &t) {
		return t.Temporary()
	}
	return false
}

// Settled is true of success too.
func Settled(err error) bool {
	return err == nil || errors.Is(err, ErrConflict)
}

// Code classifies a failure, OK for none, as an RPC status does.
type Code uint32

const (
	OK Code = iota
	NotFound
	Unavailable
)

// CodeOf is OK exactly when the error is nil.
func CodeOf(err error) Code {
	if err == nil {
		return OK
	}
	if errors.Is(err, ErrConflict) {
		return NotFound
	}
	return Unavailable
}

// Succeeded is true of success only.
func Succeeded(err error) bool { return err == nil }

// CodeOr gives a caller's code for success: its value at nil is not known.
func CodeOr(err error, ok Code) Code {
	if err == nil {
		return ok
	}
	return Unavailable
}
