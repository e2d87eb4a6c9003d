package paths

import (
	"context"
	"errors"
	"time"
)

// A producer that fails returns no cancel to call. The branch that shows
// its error is not nil need not be the statement right after it, nor
// test the error alone.

type opener func() (context.Context, context.CancelFunc, error)

var errBusy = errors.New("busy")

func retryable(err error) bool { return errors.Is(err, errBusy) }

// Retried on a temporary error, after the retry decision.
func openRetrying(open opener, s store) error {
	for {
		ctx, cancel, err := open()
		retry := retryable(err)
		if err != nil && retry {
			time.Sleep(time.Millisecond)
			continue
		}
		if err != nil {
			return err
		}
		_, err = s.Get(ctx, "k")
		cancel()
		return err
	}
}

// The success test, with the failure on its else branch.
func openOrElse(ctx context.Context, tr tracker, s store) error {
	ctx, cancel, err := tr.open(ctx, "a")
	if err == nil {
		defer cancel()
	} else {
		return err
	}
	_, err = s.Get(ctx, "k")
	return err
}

// The success test without an else: its false edge skips the call.
func openIfOK(ctx context.Context, tr tracker) {
	_, cancel, err := tr.open(ctx, "a")
	if !(err != nil) {
		cancel()
	}
}

// errors.Is is true only of a failure.
func openMatched(ctx context.Context, tr tracker) error {
	_, cancel, err := tr.open(ctx, "a")
	if errors.Is(err, errBusy) || errors.As(err, new(*handlerError)) {
		return nil
	}
	if err != nil {
		return err
	}
	cancel()
	return nil
}

// Reported: once err holds another call's error, the branch says nothing
// of the producer.
func openReused(open opener, s store) error {
	ctx, cancel, err := open() // want `the cancel function is not used on all paths`
	_, err = s.Get(ctx, "k")
	if err != nil {
		return err // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// Reported: a branch that does not test the error.
func openRetryOnly(open opener, retry bool) error {
	for {
		_, cancel, err := open() // want `the cancel function is not used on all paths`
		if retry {
			return err // want `this return statement may be reached without using the cancel var`
		}
		if err != nil {
			return err
		}
		cancel()
		return nil
	}
}

// Reported: the true branch of a disjunction says nothing of err.
func openEither(open opener, retry bool) error {
	_, cancel, err := open() // want `the cancel function is not used on all paths`
	if err != nil || retry {
		return err // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// A copy into a variable that a registered teardown calls hands the
// cancel to the teardown, which runs on every path that stops the app.
type app struct{ stops []func() }

func (a *app) onStop(f func()) { a.stops = append(a.stops, f) }

func (a *app) start(fail bool) error {
	release := func() {}
	a.onStop(func() { release() })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	release = cancel
	go watch(ctx)
	if fail {
		return errBusy
	}
	return nil
}

func watch(ctx context.Context) { <-ctx.Done() }

// Reported: a plain copy that no literal sees is followed, and lost.
func (a *app) startCopied(fail bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // want `the cancel function is not used on all paths`
	release := cancel
	go watch(ctx)
	if fail {
		return errBusy // want `this return statement may be reached without using the cancel var`
	}
	release()
	return nil
}
