// Package jobs holds shapes that must stay quiet.
package jobs

import (
	"context"
	"sync"
	"time"
)

// Runner keeps per-operation cancels in a map keyed by operation; the
// contexts are kept and used. (Whether each cancel is called is
// lostcancel2's business.)
type Runner struct {
	mu      sync.Mutex
	ctx     context.Context
	cancel  context.CancelFunc
	running map[string]context.CancelFunc
}

func NewRunner(parent context.Context) *Runner {
	ctx, cancel := context.WithCancel(parent)
	return &Runner{ctx: ctx, cancel: cancel, running: make(map[string]context.CancelFunc)}
}

func (r *Runner) Run(op string, fn func(context.Context)) {
	ctx, cancel := context.WithTimeout(r.ctx, time.Minute)
	r.mu.Lock()
	r.running[op] = cancel
	r.mu.Unlock()
	go fn(ctx)
}

func (r *Runner) Cancel(op string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cancel := r.running[op]; cancel != nil {
		cancel()
	}
}

func (r *Runner) Close() { r.cancel() }

// Session stores both the context and its cancel, and derives from that
// context.
type Session struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Session) Open(parent context.Context) {
	s.ctx, s.cancel = context.WithCancel(parent)
}

func (s *Session) Request(timeout time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(s.ctx, timeout)
}

func (s *Session) Close() { s.cancel() }

// timed calls its cancel locally with the context unused: dead code, not
// a trap, so quiet.
func timed(parent context.Context) {
	_, cancel := context.WithTimeout(parent, time.Second)
	cancel()
}

// handOff passes the cancel to a function: not a store the rule knows.
func handOff(parent context.Context, t interface{ Cleanup(func()) }) {
	_, cancel := context.WithCancel(parent)
	t.Cleanup(cancel)
}

// keepBoth keeps the context in a field somebody reads.
type keepBoth struct {
	ctx    context.Context
	cancel func()
}

func (k *keepBoth) start(parent context.Context) {
	k.ctx, k.cancel = context.WithCancel(parent)
}

func (k *keepBoth) wait() { <-k.ctx.Done() }

// An unrelated struct with a func() field that is not a cancel, used as a
// value: quiet.
type hooks struct {
	before func()
	after  func()
}

type hooksKey struct{}

func withHooks(ctx context.Context) context.Context {
	return context.WithValue(ctx, hooksKey{}, &hooks{before: func() {}, after: func() {}})
}
