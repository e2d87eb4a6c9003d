// Package budget hands out request budgets: contexts with a deadline whose
// cancel function is returned as a plain func().
package budget

import (
	"context"
	"time"
)

// Start returns a context bounded by d and the function that releases it.
func Start(ctx context.Context, d time.Duration) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, func() { cancel() }
}

// Detach returns a context that ends when stop is called.
func Detach(ctx context.Context) (context.Context, func()) {
	return context.WithCancel(context.WithoutCancel(ctx))
}

// Ticker is not a cancel producer: its func() result is a plain callback.
func Ticker(d time.Duration, tick func()) func() {
	return tick
}

type scopeKey[T any] struct{}

// Scoped returns a cancellable context carrying v, and its release.
func Scoped[T any](ctx context.Context, v T) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.WithValue(ctx, scopeKey[T]{}, v))
	return ctx, cancel
}

// Optional bounds ctx by d when d is positive; otherwise it returns ctx
// as it is and no cancel function.
func Optional(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return ctx, nil
	}
	return context.WithTimeout(ctx, d)
}
