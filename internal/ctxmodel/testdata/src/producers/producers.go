package producers

import (
	"context"
	"os"
	"os/signal"
	"time"

	"helpers"
)

type group struct{}

// WithCancel on another type returns no cancel function: not a producer.
func (group) WithCancel(ctx context.Context) context.Context { return ctx }

type tracker struct{}

// Begin returns a context.CancelFunc: a producer by its type.
func (tracker) Begin(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx) // want `producer 1 context.WithCancel`
}

func use(ctx context.Context) {
	_, _ = context.WithCancel(ctx)                         // want `producer 1 context.WithCancel`
	_, _ = context.WithCancelCause(ctx)                    // want `producer 1 context.WithCancelCause`
	_, _ = context.WithTimeout(ctx, time.Second)           // want `producer 1 context.WithTimeout`
	_, _ = context.WithDeadline(ctx, time.Now())           // want `producer 1 context.WithDeadline`
	_, _ = context.WithTimeoutCause(ctx, time.Second, nil) // want `producer 1 context.WithTimeoutCause`
	_, _ = context.WithDeadlineCause(ctx, time.Now(), nil) // want `producer 1 context.WithDeadlineCause`
	_, _ = signal.NotifyContext(ctx, os.Interrupt)         // want `producer 1 signal.NotifyContext`
	_, _ = helpers.NewTimeout(ctx, time.Second)            // want `producer 1 helpers.NewTimeout`
	_, _ = helpers.WithSpan(ctx)                           // want `producer 1 helpers.WithSpan`
	_, _ = helpers.Chained(ctx)                            // want `producer 1 helpers.Chained`
	_, _ = helpers.Typed(ctx)                              // want `producer 1 helpers.Typed`
	_, _ = new(helpers.Pool).Start(ctx)                    // want `producer 1 new\(helpers.Pool\).Start`
	_, _ = tracker{}.Begin(ctx)                            // want `producer 1 tracker{}.Begin`
	_, _ = helpers.NotACancel(ctx, true)
	_ = helpers.Noop()
	_ = group{}.WithCancel(ctx)
	_ = context.AfterFunc(ctx, func() {})
	_, _ = new(helpers.Job).Pending()    // a getter of a stored cancel
	_ = helpers.StopAll()                // a getter of a package variable
	_, _ = new(helpers.Job).Restart(ctx) // want `producer 1 new\(helpers.Job\).Restart`
	_ = pendingCancel(new(helpers.Job))
	_, _ = new(helpers.Job).Begin(ctx) // want `producer 1 new\(helpers.Job\).Begin`
}

type holder struct{ stop context.CancelFunc }

// current is a getter in this package.
func (h *holder) current() context.CancelFunc { return h.stop }

func pendingCancel(j *helpers.Job) bool {
	c, _ := j.Pending()
	return c != nil && (&holder{}).current() != nil
}
