package server

import (
	"context"
	"net"
	"net/http"
)

// Event is one change pushed by a Feed.
type Event struct {
	Key string
	Val []byte
}

// Stream is an open subscription: it lives until its context is cancelled
// or the server closes it.
type Stream interface {
	Recv() (Event, error)
	Context() context.Context
}

type Feed interface {
	Subscribe(ctx context.Context, prefix string) (Stream, error)
	Ack(ctx context.Context, key string) error
}

// follow keeps the cache in step with the feed for the life of the process:
// the stream's context is its lifetime, not a bound on one call.
func (s *Server) follow(feed Feed) {
	go func() {
		st, err := feed.Subscribe(context.Background(), "cache/")
		if err != nil {
			return
		}
		for {
			ev, err := st.Recv()
			if err != nil {
				return
			}
			_ = s.cache.Set(st.Context(), ev.Key, ev.Val)
			_ = feed.Ack(context.Background(), ev.Key) // want `goroutine calls feed.Ack with context.Background\(\), which never expires`
		}
	}()
}

// serveDebug binds its listener with a context that only covers address
// resolution; the listener itself ignores it.
func (s *Server) serveDebug(addr string, handle func(net.Conn)) {
	go func() {
		var lc net.ListenConfig
		ln, err := lc.Listen(context.Background(), "tcp", addr)
		if err != nil {
			return
		}
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go handle(conn)
		}
	}()
}

// notify's request carries its context too, but it is one round trip that
// the context should bound.
func (s *Server) notify(url string) {
	go func() {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, nil) // want `goroutine calls http.NewRequestWithContext with context.Background\(\), which never expires`
		if err != nil {
			return
		}
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
}
