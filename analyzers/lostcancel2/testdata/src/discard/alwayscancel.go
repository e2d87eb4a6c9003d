package discard

import (
	"context"
	"time"
)

// A local declared without a value but assigned before every return
// always holds a cancel: the helper is a producer on every path.
func alwaysBounded(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	var cancel context.CancelFunc
	ctx, cancel = context.WithTimeout(ctx, d)
	return ctx, cancel
}

func bounded(ctx context.Context) error {
	ctx, _ = alwaysBounded(ctx, time.Second) // want `the cancel function returned by alwaysBounded should be called, not discarded, to avoid a context leak`
	return ctx.Err()
}
