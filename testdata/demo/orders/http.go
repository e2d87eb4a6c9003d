package orders

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"
)

type cancelKey struct{}

// WithRequestTimeout puts the request's cancel function into the context
// so that handlers can "finish early" (ctxvaluecancel).
func WithRequestTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		ctx = context.WithValue(ctx, cancelKey{}, cancel)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Done is called by handlers that finished their work (ctxvaluecancel).
func Done(r *http.Request) {
	if cancel, ok := r.Context().Value(cancelKey{}).(context.CancelFunc); ok {
		cancel()
	}
}

// Serve shuts the server down when the process is interrupted, but hands
// Shutdown the context that has just been cancelled, so it returns at once
// instead of draining connections (detachedcleanup).
func Serve(srv *http.Server) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Shutdown(ctx)
	}()
	return srv.ListenAndServe()
}
