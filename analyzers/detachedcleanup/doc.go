// Package detachedcleanup defines an analyzer that reports cleanup running on a context that is, or will be, already cancelled.
//
// # Analyzer detachedcleanup
//
// detachedcleanup: report cleanup running on a context that is, or will be, already cancelled
//
// Code that releases what a request held (rolling back a transaction,
// closing a stream, deregistering a lease, shutting down a server) often
// receives the request's own context. When that context is cancelled the
// cleanup fails at once and the resource leaks. Since Go 1.21 the fix is to
// detach the cleanup from the cancellation while keeping a bound on it:
//
//	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
//	defer cancel()
//
// # Rule 1: cleanup in a region where ctx is known to be cancelled
//
// The body of case <-ctx.Done(), the statements after a plain <-ctx.Done()
// in the same block, the function literal given to context.AfterFunc(ctx,
// ...), and the then-branch of if ctx.Err() != nil (also
// if err := ctx.Err(); err != nil, errors.Is(ctx.Err(), context.Canceled),
// either &&-joined with anything else, the else-branch of
// if ctx.Err() == nil, and if errors.Is(err, context.Canceled) when the
// only context variable in scope is a cancellable one) run after ctx is
// cancelled. A cleanup call there (Close, Rollback, Shutdown, ... taking a
// context and returning an error, the names in -names, or a helper that
// hands its context on to one) that passes ctx, or a context derived from
// it, to a function that observes cancellation, or that the model cannot
// see into, is reported (see Reporting policy). Other work after ctx is
// done is often on purpose (a fake dialer in a test waits for the
// deadline and dials to hand back the timeout error) and is not judged.
// Logging, tracing, ctx.Err() and context.Cause(ctx) are fine, as are
// functions, in any package, that only read the context's values or error
// (an error constructor returning ctx.Err()), and so is the code after an if ctx.Err() != nil { return } guard. An arbitrary error
// matching context.DeadlineExceeded proves nothing: an HTTP client's own
// timeout matches it while ctx is live. A context that only this function
// can end (its own context.WithCancel, WithTimeout or WithDeadline of
// Background, TODO or a detached context, whose cancel it only calls or
// defers) is done only when the function ends it: after a plain wait for
// that end, or after the function called its cancel, the code knows the
// context is done and calls on it on purpose (a test of what a callee does
// with a cancelled context), so that region is not reported. A select
// case on its Done is: there the deadline raced the work and won.
//
// Bad:
//
//	go func() {
//		<-ctx.Done()
//		srv.Shutdown(ctx) // returns at once: ctx is done
//	}()
//
// Good:
//
//	go func() {
//		<-ctx.Done()
//		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
//		defer cancel()
//		srv.Shutdown(sctx)
//	}()
//
// # Rule 2: cleanup deferred before the cancel of its context
//
// Deferred calls run last-in, first-out, so a call deferred before the
// defer cancel() of its context (or of an ancestor) always runs after the
// cancel. Reported whatever the callee, unless it cannot observe
// cancellation.
//
// Bad:
//
//	ctx, cancel := context.WithTimeout(ctx, time.Minute)
//	tx, err := db.BeginTx(ctx, nil)
//	...
//	defer tx.Rollback(ctx)
//	defer cancel() // runs first
//
// Good:
//
//	ctx, cancel := context.WithTimeout(ctx, time.Minute)
//	defer cancel()
//	tx, err := db.BeginTx(ctx, nil)
//	...
//	defer tx.Rollback(context.WithoutCancel(ctx))
//
// # Rule 3: deferred cleanup on a context the caller can cancel
//
// A deferred cleanup call (Close, Rollback, Shutdown, Release, ... taking a
// context and returning an error; a helper in any package that returns
// nothing but passes its context parameter to such a call; or a function
// value a helper returned, done, err := lease(ctx); defer done(ctx)),
// directly or inside a deferred function literal, that receives a context
// its caller can cancel (a parameter, a field, a request's context, a
// context a helper derived from one of those and returned with its
// cancel, or a derivation of those) may
// run after that cancellation; it is reported when the callee is known to
// observe cancellation. The same holds for a cleanup in a function literal
// that runs later: one returned to the caller (who defers it), or one
// handed to a callee that keeps it (a shutdown registry's Register), when
// the context is captured from the code that wrote the literal (for a
// returned literal, from the function returning it: a closure that a
// local literal returns to the function that wrote both runs while that
// function still holds the context it captured). Contexts
// only this function can cancel (derived from context.Background, or made
// from Background by a helper that returns it with its cancel, such as a
// test's ctx, cancel := testContext(t)), contexts from helpers that return
// Background with values (util.NamespacedContext()), t.Context()
// (cancelled only after the test
// function returns), a parameter whose every caller passes a context
// nobody can cancel, and the parameter of a function literal whose runner
// calls it with a context the runner made itself (a test harness's
// WithTimeout(Background(), d), cancelled only after the literal returns)
// or one its own caller can not cancel, even under a timeout of the
// runner's own (WithTimeout(ctx, d) of its parameter, cancelled after the
// literal returns), are fine. The suggested fix wraps the argument in
// context.WithoutCancel (Go 1.21 and later).
//
// Bad:
//
//	defer tx.Rollback(ctx)
//
// Good:
//
//	defer tx.Rollback(context.WithoutCancel(ctx))
//
// # Rule 4: cleanup context derived from the cancelled one
//
// Inside a known-done region, a deferred function literal or a t.Cleanup
// callback, context.WithTimeout(ctx, d) or context.WithDeadline(ctx, t) on a
// context that is (or may be) cancelled by then inherits the cancellation,
// so the timeout buys nothing. The suggested fix derives it from context.WithoutCancel(ctx).
//
// Bad:
//
//	defer func() {
//		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
//		defer cancel()
//		_ = stream.CloseSend(cctx)
//	}()
//
// Good:
//
//	defer func() {
//		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
//		defer cancel()
//		_ = stream.CloseSend(cctx)
//	}()
//
// # Rule 5: cleanup context that drops the request's values (-keepvalues)
//
// Off by default. Inside a deferred function literal or a known-done region,
// a cleanup context built from context.Background() or context.TODO() loses
// the values (trace and request IDs, credentials) of the cancellable context
// in scope. The suggested fix uses context.WithoutCancel(ctx) instead.
//
// Bad:
//
//	defer func() {
//		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
//		...
//
// Good:
//
//	defer func() {
//		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
//		...
//
// # Rule 6: t.Cleanup with the test's context
//
// t.Context() is cancelled just before the functions registered with
// t.Cleanup run, so a callback that passes it (or a context derived from
// it) to a function that can observe cancellation always fails. The
// suggested fix wraps the argument in context.WithoutCancel.
//
// Bad:
//
//	ctx := t.Context()
//	t.Cleanup(func() { db.DropSchema(ctx, name) })
//
// Good:
//
//	t.Cleanup(func() { db.DropSchema(context.WithoutCancel(ctx), name) })
//
// # Reporting policy
//
// Every ctxlint analyzer reports only what it is sure of on both halves.
// For detachedcleanup: that the context is, or will be, cancelled when the
// call runs, and that the callee cares. What a callee does with a context
// is its summary, computed from its code in any package (and crossing
// packages as a fact): it observes cancellation when it checks ctx.Err()
// in a condition, waits on ctx.Done(), or passes the context on, not
// detached, to network, HTTP or database/sql calls (one table lists the
// standard library's) or to a callee that observes it. Where the context is
// certainly cancelled (a done region, rule 2's defer order, a t.Cleanup
// callback), a callee that observes it is reported, and so is one the
// model cannot see into (a function value, an interface with no visible
// implementation) unless its results show it cannot fail (no error, no
// channel). A call through an unexported function-valued field (a
// client's process hook) is judged by the functions the package stores in
// that field, as an interface method is by its implementations: it
// observes when one of them does. Where the context may merely be cancelled later (rule 3's
// deferred cleanup on a caller's context, a cleanup closure returned to the
// caller or kept by a registry), only a callee known to observe it is
// reported. A context parameter is the caller's, and cancellable, unless
// every caller is visible (an unexported function never used as a value)
// and passes a context that cannot be cancelled.
package detachedcleanup
