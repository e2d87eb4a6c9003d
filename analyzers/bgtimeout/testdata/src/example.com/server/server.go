// Package server is an HTTP service that keeps a cache warm in the
// background: the shapes bgtimeout reports and the ones it must leave alone.
package server

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type Cache interface {
	Set(ctx context.Context, key string, val []byte) error
	Get(ctx context.Context, key string) ([]byte, error)
}

type DB interface {
	Load(ctx context.Context) (map[string][]byte, error)
}

type traceKey struct{}

type Server struct {
	cache Cache
	db    DB
	srv   *http.Server
	ctx   context.Context
	stop  context.CancelFunc
	mu    sync.Mutex
	hits  map[string]int
}

// The seed shape: the cache update outlives the request, so it gets a
// fresh context, and one that never expires.
func (s *Server) handleUpdate(w http.ResponseWriter, r *http.Request) {
	key, val := r.URL.Query().Get("key"), []byte(r.URL.Query().Get("val"))
	go s.cache.Set(context.Background(), key, val) // want `goroutine runs s.cache.Set with context.Background\(\), which never expires; give it a deadline with context.WithTimeout`
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleDetached(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("key")
	go s.cache.Set(context.WithoutCancel(r.Context()), key, nil) // want `goroutine runs s.cache.Set with context.WithoutCancel\(r.Context\(\)\), which never expires`
}

func (s *Server) handleTraced(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithValue(context.Background(), traceKey{}, r.Header.Get("X-Trace"))
	go s.cache.Set(ctx, "trace", nil) // want `goroutine runs s.cache.Set with ctx from context.Background\(\), which never expires`
}

func (s *Server) warmOnStart() {
	bg := context.Background()
	go s.warm(bg) // want `goroutine runs s.warm with bg from context.Background\(\)`
}

func (s *Server) warmForgotten() {
	ctx, _ := context.WithCancel(context.TODO())
	go s.warm(ctx) // want `goroutine runs s.warm with ctx from context.WithCancel\(context.TODO\(\)\) whose cancel is discarded`
}

func (s *Server) warm(ctx context.Context) error {
	vals, err := s.db.Load(ctx)
	if err != nil {
		return err
	}
	for k, v := range vals {
		if err := s.cache.Set(ctx, k, v); err != nil {
			return err
		}
	}
	return nil
}

// A signal handler whose shutdown can hang forever on one stuck connection.
func (s *Server) serveUntilSignal() error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		if err := s.srv.Shutdown(context.Background()); err != nil { // want `goroutine calls s.srv.Shutdown with context.Background\(\), which never expires; give it a deadline with context.WithTimeout`
			log.Printf("shutdown: %v", err)
		}
	}()
	go s.srv.ListenAndServe() // the standard library manages its own contexts
	go http.ListenAndServe(":6060", nil)
	return nil
}

// A context captured from outside the goroutine.
func (s *Server) refreshEvery(d time.Duration) {
	ctx := context.Background()
	go func() {
		for range time.Tick(d) {
			vals, err := s.db.Load(ctx) // want `goroutine calls s.db.Load with ctx from context.Background\(\)`
			if err != nil {
				continue
			}
			for k, v := range vals {
				_ = s.cache.Set(ctx, k, v) // want `goroutine calls s.cache.Set with ctx from context.Background\(\)`
			}
		}
	}()
}

// Deferred and nested literals run in the goroutine too.
func (s *Server) flushLater(keys []string) {
	go func() {
		defer func() {
			s.cache.Set(context.TODO(), "flushed", nil) // want `goroutine calls s.cache.Set with context.TODO\(\)`
		}()
		for _, k := range keys {
			retry(func() error { return s.cache.Set(context.TODO(), k, nil) }) // want `goroutine calls s.cache.Set with context.TODO\(\)`
		}
	}()
}

func retry(f func() error) {
	for i := 0; i < 3 && f() != nil; i++ {
	}
}

func (s *Server) fetchAll(keys []string) error {
	var g errgroup.Group
	for _, k := range keys {
		g.Go(func() error {
			_, err := s.cache.Get(context.Background(), k) // want `goroutine calls s.cache.Get with context.Background\(\)`
			return err
		})
	}
	g.TryGo(func() error {
		return s.cache.Set(context.Background(), "fetched", nil) // want `goroutine calls s.cache.Set with context.Background\(\)`
	})
	return g.Wait()
}

func (s *Server) fanOut(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Go(func() {
			s.cache.Get(context.Background(), k) // want `goroutine calls s.cache.Get with context.Background\(\)`
		})
	}
	wg.Wait()
}

func (s *Server) literalWithArg(key string) {
	go func(ctx context.Context) {
		s.cache.Set(ctx, key, nil)
	}(context.TODO()) // want `goroutine runs a function literal with context.TODO\(\), which never expires`
}

