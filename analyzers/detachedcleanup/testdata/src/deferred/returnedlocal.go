package deferred

import (
	"context"

	"pgxish"
)

// A closure returned by a local literal goes back to the function that
// wrote both, which runs it while the context it captured from its own
// caller is still its bound for the work: nothing outlives that context.
func stopAll(ctx context.Context, conns []*pgxish.Conn) error {
	closer := func(c *pgxish.Conn) func() error {
		return func() error { return c.Close(ctx) }
	}
	done := make(chan error, len(conns))
	for _, c := range conns {
		run := closer(c)
		go func() { done <- run() }()
	}
	for range conns {
		select {
		case err := <-done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Reported: the local literal's own context, which its caller can
// cancel, is captured, and the closure it returns runs later.
func StopLater(ctx context.Context, conns []*pgxish.Conn) []func() error {
	closer := func(ctx context.Context, c *pgxish.Conn) func() error {
		return func() error {
			return c.Close(ctx) // want `cleanup c.Close in a closure returned to the caller runs later, when ctx may be cancelled`
		}
	}
	var out []func() error
	for _, c := range conns {
		out = append(out, closer(ctx, c))
	}
	return out
}
