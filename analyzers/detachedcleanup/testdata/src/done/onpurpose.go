package done

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// A context that only this function can end (its own WithCancel or
// WithTimeout of Background, its cancel kept to itself) is done only when
// the function ends it. Waiting for that end, or cancelling it first, and
// then calling is deliberate: a test of what the callee does with a
// cancelled context. No cancellation from outside cut a cleanup short.

func shutdownAfterOwnTimeout(srv *http.Server) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	if err := srv.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		return errors.New("Shutdown ignored its expired context")
	}
	return nil
}

func shutdownAfterOwnCancel(srv *http.Server) error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ctx.Err() != nil {
		return srv.Shutdown(ctx)
	}
	return nil
}

// A cancel handed to someone else can end the context from outside: the
// wait is for that, and the cleanup after it is cut short.
func shutdownWhenStopped(srv *http.Server, stop chan<- context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	stop <- cancel
	<-ctx.Done()
	_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
}

// A timeout the function did not wait for on purpose: the select is a
// race between the work and the deadline, and the cleanup in the timeout
// case fails at once.
func shutdownOnTimeout(srv *http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
		return srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
	}
}

// A context derived from a caller's can be cancelled from outside.
func shutdownAfterParent(parent context.Context, srv *http.Server) {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	<-ctx.Done()
	_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
}

// A cancel called from a goroutine can fire at any time.
func shutdownAfterWatcher(srv *http.Server, quit <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-quit
		cancel()
	}()
	<-ctx.Done()
	_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
}
