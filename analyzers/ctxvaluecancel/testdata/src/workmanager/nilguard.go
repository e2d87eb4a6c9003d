package workmanager

import "context"

// Stopper keeps the root context it hands out and the cancel that ends it.
type Stopper struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func NewStopper() *Stopper {
	s := &Stopper{}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	return s
}

// Ctx returns the root. A nil or zero Stopper has no root to derive
// from: Background there is not a context that escapes the root.
func (s *Stopper) Ctx() context.Context {
	if s == nil || s.ctx == nil {
		return context.Background()
	}
	return s.ctx
}

// CtxOr tests the other way round.
func (s *Stopper) CtxOr() context.Context {
	if s != nil {
		return s.ctx
	} else {
		return context.Background()
	}
}

// Reported: a guard that says nothing of the root.
func (s *Stopper) Fresh(fresh bool) context.Context {
	if fresh || s == nil {
		return context.Background() // want `contexts created by Stopper.Fresh derive from context.Background\(\), not from the context that Stopper.cancel cancels`
	}
	return s.ctx
}

func (s *Stopper) Stop() { s.cancel() }
