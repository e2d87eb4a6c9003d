// Package bgtimeout defines an analyzer that reports goroutines doing work with a context that never expires.
//
// # Analyzer bgtimeout
//
// bgtimeout: report goroutines that do work with a context that never expires
//
// Work started in the background (cache refreshes, notifications, async
// writes, shutdown handlers) often runs with context.Background() because
// the request's context would cancel it too early. Without a deadline, one
// stuck network call keeps the goroutine, its memory and its connection
// forever. A context is unbounded when it comes from context.Background(),
// context.TODO() or context.WithoutCancel, possibly wrapped by WithValue
// or by a WithCancel whose cancel function is discarded, with no
// WithTimeout or WithDeadline (or their Cause variants) in between.
// Contexts received as parameters or read from fields are the caller's and
// are assumed bounded. An unbounded context is reported only where it
// reaches a callee that blocks on it with no deadline of its own, by the
// callee's summary (see Reporting policy); calls returning a stream that
// carries the context for its life (a result with a Context() method) and
// a receive loop's wait for its next message (the first call in an
// unconditional for loop, with a context made before the loop) are a
// lifetime, not a piece of work.
//
// # Rule 1: goroutine started with an unbounded context argument
//
// Bad:
//
//	go s.cache.Set(context.Background(), key, val)
//
// Good:
//
//	go func() {
//		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
//		defer cancel()
//		s.cache.Set(ctx, key, val)
//	}()
//
// # Rule 2: unbounded context used inside a goroutine body
//
// Goroutine bodies are function literals started by go, by errgroup's Go
// and TryGo, by sync.WaitGroup's Go, or by the functions named in
// -spawners.
//
// Bad:
//
//	go func() {
//		<-sig
//		srv.Shutdown(context.Background())
//	}()
//
// Good:
//
//	go func() {
//		<-sig
//		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
//		defer cancel()
//		srv.Shutdown(ctx)
//	}()
//
// # Rule 3: goroutine running a function that makes an unbounded call
//
// The function may reach the call through any number of static calls in
// its package or in other packages of its module; chains never pass
// through the standard library or other modules, so go srv.ListenAndServe()
// is fine. A chain ends only at a call of an interface method or of a
// function of another module or the standard library (the client doing
// the I/O): the module's own functions are trusted to bound a context
// they are given, and calls of function values are left to whoever
// installed them. A chain does not start at context.TODO(), the marked
// placeholder of a function still to be given a context parameter.
// Packages of the standard library and of modules required at a version
// are not analyzed at all: no chain passes through them.
//
// Bad:
//
//	func (s *Server) refresh() { s.cache.Set(context.Background(), s.key, s.load()) }
//
//	go s.refresh()
//
// Good:
//
//	func (s *Server) refresh(ctx context.Context) { s.cache.Set(ctx, s.key, s.load()) }
//
//	go func() {
//		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
//		defer cancel()
//		s.refresh(ctx)
//	}()
//
// # Rule 4: tests
//
// _test.go files are skipped unless -tests is set, since the test binary's
// -timeout bounds them. With -tests, a suggested fix replaces
// context.Background() with t.Context() where a *testing.T, B, F or
// testing.TB is in scope and the file's Go version is at least 1.24.
//
// Bad:
//
//	go worker.Run(context.Background())
//
// Good:
//
//	go worker.Run(t.Context())
//
// # Reporting policy
//
// Every ctxlint analyzer reports only what it is sure of on both halves.
// For bgtimeout: that the context can never expire, and that the callee
// blocks on it for work the context is meant to bound. What a callee does
// with a context is its summary, computed from its code in any package
// (and crossing packages as a fact): it blocks when it passes the context,
// without a deadline of its own, to network, HTTP or database/sql calls
// (one table lists the standard library's). A callee that only waits on
// ctx.Done() for a result another goroutine produces is not known to hang:
// whether the result can fail to come is that goroutine's business (a
// client's pipeline has its own timeouts). A callee that uses the context as a lifetime (a loop or a
// goroutine stopped by ctx.Done(), os/exec's CommandContext), even one
// that also does round trips with it (a deadline would stop the worker;
// bounding each round trip is the worker's own business), only for its
// values (logging, tracing), that bounds it with WithTimeout or detaches
// it before doing work, or that the model cannot see into (a function
// value, an interface with no implementation in the program) is not
// reported. An interface method blocks when any implementation visible
// in the program does, and is bounded only when all are; a call through
// an unexported function-valued field is judged the same way by the
// functions the package stores in that field.
package bgtimeout
