package paths

import (
	"budget"
	"context"
	"errors"
	"log"
	"net/http"
	"os"
	"testing"
	"time"
)

type store interface {
	Get(ctx context.Context, key string) (string, error)
}

// An early error return skips the cancel (kuma #15793).
func start(ctx context.Context, s store) error {
	ctx, cancel := context.WithCancel(ctx) // want `the cancel function is not used on all paths \(possible context leak\)`
	if _, err := s.Get(ctx, "config"); err != nil {
		return err // want `this return statement may be reached without using the cancel var defined on line 20`
	}
	cancel()
	return nil
}

// The variable is named as the user named it.
func lookup(ctx context.Context, s store, key string) (string, error) {
	ctx, stop := context.WithTimeout(ctx, time.Second) // want `the stop function is not used on all paths`
	v, err := s.Get(ctx, key)
	if err != nil {
		stop()
		return "", err
	}
	return v, nil // want `this return statement may be reached without using the stop var defined on line 30`
}

// Helpers of other packages returning func() are tracked too.
func withBudget(ctx context.Context, s store) error {
	ctx, done := budget.Start(ctx, time.Second) // want `the done function is not used on all paths`
	if _, err := s.Get(ctx, "a"); err != nil {
		return err // want `this return statement may be reached without using the done var`
	}
	done()
	return nil
}

// Passed through two local aliases, then lost on the error path.
func twoAliases(ctx context.Context, s store) error {
	ctx, cancel := context.WithCancel(ctx) // want `the cancel function is not used on all paths`
	release := cancel
	finish := release
	if _, err := s.Get(ctx, "a"); err != nil {
		return err // want `this return statement may be reached without using the cancel var`
	}
	finish()
	return nil
}

// Quiet: handled on every path.

func deferred(ctx context.Context, s store) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.Get(ctx, "k")
	return err
}

func everyBranch(ctx context.Context, s store, fast bool) error {
	ctx, cancel := context.WithCancel(ctx)
	if fast {
		cancel()
		return nil
	}
	_, err := s.Get(ctx, "k")
	cancel()
	return err
}

func aliasesCalled(ctx context.Context, s store) error {
	ctx, cancel := context.WithCancel(ctx)
	release := cancel
	finish := release
	defer finish()
	_, err := s.Get(ctx, "k")
	return err
}

func goroutineDefers(ctx context.Context, s store) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		defer cancel()
		s.Get(ctx, "k")
	}()
}

func passedToWorker(ctx context.Context, s store) {
	ctx, cancel := context.WithCancel(ctx)
	go work(ctx, s, cancel)
}

func work(ctx context.Context, s store, done context.CancelFunc) {
	defer done()
	s.Get(ctx, "k")
}

func returned(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, cancel
}

func namedResults(ctx context.Context) (c context.Context, cancel context.CancelFunc) {
	c, cancel = context.WithTimeout(ctx, time.Second)
	return
}

func namedResultsEarly(ctx context.Context, fail bool) (c context.Context, cancel context.CancelFunc, err error) {
	c, cancel = context.WithCancel(ctx)
	if fail {
		cancel()
		return nil, nil, errors.New("failed")
	}
	return
}

// The cancel travels inside a closure that is returned to the caller.
func traced(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	return ctx, func() {
		cancel()
		log.Print("span end")
	}
}

func afterFunc(ctx, other context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	context.AfterFunc(other, cancel)
	_ = ctx
}

func afterFuncClosure(ctx context.Context, d time.Duration) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(d, func() { cancel() })
	return ctx
}

func sentOnChannel(ctx context.Context, out chan<- context.CancelFunc) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	out <- cancel
	return ctx
}

func noReturnPaths(ctx context.Context, t *testing.T, code int) {
	ctx, cancel := context.WithCancel(ctx)
	switch code {
	case 0:
		t.Fatal("zero")
	case 1:
		log.Fatalf("one")
	case 2:
		os.Exit(2)
	case 3:
		panic("three")
	default:
		cancel()
	}
	_ = ctx
}

func serveForever(ctx context.Context, h http.Handler) {
	ctx, cancel := context.WithCancel(ctx)
	if h == nil {
		cancel()
		return
	}
	for {
		select {
		case <-ctx.Done():
		}
	}
}

func nilChecked(ctx context.Context, s store) error {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		if cancel != nil {
			cancel()
		}
	}()
	_, err := s.Get(ctx, "k")
	return err
}

// A method value of a producer, and a cause-carrying cancel.
type tracker struct{}

