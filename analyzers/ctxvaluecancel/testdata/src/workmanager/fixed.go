package workmanager

import (
	"context"
	"sync"
)

// Pool is Manager done right: it keeps the root context next to its cancel
// and derives every task's context from it.
type Pool struct {
	mu     sync.Mutex
	root   context.Context
	cancel context.CancelFunc
	tasks  map[string]context.CancelFunc
}

func NewPool(parent context.Context) *Pool {
	ctx, cancel := context.WithCancel(parent)
	return &Pool{root: ctx, cancel: cancel, tasks: make(map[string]context.CancelFunc)}
}

func (p *Pool) CreateContext() (context.Context, context.CancelFunc) {
	return context.WithCancel(p.root)
}

func (p *Pool) Go(name string, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithCancel(p.root)
	p.mu.Lock()
	p.tasks[name] = cancel
	p.mu.Unlock()
	go func() {
		defer cancel()
		_ = fn(ctx)
	}()
}

// WithParent derives from the caller's context: also quiet.
func (p *Pool) WithParent(ctx context.Context, fn func(context.Context)) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fn(ctx)
}

// Reset makes a fresh root: the Background() here is the root itself.
func (p *Pool) Reset() {
	ctx, cancel := context.WithCancel(context.Background())
	p.mu.Lock()
	p.root, p.cancel = ctx, cancel
	p.mu.Unlock()
}

// Restart makes the root in one statement.
func (p *Pool) Restart() {
	p.root, p.cancel = context.WithCancel(context.Background())
}

// Detached falls back to Background only when the caller gave nothing:
// the context may come from the parameter, so it is not reported.
func (p *Pool) Detached(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx
}

func (p *Pool) Stop() { p.cancel() }
