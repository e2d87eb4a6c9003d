package discard

import (
	"budget"
	"context"
	"time"
)

// A producer that returns nil or a no-op for some arguments makes a
// cancel only sometimes: a caller that discards the result may pass
// exactly those arguments, so rule 1 cannot be sure of a leak.

func maybeBounded(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d == 0 {
		return ctx, nil
	}
	return context.WithTimeout(ctx, d)
}

func withDefault(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	cancel := context.CancelFunc(func() {})
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d)
	}
	return ctx, cancel
}

func withZero(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	var cancel context.CancelFunc
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d)
	}
	return ctx, cancel
}

func noop(ctx context.Context, on bool) (context.Context, func()) {
	if !on {
		return ctx, func() {}
	}
	return context.WithCancel(ctx)
}

func unbounded(ctx context.Context) error {
	ctx, _ = maybeBounded(ctx, 0)
	ctx, _ = withDefault(ctx, 0)
	ctx, _ = withZero(ctx, 0)
	ctx, _ = noop(ctx, false)
	ctx, _ = budget.Optional(ctx, 0) // the fact crosses packages
	return ctx.Err()
}