func (tracker) begin(ctx context.Context) (context.Context, context.CancelCauseFunc) {
	return context.WithCancelCause(ctx)
}

func methodValue(ctx context.Context, tr tracker, s store) error {
	begin := tr.begin
	ctx, cancel := begin(ctx) // want `the cancel function is not used on all paths`
	if _, err := s.Get(ctx, "a"); err != nil {
		return err // want `this return statement may be reached without using the cancel var`
	}
	cancel(nil)
	return nil
}

// Generic functions are analyzed like the others.
func firstOf[T any](ctx context.Context, items []T, ok func(context.Context, T) bool) (T, bool) {
	ctx, cancel := context.WithCancel(ctx) // want `the cancel function is not used on all paths`
	for _, it := range items {
		if ok(ctx, it) {
			return it, true // want `this return statement may be reached without using the cancel var`
		}
	}
	cancel()
	var zero T
	return zero, false
}

func firstOfDeferred[T any](ctx context.Context, items []T, ok func(context.Context, T) bool) (T, bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for _, it := range items {
		if ok(ctx, it) {
			return it, true
		}
	}
	var zero T
	return zero, false
}

// Closures are analyzed on their own.
func closures(ctx context.Context, s store, keys []string) {
	for _, k := range keys {
		go func() {
			kctx, cancel := context.WithTimeout(ctx, time.Second) // want `the cancel function is not used on all paths`
			if _, err := s.Get(kctx, k); err != nil {
				return // want `this return statement may be reached without using the cancel var`
			}
			cancel()
		}()
	}
}

func closuresDeferred(ctx context.Context, s store, keys []string) {
	for _, k := range keys {
		go func() {
			kctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			s.Get(kctx, k)
		}()
	}
}

// A helper of this package that never returns ends the path too.
func fatalf(format string, args ...any) {
	log.Printf(format, args...)
	os.Exit(1)
}

func mustGet(ctx context.Context, s store) string {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	v, err := s.Get(ctx, "k")
	if err != nil {
		fatalf("get: %v", err)
	}
	cancel()
	return v
}

// A helper that may return does not.
func warnf(format string, args ...any) {
	log.Printf(format, args...)
}

func tryGet(ctx context.Context, s store) string {
	ctx, cancel := context.WithTimeout(ctx, time.Second) // want `the cancel function is not used on all paths`
	v, err := s.Get(ctx, "k")
	if err != nil {
		warnf("get: %v", err)
		return "" // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return v
}

// A producer that also returns an error: on its error branch there is no
// cancel to call.
func (tracker) open(ctx context.Context, name string) (context.Context, context.CancelFunc, error) {
	if name == "" {
		return nil, nil, errors.New("no name")
	}
	ctx, cancel := context.WithCancel(ctx)
	return ctx, cancel, nil
}

func openGuarded(ctx context.Context, tr tracker, s store) error {
	ctx, cancel, err := tr.open(ctx, "a")
	if err != nil {
		return err
	}
	defer cancel()
	_, err = s.Get(ctx, "k")
	return err
}

// Only the producer's own error is such a guard.
func openLeaky(ctx context.Context, tr tracker, s store) error {
	ctx, cancel, err := tr.open(ctx, "a") // want `the cancel function is not used on all paths`
	if err != nil {
		return err
	}
	if _, err := s.Get(ctx, "k"); err != nil {
		return err // want `this return statement may be reached without using the cancel var`
	}
	cancel()
	return nil
}

// The guard may be a concrete error type.
type handlerError struct{ msg string }

func (e *handlerError) Error() string { return e.msg }

func (tracker) forTask(ctx context.Context) (context.Context, context.CancelFunc, *handlerError) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, cancel, nil
}

func handle(ctx context.Context, tr tracker, s store) error {
	ctx, cancel, herr := tr.forTask(ctx)
	if herr != nil {
		return herr
	}
	defer cancel()
	_, err := s.Get(ctx, "k")
	return err
}

// A generic helper of another package returning func().
func scoped(ctx context.Context, s store, user string) error {
	ctx, release := budget.Scoped(ctx, user) // want `the release function is not used on all paths`
	if _, err := s.Get(ctx, user); err != nil {
		return err // want `this return statement may be reached without using the release var`
	}
	release()
	return nil
}

func scopedDiscarded(ctx context.Context, user string) context.Context {
	sctx, _ := budget.Scoped(ctx, user) // want `the cancel function returned by budget.Scoped should be called, not discarded, to avoid a context leak`
	return sctx
}
