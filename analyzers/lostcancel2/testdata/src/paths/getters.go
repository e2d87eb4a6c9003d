package paths

import (
	"context"
	"sync"
	"time"
)

// renewer keeps the cancel function of the renewal request in flight so
// that a later template change can abort it.
type renewer struct {
	mu       sync.Mutex
	cancel   context.CancelFunc
	template string
}

// inFlight returns the stored cancel: callers do not own it.
func (r *renewer) inFlight() (context.CancelFunc, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.cancel, r.template
}

func (r *renewer) begin(ctx context.Context, template string) context.Context {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	r.mu.Lock()
	r.cancel, r.template = cancel, template
	r.mu.Unlock()
	return ctx
}

// templateChanged reads the template only: the cancel stays with the
// request that owns it.
func (r *renewer) templateChanged(next string) bool {
	_, current := r.inFlight()
	return current != next
}

// abortIfStale cancels the pending request only when its template is out
// of date, and otherwise leaves it running.
func (r *renewer) abortIfStale(next string) bool {
	cancel, current := r.inFlight()
	if current == next {
		return false
	}
	if cancel != nil {
		cancel()
	}
	return true
}

// reserve returns a new cancel function on every call: still a producer.
func (r *renewer) reserve(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, time.Second)
}

func (r *renewer) probeOnce(ctx context.Context) error {
	ctx, _ = r.reserve(ctx) // want `the cancel function returned by r.reserve should be called, not discarded, to avoid a context leak`
	return ctx.Err()
}

// registry keeps the cancels of running tasks by ID; Get hands one out
// (comma-ok, into named results), so its callers do not own it.
type registry struct {
	mu     sync.Mutex
	byTask map[string]context.CancelFunc
}

func (r *registry) Get(id string) (fn context.CancelFunc, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn, ok = r.byTask[id]
	return fn, ok
}

func (r *registry) cancelIfRunning(id string) bool {
	_, running := r.Get(id)
	if !running {
		return false
	}
	cancel, ok := r.Get(id)
	if ok && id != "" {
		cancel()
	}
	return true
}
