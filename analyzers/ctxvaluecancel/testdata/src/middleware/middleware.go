// Package middleware holds HTTP middleware that time out requests.
package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

type ctxKey int

const (
	cancelKey ctxKey = iota
	requestIDKey
	loggerKey
	parentKey
	onDoneKey
	deadlineKey
)

// Timeout lets handlers end the request early by fetching the cancel.
func Timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		ctx = context.WithValue(ctx, cancelKey, cancel) // want `cancel function stored as a context value; derive a child context with context.WithCancel and pass that instead`
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Abortable stores a wrapped cancel: a func() that calls it.
func Abortable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithCancelCause(r.Context())
		abort := func() { cancel(errAborted) }
		ctx = context.WithValue(ctx, cancelKey, abort) // want `cancel function stored as a context value`
		next.ServeHTTP(w, r.WithContext(ctx))
		cancel(nil)
	})
}

// requestState travels with the request and carries its cancel.
type requestState struct {
	id     string
	cancel context.CancelCauseFunc
}

func Stateful(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithCancelCause(r.Context())
		defer cancel(nil)
		st := &requestState{id: r.Header.Get("X-Request-ID"), cancel: cancel}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, parentKey, st))) // want `cancel function stored as a context value`
	})
}

// Ordinary values are fine, including ones holding a context or a func()
// that is not a cancel function.
type callbacks struct {
	parent context.Context
	onDone func()
}

func Annotate(next http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), requestIDKey, r.Header.Get("X-Request-ID"))
		ctx = context.WithValue(ctx, loggerKey, logger)
		ctx = context.WithValue(ctx, parentKey, callbacks{parent: r.Context(), onDone: func() { logger.Info("done") }})
		ctx = context.WithValue(ctx, onDoneKey, func() { logger.Info("done") })
		ctx = context.WithValue(ctx, deadlineKey, time.Now().Add(time.Second))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

type abortError struct{}

func (abortError) Error() string { return "aborted by handler" }

var errAborted error = abortError{}

// A server whose own Close cancels its context owns that cancel: putting
// the server in a context (so that handlers can reach it) shares the
// object, whose methods end its life, not the cancel.
type server struct {
	closeCtx    context.Context
	closeCancel context.CancelFunc
}

type serverKey struct{}

func (s *server) Close() error {
	s.closeCancel()
	return nil
}

func (s *server) withServer(ctx context.Context) context.Context {
	return context.WithValue(ctx, serverKey{}, s)
}

func newServer() *server {
	s := &server{}
	s.closeCtx, s.closeCancel = context.WithCancel(context.Background())
	return s
}

func (s *server) Done() <-chan struct{} { return s.closeCtx.Done() }
