package shutdown

import (
	"context"
	"net/http"
	"time"
)

// Server keeps a cancel for its listener loop, in a field only: rule 3.
type Server struct {
	srv    *http.Server
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *Server) Start(ctx context.Context) {
	_, s.cancel = context.WithCancel(ctx) // want `the context returned by context.WithCancel is discarded, so calling s.cancel stops nothing; keep the context and derive work from it`
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		_ = s.srv.ListenAndServe()
	}()
}

// Stop's Background is for its own draining call, handed to nobody: quiet.
func (s *Server) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// Listener is Server done right: the loop runs on the context the cancel
// cancels.
type Listener struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (l *Listener) Start(ctx context.Context, serve func(context.Context)) {
	ctx, l.cancel = context.WithCancel(ctx)
	l.done = make(chan struct{})
	go func() {
		defer close(l.done)
		serve(ctx)
	}()
}

func (l *Listener) Stop() {
	l.cancel()
	<-l.done
}

// probe deliberately ignores the context and only defers the cancel: dead
// code, not a trap, so quiet.
func probe(parent context.Context) {
	_, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
}

// stopAll is kept in a package variable while its context is lost.
var _, stopAll = context.WithCancel(context.Background()) // want `the context returned by context.WithCancel is discarded, so calling stopAll stops nothing`

// unused context variable, read only by _ = ctx.
func lost(parent context.Context) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent) // want `the context returned by context.WithCancel is discarded, so calling cancel stops nothing`
	_ = ctx
	return cancel
}
