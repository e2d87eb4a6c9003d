// Package shutdown coordinates an orderly stop of a server's components.
package shutdown

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Hook runs when the process shuts down.
type Hook func(ctx context.Context) error

// Coordinator is the "cancel everything" switch for the process: Shutdown
// cancels every context it has handed out, then runs the hooks.
type Coordinator struct {
	mu       sync.Mutex
	ctx      context.Context
	stop     func() // cancels ctx
	hooks    []Hook
	watchers []func(context.Context)
	current  context.Context
}

func NewCoordinator(parent context.Context) *Coordinator {
	ctx, cancel := context.WithCancel(parent)
	return &Coordinator{ctx: ctx, stop: func() { cancel() }}
}

// Context is the context every component should run under.
func (c *Coordinator) Context() context.Context { return c.ctx }

// Worker hands out a per-component context, but starts from Background.
func (c *Coordinator) Worker(name string) context.Context {
	ctx := context.WithValue(context.Background(), componentKey{}, name) // want `contexts created by Coordinator.Worker derive from context.Background\(\), not from the context that Coordinator.stop cancels, so cancelling it stops none of them`
	return ctx
}

// Watch notifies a watcher with a context of its own.
func (c *Coordinator) Watch(w func(context.Context)) {
	c.mu.Lock()
	c.watchers = append(c.watchers, w)
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // want `contexts created by Coordinator.Watch derive from context.Background\(\)`
	go func() {
		defer cancel()
		w(ctx)
	}()
}

// Rotate swaps in a fresh current context, detached from the root.
func (c *Coordinator) Rotate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.current = context.TODO() // want `contexts created by Coordinator.Rotate derive from context.TODO\(\)`
}

// Child derives from the stored root: quiet.
func (c *Coordinator) Child(timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.ctx, timeout)
}

// Register only records the hook.
func (c *Coordinator) Register(h Hook) {
	c.mu.Lock()
	c.hooks = append(c.hooks, h)
	c.mu.Unlock()
}

// Shutdown cancels the root, then gives the hooks a fresh, bounded context:
// they must not run on the context that was just cancelled. Quiet.
func (c *Coordinator) Shutdown(grace time.Duration) error {
	c.stop()
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var errs []error
	for _, h := range c.hooks {
		errs = append(errs, h(ctx))
	}
	return errors.Join(errs...)
}

type componentKey struct{}
