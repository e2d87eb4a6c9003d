// Package pool runs typed jobs on a generic worker pool.
package pool

import (
	"context"
	"sync"
)

// Pool runs jobs of type J. Close cancels them all.
type Pool[J any] struct {
	mu    sync.Mutex
	quit  func()
	jobs  chan J
	inbox []J
}

func New[J any](parent context.Context, size int) *Pool[J] {
	_, cancel := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling cancel stops nothing`
	return &Pool[J]{quit: cancel, jobs: make(chan J, size)}
}

// Submit gives each job its own context, from the wrong place.
func (p *Pool[J]) Submit(job J, run func(context.Context, J) error) {
	ctx := context.Background() // want `contexts created by Pool.Submit derive from context.Background\(\), not from the context that Pool.quit cancels, so cancelling it stops none of them`
	go func() { _ = run(ctx, job) }()
}

// WithJob puts the pool's cancel into a context value, generically.
func WithJob[J any](ctx context.Context, p *Pool[J]) context.Context {
	return context.WithValue(ctx, jobKey{}, p.quit) // want `cancel function stored as a context value`
}

// Stopper fetches it back through a type parameter's constraint-free any.
func Stopper[T any](ctx context.Context) (T, bool) {
	t, ok := ctx.Value(jobKey{}).(T)
	return t, ok
}

func (p *Pool[J]) Close() {
	p.quit()
}

type jobKey struct{}

// Group is Pool done right.
type Group[J any] struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func NewGroup[J any](parent context.Context) *Group[J] {
	ctx, cancel := context.WithCancel(parent)
	return &Group[J]{ctx: ctx, cancel: cancel}
}

func (g *Group[J]) Submit(job J, run func(context.Context, J) error) {
	ctx, cancel := context.WithCancel(g.ctx)
	go func() {
		defer cancel()
		_ = run(ctx, job)
	}()
}

// Cached values keyed by type parameter: ordinary values, quiet.
func WithValue[V any](ctx context.Context, v V) context.Context {
	return context.WithValue(ctx, jobKey{}, v)
}
