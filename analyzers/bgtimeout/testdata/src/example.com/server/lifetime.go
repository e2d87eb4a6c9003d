package server

import (
	"context"
	"log/slog"
	"time"
)

// watchLoop uses its context only to stop: a lifetime, not a call bound.
func (s *Server) watchLoop(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			s.mu.Lock()
			s.hits = map[string]int{}
			s.mu.Unlock()
		}
	}
}

// note logs with its context: a values use.
func (s *Server) note(ctx context.Context, msg string) { slog.InfoContext(ctx, msg) }

// boundedLoad gives its context a deadline before the round trip.
func (s *Server) boundedLoad(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.db.Load(ctx)
	return err
}

// None of these callees blocks on a context that never expires: quiet.
func (s *Server) startLifetimes(ticks <-chan time.Time) {
	go s.watchLoop(context.Background(), ticks)
	go s.note(context.Background(), "started")
	go s.boundedLoad(context.Background())
	go func() {
		_ = s.boundedLoad(context.Background())
	}()
	// The same goroutine blocking on the round trip itself is reported.
	go func() {
		_, _ = s.db.Load(context.Background()) // want `goroutine calls s.db.Load with context.Background\(\), which never expires`
	}()
}

// pollLoop runs until its context ends and does a round trip each
// tick with that same context: the context is the worker's lifetime, so a
// deadline on it would stop the worker. Bounding each round trip is the
// loop's own business, not its starter's: quiet.
func (s *Server) pollLoop(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
			_, _ = s.db.Load(ctx)
		}
	}
}

func (s *Server) startPolling(ticks <-chan time.Time) {
	go s.pollLoop(context.Background(), ticks)
}

// awaitReply waits on ctx.Done() for a reply that another goroutine
// produces. Whether the reply can fail to come is that goroutine's
// business (a client's pipeline has its own write and read timeouts), so
// a context that never expires is not known to hang it: quiet.
func (s *Server) awaitReply(ctx context.Context, replies <-chan string) string {
	select {
	case <-ctx.Done():
		return ""
	case r := <-replies:
		return r
	}
}

func (s *Server) startAwait(replies <-chan string) {
	go s.awaitReply(context.Background(), replies)
}
