package discard

import (
	"budget"
	"context"
	"errors"
	"os"
	"os/signal"
	"time"
)

type client struct{ timeout time.Duration }

func (c *client) fetch(ctx context.Context, key string) error {
	ctx, _ = context.WithTimeout(ctx, c.timeout) // want `the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak`
	return get(ctx, key)
}

func get(ctx context.Context, key string) error {
	reqCtx, _ := context.WithCancel(ctx) // want `the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak`
	return reqCtx.Err()
}

// watchSignals returns its context: deferring the cancel would end it as
// the function returns, so the finding carries no fix.
func watchSignals() context.Context {
	var ctx, _ = signal.NotifyContext(context.Background(), os.Interrupt) // want `the cancel function returned by signal.NotifyContext should be called, not discarded, to avoid a context leak`
	return ctx
}

func deadlineWithCause(ctx context.Context, at time.Time) error {
	dctx, _ := context.WithDeadlineCause(ctx, at, errors.New("too slow")) // want `the cancel function returned by context.WithDeadlineCause should be called, not discarded, to avoid a context leak`
	return dctx.Err()
}

func fireAndForget(ctx context.Context) {
	context.WithTimeout(ctx, time.Second) // want `the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak`
}

// Helpers in another package that return the cancel as a plain func() are
// producers too, through the ReturnsCancel fact.
func load(ctx context.Context) error {
	loadCtx, _ := budget.Start(ctx, time.Second) // want `the cancel function returned by budget.Start should be called, not discarded, to avoid a context leak`
	return loadCtx.Err()
}

// A helper of this package is named as the call is written.
func newAttempt(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, time.Second)
}

func retry(ctx context.Context) error {
	for i := 0; i < 3; i++ {
		actx, _ := newAttempt(ctx) // want `the cancel function returned by newAttempt should be called, not discarded, to avoid a context leak`
		if actx.Err() == nil {
			return nil
		}
	}
	return errors.New("out of attempts")
}

type tracer struct{}

func (tracer) begin(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

func traced(ctx context.Context, t tracer) error {
	ctx, _ = t.begin(ctx) // want `the cancel function returned by t.begin should be called, not discarded, to avoid a context leak`
	return ctx.Err()
}

func switchCase(ctx context.Context, fast bool) error {
	switch {
	case fast:
		ctx, _ := context.WithTimeout(ctx, time.Millisecond) // want `the cancel function returned by context.WithTimeout should be called`
		return ctx.Err()
	}
	return nil
}

func cancelTaken(ctx context.Context, cancel func()) error {
	defer cancel()
	tctx, _ := context.WithTimeout(ctx, time.Second) // want `the cancel function returned by context.WithTimeout should be called`
	return tctx.Err()
}

// Quiet: every cancel is kept.

func kept(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return get(ctx, "k")
}

func keptHelper(ctx context.Context) error {
	ctx, done := budget.Start(ctx, time.Second)
	defer done()
	return ctx.Err()
}

func onPurpose(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	_ = cancel // deliberately never cancelled: lives as long as the process
	return ctx
}

// A func() that is not a cancel function may be discarded.
func notAProducer() {
	_ = budget.Ticker(time.Second, func() {})
	budget.Ticker(time.Second, func() {})
}

// A WithCancel method of another type whose result is not a CancelFunc.
type pool struct{}

func (pool) WithCancel(ctx context.Context) (context.Context, func()) { return ctx, nil }

func usePool(ctx context.Context, p pool) context.Context {
	ctx, _ = p.WithCancel(ctx)
	return ctx
}

type scope interface {
	WithCancel(ctx context.Context) (context.Context, func())
}

func useScope(ctx context.Context, s scope) context.Context {
	ctx, _ = s.WithCancel(ctx)
	return ctx
}

// No fix: ctx belongs to an enclosing scope, and := would shadow it.
func nested(ctx context.Context, fast bool) error {
	if fast {
		ctx, _ = context.WithTimeout(ctx, time.Millisecond) // want `the cancel function returned by context.WithTimeout should be called`
	}
	return ctx.Err()
}

// watcher keeps the Done channel of a context it made: deferring the
// cancel when start returns would close that channel at once, so the
// finding carries no fix.
type watcher struct {
	done <-chan struct{}
}

func (w *watcher) start(parent context.Context) {
	ctx, _ := context.WithCancel(parent) // want `the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak`
	w.done = ctx.Done()
}

// derive hands its context to the caller: no fix either.
func derive(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Second) // want `the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak`
	return ctx
}

// serve starts work on the context in a goroutine: no fix.
func serve(parent context.Context, work func(context.Context)) {
	ctx, _ := context.WithCancel(parent) // want `the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak`
	go work(ctx)
}
