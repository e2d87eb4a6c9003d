package fields

import (
	"context"
	"time"
)

// A session registry whose sessions start with a no-op placeholder cancel
// (docker-agent #2714): start has a value receiver, so the real cancel goes
// into the method's copy, and remove calls the placeholder while the
// stream runs on.
type streamSession struct {
	id     string
	cancel context.CancelFunc
}

type registry struct {
	sessions map[string]*streamSession
}

func (r *registry) open(id string) *streamSession {
	s := &streamSession{id: id, cancel: func() {}}
	r.sessions[id] = s
	return s
}

func (s streamSession) start(parent context.Context, run func(context.Context)) {
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(parent) // want `cancel function stored in s.cancel is lost when start returns: the value receiver s is a copy; use a pointer receiver \(possible context leak\)`
	go run(ctx)
}

func (r *registry) remove(id string) {
	r.sessions[id].cancel()
	delete(r.sessions, id)
}

// The same through a local, and in a generic type.
type poller[T any] struct {
	last T
	stop func()
}

func (p poller[T]) begin(parent context.Context, poll func(context.Context) T) {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	p.stop = cancel // want `cancel function stored in p.stop is lost when begin returns: the value receiver p is a copy; use a pointer receiver \(possible context leak\)`
	go func() { _ = poll(ctx) }()
}

func (p *poller[T]) halt() { p.stop() }

// Must stay quiet.

// A pointer receiver keeps the store.
func (s *streamSession) startShared(parent context.Context, run func(context.Context)) {
	var ctx context.Context
	ctx, s.cancel = context.WithCancel(parent)
	go run(ctx)
}

// A builder with a value receiver returns its copy: the caller owns the cancel.
type callOptions struct {
	timeout time.Duration
	cancel  context.CancelFunc
}

func (o callOptions) bind(parent context.Context) (callOptions, context.Context) {
	var ctx context.Context
	ctx, o.cancel = context.WithTimeout(parent, o.timeout)
	return o, ctx
}

func useOptions(ctx context.Context, o callOptions) context.Context {
	o, ctx = o.bind(ctx)
	defer o.cancel()
	return context.WithoutCancel(ctx)
}

// The copy is captured by a goroutine that calls the cancel.
type doneWatcher struct {
	done   chan struct{}
	cancel context.CancelFunc
}

func (w doneWatcher) watch(parent context.Context, run func(context.Context)) {
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(parent)
	go func() {
		<-w.done
		w.cancel()
	}()
	run(ctx)
}

// The method calls the cancel itself.
func (w doneWatcher) once(parent context.Context, run func(context.Context)) {
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(parent)
	defer w.cancel()
	run(ctx)
}

// The local is released by the method; the field is a second handle.
func (w doneWatcher) bounded(parent context.Context, run func(context.Context)) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	w.cancel = cancel
	run(ctx)
}

// A method called on the copy may call the cancel.
func (w doneWatcher) handOff(parent context.Context) {
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(parent)
	w.serve(ctx)
}

func (w doneWatcher) serve(ctx context.Context) {
	<-ctx.Done()
	w.cancel()
}
