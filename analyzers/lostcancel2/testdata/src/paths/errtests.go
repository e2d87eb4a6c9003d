package paths

import (
	"io"
	"os"
	"strings"

	"errkinds"
)

// An expected failure, told apart before the general one. A producer
// that fails returns no cancel, so each of these branches leaves nothing
// to call, whatever form the test of the error takes.

// A sentinel compared with ==.
func openUnlessEOF(open opener) error {
	_, cancel, err := open()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// A switch on the error: a sentinel case, and the default after case nil.
func openSwitch(open opener) error {
	_, cancel, err := open()
	switch err {
	case nil:
	case errkinds.ErrConflict:
		return nil
	default:
		return err
	}
	cancel()
	return nil
}

// A type switch on the error: a case with a type holds a failure.
func openTypeSwitch(open opener) error {
	_, cancel, err := open()
	switch err.(type) {
	case nil:
	case *handlerError:
		return nil
	default:
		return err
	}
	cancel()
	return nil
}

// A comma-ok assertion on the error.
func openAsserted(open opener) error {
	_, cancel, err := open()
	if _, ok := err.(*handlerError); ok {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// The standard library's tests of an error.
func openFile(open opener) error {
	_, cancel, err := open()
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// This package's test of an error.
func isBusy(err error) bool {
	switch {
	case err == nil:
		return false
	case err == errBusy:
		return true
	}
	return retryable(err)
}

func openUnlessBusy(open opener) error {
	_, cancel, err := open()
	if isBusy(err) {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Another package's tests of an error, known by their facts.
func openUnlessConflict(open opener) error {
	_, cancel, err := open()
	if errkinds.IsConflict(err) || errkinds.Temporary(err) {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Matching the error's text: calling a method of a nil error panics, so
// a condition that does, whatever its value, holds a failure.
func openUnlessExists(open opener) error {
	_, cancel, err := open()
	if strings.Contains(err.Error(), "exists") || err.(*handlerError).msg == "dup" {
		return nil
	}
	cancel()
	return nil
}

// Reported: the text is matched only when retry is false.
func openRetryOrText(open opener, retry bool) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if retry || err != nil && strings.HasPrefix(err.Error(), "busy") {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// Reported: a test that is true of success too.
func openSettled(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if errkinds.Settled(err) {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Reported: a local error variable may be nil, unlike a sentinel.
func openVersus(open opener, last error) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if err == last {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Reported: the type switch's nil case is success.
func openTypeSwitchNil(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	switch err.(type) {
	case nil:
		return nil // want `this return statement may be reached without using the cancel var`
	case *handlerError:
		return err
	}
	cancel()
	return nil
}

// Reported: a switch case that says nothing of the error.
func openSwitchOther(open opener, mode int) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	switch mode {
	case 1:
		return nil // want `this return statement may be reached without using the cancel var`
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Reported: the predicate's parameter is reassigned, so what it tests is
// not the argument.
func anyFailure(err error) bool {
	err = io.EOF
	return err != nil
}

func openAnyFailure(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if anyFailure(err) {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}