// Method values and functions held in variables.
func (s *Server) viaMethodValue(key string) {
	set := s.cache.Set
	go set(context.Background(), key, nil) // want `goroutine runs set with context.Background\(\)`
}

// A body stored in a variable, then started.
func (s *Server) storedBody(keys []string) error {
	flush := func() {
		s.cache.Set(context.Background(), "flush", nil) // want `goroutine calls s.cache.Set with context.Background\(\)`
	}
	go flush()
	fetch := func() error {
		_, err := s.cache.Get(context.TODO(), "k") // want `goroutine calls s.cache.Get with context.TODO\(\)`
		return err
	}
	var g errgroup.Group
	g.Go(fetch)
	return g.Wait()
}

// Generic code.
func each[T any](ctx context.Context, items []T, f func(context.Context, T) error) error {
	for _, it := range items {
		if err := f(ctx, it); err != nil {
			return err
		}
	}
	return nil
}

func store[T any](ctx context.Context, c Cache, key string, v T) error {
	return c.Set(ctx, key, nil)
}

func (s *Server) generic(keys []string) {
	go each(context.Background(), keys, func(ctx context.Context, k string) error { return s.cache.Set(ctx, k, nil) }) // want `goroutine runs each with context.Background\(\)`
	go func() {
		store[int](context.Background(), s.cache, "n", 1) // want `goroutine calls store\[int\] with context.Background\(\)`
	}()
}

// --- Must stay quiet. ---

func (s *Server) boundedInside(key string, val []byte) {
	go func() {
		cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.cache.Set(cctx, key, val); err != nil {
			log.Printf("cache set %s: %v", key, err)
		}
	}()
}

func (s *Server) boundedReassigned(key string) {
	go func() {
		ctx := context.Background()
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		s.cache.Set(ctx, key, nil)
	}()
}

func (s *Server) boundedDetached(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 5*time.Second)
	go func() {
		defer cancel()
		s.cache.Set(ctx, "k", nil)
	}()
	dctx, dcancel := context.WithDeadline(context.WithValue(context.Background(), traceKey{}, "x"), time.Now().Add(time.Minute))
	defer dcancel()
	go s.cache.Set(dctx, "k", nil)
}

func (s *Server) fromParam(ctx context.Context, key string) {
	go s.cache.Set(ctx, key, nil)
	go func() {
		s.cache.Get(ctx, key)
	}()
	go func(ctx context.Context) {
		s.cache.Get(ctx, key)
	}(ctx)
}

// A caller's context with a fallback is still the caller's when it has one.
func (s *Server) withFallback(ctx context.Context, key string) {
	if ctx == nil {
		ctx = context.Background()
	}
	go s.cache.Set(ctx, key, nil)
	go func() {
		for i := 0; i < 3; i++ {
			ctx = context.WithValue(ctx, traceKey{}, i)
			s.cache.Get(ctx, key)
		}
	}()
}

func (s *Server) fromField(key string) {
	go s.cache.Set(s.ctx, key, nil)
	go func() { s.cache.Get(s.ctx, key) }()
}

func (s *Server) noContext() {
	go s.countHits("x")
	go func() {
		log.Println("background job started")
		s.countHits("y")
	}()
}

func (s *Server) countHits(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[key]++
}

func (s *Server) logging() {
	go slog.InfoContext(context.Background(), "warming cache")
	go func() {
		ctx := context.Background()
		slog.InfoContext(ctx, "refreshing")
		s.audit(ctx, "refresh")
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
}

// audit returns nothing a caller could act on: it cannot observe
// cancellation, so it is inert.
func (s *Server) audit(ctx context.Context, event string) { slog.InfoContext(ctx, event) }

// A WithCancel child of Background() whose cancel is kept for shutdown.
func (s *Server) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	go s.warm(ctx)
	go func() {
		s.cache.Get(ctx, "k")
	}()
}

func (s *Server) StartDeferred() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.warm(ctx)
}

func (s *Server) notifyContexts(keys []string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go s.warm(ctx)
	g, gctx := errgroup.WithContext(context.Background())
	for _, k := range keys {
		g.Go(func() error { return s.cache.Set(gctx, k, nil) })
	}
	return g.Wait()
}

// Deriving a context is not work.
func (s *Server) derive() {
	go func() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ctx = context.WithValue(ctx, traceKey{}, "x")
		s.warm(ctx)
	}()
}

// Background() used synchronously is not this analyzer's business.
func (s *Server) Close() error { // want Close:`unbounded s.srv.Shutdown\(context.Background\(\)\) at server.go:\d+`
	return s.srv.Shutdown(context.Background())
}
