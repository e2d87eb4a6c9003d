package server

import (
	"context"
	"log"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

// refresh reloads every key into the cache with a context that never
// expires: goroutines that run it, directly or not, can hang forever.
func (s *Server) refresh() { // want refresh:`unbounded s.cache.Set\(context.Background\(\)\) at refresh.go:17`
	vals := s.loadAll()
	for k, v := range vals {
		if err := s.cache.Set(context.Background(), k, v); err != nil {
			log.Printf("refresh %s: %v", k, err)
		}
	}
}

func (s *Server) loadAll() map[string][]byte {
	vals, err := s.db.Load(s.ctx)
	if err != nil {
		return nil
	}
	return vals
}

func (s *Server) refreshLoop() { // want refreshLoop:`unbounded s.cache.Set`
	for range time.Tick(time.Minute) {
		s.refresh()
	}
}

func (s *Server) refreshErr() error { // want refreshErr:`unbounded s.cache.Set`
	s.refresh()
	return nil
}

func (s *Server) startRefresh() {
	go s.refresh()     // want `goroutine runs s.refresh, which calls s.cache.Set with context.Background\(\) \(refresh.go:17\) without a deadline`
	go s.refreshLoop() // want `goroutine runs s.refreshLoop, which calls s.refresh, which calls s.cache.Set with context.Background\(\) \(refresh.go:17\) without a deadline`
	go func() {
		time.Sleep(time.Second)
		s.refresh() // want `goroutine calls s.refresh, which calls s.cache.Set with context.Background\(\) \(refresh.go:17\) without a deadline`
	}()
	r := s.refresh
	go r() // want `goroutine runs r, which calls s.cache.Set`
	var g errgroup.Group
	g.Go(s.refreshErr) // want `goroutine runs s.refreshErr, which calls s.refresh, which calls s.cache.Set`
	_ = g.Wait()
}

// A long chain is named by its first hops.
func (s *Server) tick()  { s.step1() }   // want tick:`unbounded s.cache.Set`
func (s *Server) step1() { s.step2() }   // want step1:`unbounded s.cache.Set`
func (s *Server) step2() { s.step3() }   // want step2:`unbounded s.cache.Set`
func (s *Server) step3() { s.step4() }   // want step3:`unbounded s.cache.Set`
func (s *Server) step4() { s.refresh() } // want step4:`unbounded s.cache.Set`

func (s *Server) startTicker() {
	go s.tick()  // want `goroutine runs s.tick, which calls s.step1, which calls s.step2, which calls s.step3, which calls s.step4, which calls 1 more function, which calls s.cache.Set with context.Background\(\) \(refresh.go:17\) without a deadline`
	go s.step1() // want `goroutine runs s.step1, which calls s.step2, which calls s.step3, which calls s.step4, which calls s.refresh, which calls s.cache.Set`
}

// Generic types: the fact is on the generic method.
type Queue[T any] struct {
	cache Cache
	items []T
}

func (q *Queue[T]) flush() { // want flush:`unbounded q.cache.Set`
	q.cache.Set(context.Background(), "queue", nil)
}

func startQueue(q *Queue[string]) {
	go q.flush() // want `goroutine runs q.flush, which calls q.cache.Set with context.Background\(\)`
}

// --- Must stay quiet. ---

// kick starts its own goroutine (reported there); running kick does not
// use the context itself.
func (s *Server) kick() {
	go s.cache.Set(context.Background(), "kick", nil) // want `goroutine runs s.cache.Set with context.Background\(\)`
}

// routes registers a handler; the handler runs on the server's goroutines,
// not on the one that calls routes.
func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("/warm", func(w http.ResponseWriter, r *http.Request) {
		s.cache.Set(context.Background(), "warm", nil)
	})
}

func (s *Server) refreshWith(ctx context.Context) {
	for k, v := range s.loadAll() {
		s.cache.Set(ctx, k, v)
	}
}

func (s *Server) refreshBounded() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s.refreshWith(ctx)
}

func (s *Server) startQuiet(mux *http.ServeMux) {
	go s.kick()
	go s.routes(mux)
	go s.refreshBounded()
	go s.refreshWith(s.ctx)
	go s.loadAll()
	var c Cache = s.cache
	go c.Get(s.ctx, "k") // interface method: no static chain
}
