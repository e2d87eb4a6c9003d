package helpers

import "errors"

// Code classifies an error. The fact expected of each function below is
// the value it has whenever its error argument is nil, if it has one.
type Code int

const (
	OK Code = iota
	NotFound
	Unknown
)

var errNotFound = errors.New("not found")

func CodeOf(err error) Code { // want CodeOf:"valueAtNil\\(param 0, 0\\)"
	if err == nil {
		return OK
	}
	if errors.Is(err, errNotFound) {
		return NotFound
	}
	return Unknown
}

func Succeeded(err error) bool { return err == nil } // want Succeeded:"valueAtNil\\(param 0, true\\)"

func Reason(op string, err error) string { // want Reason:"valueAtNil\\(param 1, \"\"\\)"
	if err == nil {
		return ""
	}
	if errors.Is(err, errNotFound) {
		return "missing"
	}
	return op + ": " + err.Error()
}

// Through another: the value of CodeOf at nil.
func Retryable(err error) bool { return CodeOf(err) == Unknown } // want Retryable:"valueAtNil\\(param 0, false\\)"

// None: two values at nil.
func Flaky(err error, second bool) Code {
	if err == nil && second {
		return NotFound
	}
	if err == nil {
		return OK
	}
	return Unknown
}

// None: the value at nil is the caller's.
func CodeOr(err error, def Code) Code {
	if err == nil {
		return def
	}
	return Unknown
}

// None: a float is not kept.
func Weight(err error) float64 {
	if err == nil {
		return 0
	}
	return 1
}
