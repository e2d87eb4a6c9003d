package server

import (
	"context"
	"errors"
	"time"
)

var errClosed = errors.New("subscription closed")

// Subscription delivers published messages; Receive blocks until the next
// one arrives or the subscription is closed.
type Subscription interface {
	Receive(ctx context.Context) ([]byte, error)
	Ping(ctx context.Context) error
}

// invalidate is a receive loop: it waits on the subscription for as long as
// the subscription lives, and Close ends it with errClosed.
func (s *Server) invalidate(sub Subscription) {
	ctx := context.TODO()
	go func() {
		for {
			msg, err := sub.Receive(ctx)
			if errors.Is(err, errClosed) {
				return
			}
			if err != nil {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			s.mu.Lock()
			delete(s.hits, string(msg))
			s.mu.Unlock()
			if err := sub.Ping(ctx); err != nil { // want `goroutine calls sub.Ping with ctx from context.TODO\(\), which never expires`
				return
			}
		}
	}()
}

// keepAlive is periodic work, not a receive loop: each ping should be
// bounded.
func (s *Server) keepAlive(sub Subscription) {
	ctx := context.Background()
	go func() {
		for {
			time.Sleep(30 * time.Second)
			if err := sub.Ping(ctx); err != nil { // want `goroutine calls sub.Ping with ctx from context.Background\(\), which never expires`
				return
			}
		}
	}()
}

// drain makes a fresh context on every turn: that is per-message work.
func (s *Server) drain(sub Subscription) {
	go func() {
		for {
			_, err := sub.Receive(context.Background()) // want `goroutine calls sub.Receive with context.Background\(\), which never expires`
			if err != nil {
				return
			}
		}
	}()
}
