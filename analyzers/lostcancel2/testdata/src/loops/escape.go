package loops

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"
)

type session struct{ conn net.Conn }

func (s *session) serve(ctx context.Context) { <-ctx.Done() }

type stream struct{ ctx context.Context }

func open(ctx context.Context) (*stream, error) { return &stream{ctx: ctx}, ctx.Err() }

// Quiet: each connection's context is handed to the goroutine serving it
// and must outlive the iteration; the server cancels them all on return.
func acceptAll(ln net.Listener, idle time.Duration) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), idle)
		defer cancel()
		wg.Add(1)
		go func() {
			defer wg.Done()
			(&session{conn: conn}).serve(ctx)
		}()
	}
}

// Quiet: the context is passed to the go statement itself.
func startWorkers(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go (&session{}).serve(wctx)
	}
}

// Quiet: every stream opened with the iteration's context is kept after
// the iteration and used later.
func openUntilRefused(ctx context.Context) []*stream {
	var streams []*stream
	for {
		sctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		s, err := open(sctx)
		if err != nil {
			break
		}
		streams = append(streams, s)
	}
	return streams
}

// Quiet: the timeout context is shared by consecutive attempts at the
// same address, so it lives on into the next iteration.
func dialEach(ctx context.Context, addrs []string, timeout time.Duration) (net.Conn, error) {
	parent := ctx
	var d net.Dialer
	for i, addr := range addrs {
		if i == 0 || addr != addrs[i-1] {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(parent, timeout)
			defer cancel()
		}
		if c, err := d.DialContext(ctx, "tcp", addr); err == nil {
			return c, nil
		}
	}
	return nil, errors.New("no address reachable")
}

// Quiet: the contexts are sent to a consumer and stored in a map.
func dispatch(ctx context.Context, ids []string, out chan<- context.Context, byID map[string]context.Context) {
	for _, id := range ids {
		jctx, cancel := context.WithCancel(ctx)
		defer cancel()
		if id == "" {
			out <- jctx
			continue
		}
		byID[id] = jctx
	}
}

// Rule 6 still applies when only plain results and errors leave the
// iteration: a polling loop piles up one timer per poll.
func pollStatus(ctx context.Context, interval time.Duration) (string, error) {
	var status string
	var err error
	for status != "ready" {
		pctx, cancel := context.WithTimeout(ctx, interval)
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns; call cancel at the end of each iteration`
		var s *stream
		s, err = open(pctx)
		if err != nil {
			return "", err
		}
		status = describe(s)
		time.Sleep(interval)
	}
	return status, err
}

func describe(s *stream) string {
	if s.ctx.Err() != nil {
		return "failed"
	}
	return "ready"
}
