package fields

import (
	"budget"
	"context"
	"sync"
	"time"
)

// A limiter whose run loop can never be stopped (projectdiscovery/ratelimit #19).
type limiter struct {
	ticks  chan struct{}
	cancel context.CancelFunc
}

func newLimiter(ctx context.Context) *limiter {
	l := &limiter{ticks: make(chan struct{})}
	ctx, l.cancel = context.WithCancel(ctx) // want `cancel function stored in field limiter.cancel is never called \(possible context leak\)`
	go l.run(ctx)
	return l
}

func (l *limiter) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case l.ticks <- struct{}{}:
		}
	}
}

// Stored through a local variable and a composite literal.
type session struct {
	id   string
	stop func()
}

func openSession(ctx context.Context, id string) (*session, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &session{id: id, stop: cancel}, ctx // want `cancel function stored in field session.stop is never called`
}

type stream struct {
	done func()
}

func openStream(ctx context.Context) (*stream, context.Context) {
	ctx, release := budget.Start(ctx, time.Minute)
	s := &stream{}
	s.done = release // want `cancel function stored in field stream.done is never called`
	return s, ctx
}

// Generic types: the field of every instance is the generic field.
type pool[T any] struct {
	items  []T
	cancel context.CancelFunc
}

func newPool[T any](ctx context.Context) (*pool[T], context.Context) {
	p := new(pool[T])
	ctx, p.cancel = context.WithCancel(ctx) // want `cancel function stored in field pool.cancel is never called`
	return p, ctx
}

// Quiet: a Close or Stop method calls the field.

type server struct {
	mu     sync.Mutex
	cancel context.CancelFunc
}

func newServer(ctx context.Context) (*server, context.Context) {
	s := &server{}
	ctx, s.cancel = context.WithCancel(ctx)
	return s, ctx
}

func (s *server) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel()
	return nil
}

type watcher struct{ stop context.CancelFunc }

func newWatcher(ctx context.Context) *watcher {
	_, cancel := context.WithCancel(ctx)
	return &watcher{stop: cancel}
}

func (w *watcher) Stop() {
	if w.stop != nil {
		w.stop()
	}
}

// Quiet: read into a local that is deferred.
type job struct{ cancel func() }

func startJob(ctx context.Context) *job {
	_, cancel := context.WithTimeout(ctx, time.Second)
	return &job{cancel: cancel}
}

func (j *job) wait() {
	release := j.cancel
	defer release()
}

// Quiet: generic field called through an instance.
type cache[K comparable] struct{ cancel context.CancelFunc }

func newCache[K comparable](ctx context.Context) *cache[K] {
	c := &cache[K]{}
	_, c.cancel = context.WithCancel(ctx)
	return c
}

func (c *cache[K]) Close() { c.cancel() }

// Quiet: a method value hands the call to the caller.
type ticker struct{ cancel context.CancelFunc }

func newTicker(ctx context.Context) (func(), context.Context) {
	t := &ticker{}
	ctx, t.cancel = context.WithCancel(ctx)
	stop := t.halt
	return stop, ctx
}

func (t *ticker) halt() { t.cancel() }

// Quiet: exported fields may be called by other packages.
type Handle struct{ Cancel context.CancelFunc }

func NewHandle(ctx context.Context) (*Handle, context.Context) {
	h := &Handle{}
	ctx, h.Cancel = context.WithCancel(ctx)
	return h, ctx
}

// Quiet: a func() field that does not hold a cancel function.
type hooks struct{ onDone func() }

func newHooks(f func()) *hooks { return &hooks{onDone: f} }

// Quiet: a method value of a method that calls the field, and a deferred
// call of the field itself.
type conn struct{ cancel context.CancelFunc }

func dial(ctx context.Context) (*conn, context.Context) {
	c := &conn{}
	ctx, c.cancel = context.WithCancel(ctx)
	return c, ctx
}

func (c *conn) stop() { c.cancel() }

func useConn(ctx context.Context) {
	c, _ := dial(ctx)
	f := c.stop
	f()
}

type lease struct{ release context.CancelFunc }

func (l *lease) hold(ctx context.Context) {
	ctx, l.release = context.WithTimeout(ctx, time.Second)
	defer l.release()
	<-ctx.Done()
}

// Quiet: a cancel received from the caller stays the caller's to call.
type request struct {
	abort context.CancelFunc
}

func newRequest(abort context.CancelFunc) *request {
	return &request{abort: abort}
}

// resetWatcher calls its cancel only in reset, just before replacing it:
// the cancel stored last is never called, and its context leaks.
type resetWatcher struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (w *resetWatcher) reset(parent context.Context) {
	if w.cancel != nil {
		w.cancel()
	}
	w.ctx, w.cancel = context.WithCancel(parent) // want `cancel function stored in field cancel is called only just before it is replaced; nothing calls the last one \(possible context leak\)`
}

// resetPoller has the same reset and a stop method that calls the live one.
type resetPoller struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (p *resetPoller) reset(parent context.Context) {
	if p.cancel != nil {
		p.cancel()
	}
	p.ctx, p.cancel = context.WithCancel(parent)
}

func (p *resetPoller) stop() {
	if p.cancel != nil {
		p.cancel()
	}
}

// resetTicker hands its cancel to a goroutine: someone else calls it.
type resetTicker struct {
	cancel context.CancelFunc
}

func (t *resetTicker) restart(parent context.Context) {
	if t.cancel != nil {
		t.cancel()
	}
	var ctx context.Context
	ctx, t.cancel = context.WithCancel(parent)
	go func(stop context.CancelFunc) { <-ctx.Done(); stop() }(t.cancel)
}

// resetStream clears its cancel after calling it, and restarts: the stop
// path (halt) also calls and clears it, so the live one is called.
type resetStream struct {
	cancel context.CancelFunc
}

func (r *resetStream) restart(parent context.Context) {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
	_, r.cancel = context.WithCancel(parent)
}

func (r *resetStream) halt() {
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
}
