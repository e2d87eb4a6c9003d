// Package helpers returns cancel functions as plain func() values; the
// model must prove which of them are cancels, here and in importers.
package helpers

import (
	"context"
	"time"
)

type span struct{}

func (span) End() {}

func NewTimeout(ctx context.Context, d time.Duration) (context.Context, func()) { // want NewTimeout:`returnsCancel\(result 1\)` NewTimeout:"param 0"
	return context.WithTimeout(ctx, d)
}

// WithSpan hands the caller a closure that cancels and ends the span.
func WithSpan(ctx context.Context) (context.Context, func()) { // want WithSpan:`returnsCancel\(result 1\)` WithSpan:"param 0"
	ctx, cancel := context.WithCancel(ctx)
	var s span
	return ctx, func() {
		cancel()
		s.End()
	}
}

// Chained returns another helper's cancel.
func Chained(ctx context.Context) (context.Context, func()) { // want Chained:`returnsCancel\(result 1\)` Chained:"param 0"
	c, stop := NewTimeout(ctx, time.Second)
	return c, stop
}

func namedResult(ctx context.Context) (stop func(), err error) { // want namedResult:`returnsCancel\(result 0\)` namedResult:"param 0"
	_, stop = context.WithCancel(ctx)
	return
}

type Pool struct{}

// Start is a method helper.
func (p *Pool) Start(ctx context.Context) (context.Context, func()) { // want Start:`returnsCancel\(result 1\)` Start:"param 0"
	return context.WithCancel(ctx)
}

// NotACancel returns a plain function that is not a cancel on every path.
func NotACancel(ctx context.Context, ok bool) (context.Context, func()) { // want NotACancel:"param 0"
	if ok {
		return context.WithCancel(ctx)
	}
	return ctx, func() {}
}

// Noop returns a func() unrelated to contexts.
func Noop() func() { return func() {} }

// Typed already returns a context.CancelFunc: a producer by its type, no fact.
func Typed(ctx context.Context) (context.Context, context.CancelFunc) { // want Typed:"param 0"
	return context.WithCancel(ctx)
}

type Tx struct{}

func (*Tx) Rollback(ctx context.Context) error { return nil } // want Rollback:"param 0"

// DeferRollback returns nothing, so by its results it looks inert, but it
// rolls back with its context parameter: a cleanup helper.
func DeferRollback(ctx context.Context, rollback func(context.Context) error) { // want DeferRollback:"param 0: .*\\[.*cleanup"
	if err := rollback(ctx); err != nil {
		println(err.Error())
	}
}

// finish calls a cleanup helper: a helper too.
func finish(ctx context.Context, tx *Tx) { // want finish:"param 0: .*\\[.*cleanup"
	DeferRollback(ctx, tx.Rollback)
}

// detachedRollback rolls back on a detached context: not a helper.
func detachedRollback(ctx context.Context, tx *Tx) { // want detachedRollback:"param 0"
	ctx = context.WithoutCancel(ctx)
	tx.Rollback(ctx)
}

// rollbackErr returns the error: an ordinary cleanup call, not a helper.
func rollbackErr(ctx context.Context, tx *Tx) error { // want rollbackErr:"param 0"
	return tx.Rollback(ctx)
}

// Job keeps the cancel function of the request in flight.
type Job struct {
	cancel context.CancelFunc
	name   string
}

// Pending hands out the stored cancel: a getter, not a producer.
func (j *Job) Pending() (context.CancelFunc, string) { // want Pending:`cancelGetter\(result 0\)`
	return j.cancel, j.name
}

var stopAll context.CancelFunc

// StopAll returns the package's stored cancel: a getter too.
func StopAll() context.CancelFunc { // want StopAll:`cancelGetter\(result 0\)`
	if stopAll == nil {
		return nil
	}
	return stopAll
}

// Restart returns the stored cancel on one path and a new one on the
// other: a producer.
func (j *Job) Restart(ctx context.Context) (context.Context, context.CancelFunc) { // want Restart:"param 0"
	if j.cancel != nil {
		return ctx, j.cancel
	}
	return context.WithCancel(ctx)
}

// Begin makes a new cancel, keeps it, and returns it from the field: a
// producer, not a getter.
func (j *Job) Begin(ctx context.Context) (context.Context, context.CancelFunc) { // want Begin:"param 0"
	ctx, j.cancel = context.WithCancel(ctx)
	return ctx, j.cancel
}

// cancels keeps the cancels of running tasks by ID.
type cancels struct {
	byID map[string]context.CancelFunc
}

// Get reads a stored cancel from the map (comma-ok, into named results):
// a getter.
func (c *cancels) Get(id string) (fn context.CancelFunc, ok bool) { // want Get:`cancelGetter\(result 0\)`
	fn, ok = c.byID[id]
	return fn, ok
}

// At reads one directly.
func (c *cancels) At(id string) context.CancelFunc { // want At:`cancelGetter\(result 0\)`
	return c.byID[id]
}
