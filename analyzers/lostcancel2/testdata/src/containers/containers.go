package containers

import (
	"context"
	"sync"
	"time"
)

// An operations registry that forgets to cancel what it removes
// (docker-agent #2714).
type registry struct {
	mu         sync.Mutex
	operations map[string]context.CancelFunc
}

func (r *registry) start(ctx context.Context, name string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	r.mu.Lock()
	r.operations[name] = cancel
	r.mu.Unlock()
	return ctx
}

func (r *registry) finish(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.operations, name) // want `cancel function in r.operations\[name\] is deleted without being called \(possible context leak\)`
}

func (r *registry) forget(name string) {
	if _, ok := r.operations[name]; ok {
		delete(r.operations, name) // want `cancel function in r.operations\[name\] is deleted without being called`
	}
}

func (r *registry) stopAll() {
	for name, cancel := range r.operations {
		cancel()
		delete(r.operations, name)
	}
}

func (r *registry) stop(name string) {
	if cancel, ok := r.operations[name]; ok {
		cancel()
	}
	delete(r.operations, name)
}

func (r *registry) stopDirect(name string) {
	r.operations[name]()
	delete(r.operations, name)
}

func (r *registry) takeOut(name string) context.CancelFunc {
	r.mu.Lock()
	cancel := r.operations[name]
	delete(r.operations, name)
	r.mu.Unlock()
	return cancel
}

// A slice of cancels nobody ever calls.
type fanout struct {
	cancels []context.CancelFunc
}

func (f *fanout) spawn(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		_, cancel := context.WithTimeout(ctx, time.Second)
		f.cancels = append(f.cancels, cancel) // want `cancel function appended to f.cancels is never called \(possible context leak\)`
	}
}

// A map of timers whose cancels are only ever counted.
type timers struct {
	byID map[int]func()
}

func (t *timers) add(ctx context.Context, id int) {
	_, cancel := context.WithTimeout(ctx, time.Minute)
	t.byID[id] = cancel // want `cancel function stored in t.byID\[id\] is never called \(possible context leak\)`
}

func (t *timers) size() int { return len(t.byID) }

// Quiet: a CancelAll loop calls every element.
type group struct {
	mu      sync.Mutex
	cancels map[string]context.CancelFunc
}

func (g *group) add(ctx context.Context, key string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	g.mu.Lock()
	g.cancels[key] = cancel
	g.mu.Unlock()
	return ctx
}

func (g *group) CancelAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, cancel := range g.cancels {
		cancel()
	}
}

// Quiet: a local slice called on the way out.
func fanOut(ctx context.Context, n int) {
	var cancels []context.CancelFunc
	defer func() {
		for _, c := range cancels {
			c()
		}
	}()
	for i := 0; i < n; i++ {
		_, cancel := context.WithCancel(ctx)
		cancels = append(cancels, cancel)
	}
}

// Quiet: elements called by index.
type workers struct{ stops []func() }

func (w *workers) add(ctx context.Context) {
	_, cancel := context.WithCancel(ctx)
	w.stops = append(w.stops, cancel)
}

func (w *workers) halt() {
	for i := range w.stops {
		w.stops[i]()
	}
}

// Quiet: a map handed to a function that calls its values.
func cancelEach(m map[string]context.CancelFunc) {
	for _, c := range m {
		c()
	}
}

func track(ctx context.Context, names []string) {
	m := make(map[string]context.CancelFunc)
	for _, n := range names {
		_, m[n] = context.WithCancel(ctx)
	}
	cancelEach(m)
}

// Quiet: a map of plain callbacks, not cancel functions.
type hooks struct{ byName map[string]func() }

func (h *hooks) on(name string, f func()) { h.byName[name] = f }

func (h *hooks) off(name string) { delete(h.byName, name) }

// Quiet: the stored cancel function removes its own entry when called.
type transport struct {
	mu       sync.Mutex
	inflight map[string]context.CancelCauseFunc
}

func (t *transport) track(ctx context.Context, id string) context.Context {
	ctx, cancelCtx := context.WithCancelCause(ctx)
	cancel := func(err error) {
		cancelCtx(err)
		t.mu.Lock()
		delete(t.inflight, id)
		t.mu.Unlock()
	}
	t.mu.Lock()
	t.inflight[id] = cancel
	t.mu.Unlock()
	return ctx
}

func (t *transport) abort(id string, err error) {
	t.mu.Lock()
	cancel := t.inflight[id]
	t.mu.Unlock()
	if cancel != nil {
		cancel(err)
	}
}

// Quiet: containers owned by the caller (parameters, receivers).
type cancelSet map[string]context.CancelFunc

func (s cancelSet) add(ctx context.Context, key string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	s[key] = cancel
	return ctx
}

func (s cancelSet) CancelAll() {
	for _, c := range s {
		c()
	}
}

func register(ctx context.Context, into map[string]context.CancelFunc, key string) context.Context {
	ctx, into[key] = context.WithCancel(ctx)
	return ctx
}

// Quiet: the registry keeps cancels its callers made and own; the
// unregister function only forgets them (temporal's activity callbacks).
type callbacks struct {
	mu      sync.Mutex
	cancels map[string]context.CancelCauseFunc
}

func (r *callbacks) register(key string, cancel context.CancelCauseFunc) (unregister func()) {
	r.mu.Lock()
	r.cancels[key] = cancel
	r.mu.Unlock()
	return func() {
		r.mu.Lock()
		delete(r.cancels, key)
		r.mu.Unlock()
	}
}

func (r *callbacks) cancel(key string, err error) bool {
	r.mu.Lock()
	cancel, ok := r.cancels[key]
	r.mu.Unlock()
	if ok {
		cancel(err)
	}
	return ok
}
