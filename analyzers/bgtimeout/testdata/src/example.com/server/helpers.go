package server

import (
	"context"
	"errors"
	"time"
)

// Helpers of the package that take an unbounded context and bound it
// themselves, or run until Close: a goroutine reaching them through a
// chain is not reported (rule 3 trusts the module's own functions with the
// contexts they are given, and ends chains only at interfaces and other
// modules' APIs).

type gate struct{ slots chan struct{} }

// acquire waits for a slot, but never longer than limit.
func (g *gate) acquire(ctx context.Context, limit time.Duration) error {
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errors.New("gate: timed out")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Server) drainOnce(g *gate) {
	if err := g.acquire(context.Background(), 5*time.Second); err == nil {
		<-g.slots
	}
}

func (s *Server) startDrain(g *gate) {
	go s.drainOnce(g)
}

// engine's pump runs until closed is closed; its context is for the
// hooks it runs, not a lifetime.
type engine struct {
	closed chan struct{}
	work   chan func(context.Context)
}

func (e *engine) pump() {
	bg := context.Background()
	for {
		select {
		case <-e.closed:
			return
		case f := <-e.work:
			e.step(bg, f)
		}
	}
}

func (e *engine) step(ctx context.Context, f func(context.Context)) { f(ctx) }

func (e *engine) start() {
	go e.pump()
}

// notifier calls back into whoever installed onFlush, which chooses the
// deadline.
type notifier struct {
	onFlush func(ctx context.Context, keys []string) error
	keys    chan []string
}

func (n *notifier) loop() {
	for keys := range n.keys {
		_ = n.onFlush(context.Background(), keys)
	}
}

func (n *notifier) start() {
	go n.loop()
}
