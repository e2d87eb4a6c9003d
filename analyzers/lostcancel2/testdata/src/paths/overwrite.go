package paths

import (
	"context"
	"time"
)

// Rule 5: the first timeout's cancel is lost when the second replaces it.
func twoPhases(ctx context.Context, s store) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	if _, err := s.Get(ctx, "a"); err != nil {
		cancel()
		return err
	}
	ctx, cancel = context.WithTimeout(ctx, 2*time.Second) // want `the previous cancel function in cancel is overwritten before being called \(possible context leak\)`
	defer cancel()
	_, err := s.Get(ctx, "b")
	return err
}

// A re-assignment in a loop overwrites the previous iteration's cancel.
func poll(ctx context.Context, s store) {
	var cancel context.CancelFunc
	for i := 0; i < 3; i++ {
		var pctx context.Context
		pctx, cancel = context.WithTimeout(ctx, time.Second) // want `the previous cancel function in cancel is overwritten before being called`
		s.Get(pctx, "k")
	}
	cancel()
}

// Quiet: called before being replaced.
func phasesCalled(ctx context.Context, s store) error {
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	_, err := s.Get(pctx, "a")
	cancel()
	if err != nil {
		return err
	}
	pctx, cancel = context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	_, err = s.Get(pctx, "b")
	return err
}

// Quiet: a copy keeps the first cancel alive and is called.
func phasesCopied(ctx context.Context, s store) error {
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	first := cancel
	defer first()
	pctx, cancel = context.WithTimeout(pctx, 2*time.Second)
	defer cancel()
	_, err := s.Get(pctx, "b")
	return err
}

// Quiet: each iteration calls its cancel.
func pollCalled(ctx context.Context, s store) {
	var cancel context.CancelFunc
	for i := 0; i < 3; i++ {
		var pctx context.Context
		pctx, cancel = context.WithTimeout(ctx, time.Second)
		s.Get(pctx, "k")
		cancel()
	}
}

// A conversion to context.CancelFunc is a placeholder, not a producer:
// replacing it is no overwrite of a live cancel.
func placeholderReplaced(parent context.Context, bounded bool) {
	cancel := context.CancelFunc(func() {})
	ctx := parent
	if bounded {
		ctx, cancel = context.WithTimeout(parent, time.Second)
	}
	defer cancel()
	_ = ctx
}
