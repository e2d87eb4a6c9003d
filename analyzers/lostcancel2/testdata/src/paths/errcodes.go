package paths

import "errkinds"

// A failure told apart by the code a classifier gives it. The classifier
// has one value for a nil error (OK, true), known by its fact, so a
// branch on any other value is taken only when the producer failed and
// left no cancel.

func openUnlessNotFound(open opener) error {
	_, cancel, err := open()
	if errkinds.CodeOf(err) == errkinds.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

func openSwitchCode(open opener) error {
	_, cancel, err := open()
	switch errkinds.CodeOf(err) {
	case errkinds.OK:
	case errkinds.NotFound, errkinds.Unavailable:
		return nil
	}
	cancel()
	return nil
}

func openUnlessFailed(open opener) error {
	_, cancel, err := open()
	if !errkinds.Succeeded(err) {
		return nil
	}
	cancel()
	return nil
}

func openUnlessNotOK(open opener) error {
	_, cancel, err := open()
	if errkinds.OK != errkinds.CodeOf(err) {
		return nil
	}
	cancel()
	return nil
}

// Reported: the code of a nil error is OK, so this branch is taken on
// success too.
func openUnlessOtherThanNotFound(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if errkinds.CodeOf(err) != errkinds.NotFound {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// Reported: success is the case taken here.
func openSwitchOK(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	switch errkinds.CodeOf(err) {
	case errkinds.OK:
		return nil // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// Reported: what CodeOr gives at nil is the caller's argument.
func openCodeOr(open opener) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if errkinds.CodeOr(err, errkinds.OK) == errkinds.NotFound {
		return nil // want `this return statement may be reached without using the cancel var`
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}
