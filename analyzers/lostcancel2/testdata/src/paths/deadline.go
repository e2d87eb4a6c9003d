package paths

import (
	"context"
	"time"
)

type callOpts struct {
	ctx     context.Context
	timeout time.Duration
}

// Quiet: the second timeout is taken only when opts.ctx has no deadline,
// which is never the case right after the first one, so the first cancel
// is never overwritten.
func resolveOpts(opts callOpts, fallback time.Duration) (*callOpts, context.CancelFunc) {
	var cancel context.CancelFunc
	if opts.ctx == nil && opts.timeout > 0 {
		opts.ctx, cancel = context.WithTimeout(context.Background(), opts.timeout)
	}
	if opts.ctx != nil {
		if _, ok := opts.ctx.Deadline(); !ok {
			opts.ctx, cancel = context.WithTimeout(opts.ctx, fallback)
		}
	}
	return &opts, cancel
}

// Quiet: the same guard written with an else branch.
func boundedCtx(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	var cancel context.CancelFunc = func() {}
	if d > 0 {
		ctx, cancel = context.WithTimeout(ctx, d)
	}
	if _, has := ctx.Deadline(); has {
		return ctx, cancel
	} else {
		ctx, cancel = context.WithTimeout(ctx, time.Minute)
	}
	return ctx, cancel
}

// Rule 5: WithCancel gives no deadline, so the guarded branch does run
// after it and replaces its cancel.
func resolveCancellable(opts callOpts, fallback time.Duration) (*callOpts, context.CancelFunc) {
	var cancel context.CancelFunc
	if opts.ctx == nil {
		opts.ctx, cancel = context.WithCancel(context.Background())
	}
	if _, ok := opts.ctx.Deadline(); !ok {
		opts.ctx, cancel = context.WithTimeout(opts.ctx, fallback) // want `the previous cancel function in cancel is overwritten before being called`
	}
	return &opts, cancel
}

// Rule 5: the guard tests another context than the one given a deadline.
func resolveParent(parent context.Context, opts callOpts, fallback time.Duration) (*callOpts, context.CancelFunc) {
	var cancel context.CancelFunc
	if opts.timeout > 0 {
		opts.ctx, cancel = context.WithTimeout(parent, opts.timeout)
	}
	if _, ok := parent.Deadline(); !ok {
		opts.ctx, cancel = context.WithTimeout(parent, fallback) // want `the previous cancel function in cancel is overwritten before being called`
	}
	return &opts, cancel
}
