package deferred

import (
	"context"
	"net/http"

	"pgxish"
)

// Registry keeps shutdown hooks and runs them when the process stops.
type Registry struct{ hooks []func() error }

func (r *Registry) Register(hook func() error) { r.hooks = append(r.hooks, hook) }

func (r *Registry) Run() {
	for _, h := range r.hooks {
		_ = h()
	}
}

// Do calls its function at once: nothing runs later.
func Do(f func() error) error { return f() }

// A hook registered with the request's context runs at shutdown, long
// after the request was cancelled.
func serveWithHook(ctx context.Context, reg *Registry, srv *http.Server) {
	reg.Register(func() error {
		return srv.Shutdown(ctx) // want `cleanup srv.Shutdown in a closure registered with reg.Register runs later, when ctx may be cancelled, and then fails; pass context.WithoutCancel\(ctx\)`
	})
	_ = Do(func() error { return srv.Shutdown(ctx) }) // runs now
	reg.Register(func() error {
		return srv.Shutdown(context.WithoutCancel(ctx))
	})
}

// open returns a cleanup closure over its own context; the caller defers
// it, so it runs when the caller returns.
func open(ctx context.Context, dsn string) (func(), error) {
	conn, err := pgxish.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return func() {
		_ = conn.Close(ctx) // want `cleanup conn.Close in a closure returned to the caller runs later, when ctx may be cancelled`
	}, nil
}

// openOwn hands the closure its context at the time it runs: nothing is
// captured.
func openOwn(ctx context.Context, dsn string) (func(context.Context), error) {
	conn, err := pgxish.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return func(cctx context.Context) { _ = conn.Close(cctx) }, nil
}

// lease returns a release function; the caller defers it with its context.
func lease(ctx context.Context, pool *pgxish.Pool) (func(context.Context) error, error) {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error { return pool.Release(ctx, conn) }, nil
}

func withLease(ctx context.Context, pool *pgxish.Pool) error {
	done, err := lease(ctx, pool)
	if err != nil {
		return err
	}
	defer done(ctx) // want `deferred cleanup done may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	return nil
}

func withLeaseDetached(ctx context.Context, pool *pgxish.Pool) error {
	done, err := lease(ctx, pool)
	if err != nil {
		return err
	}
	defer done(context.WithoutCancel(ctx))
	return nil
}
