package done

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"
)

// serve is the classic: the shutdown goroutine waits for the request
// context to end and then shuts down with that same, cancelled context.
func serve(ctx context.Context, srv *http.Server) error {
	go func() {
		<-ctx.Done()
		slog.InfoContext(ctx, "shutting down", "cause", context.Cause(ctx))
		if err := srv.Shutdown(ctx); err != nil { // want `srv.Shutdown is called with ctx, which is already cancelled here; use context.WithoutCancel\(ctx\) with a timeout`
			log.Printf("shutdown: %v", err)
		}
	}()
	return srv.ListenAndServe()
}

// serveDetached shuts down with a detached context bounded by a timeout.
func serveDetached(ctx context.Context, srv *http.Server) error {
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}()
	return srv.ListenAndServe()
}

// runUntilSignal's context only ends with the signal, and then it is just
// as cancelled: the region rule holds whatever the origin.
func runUntilSignal(srv *http.Server) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go srv.ListenAndServe()
	<-ctx.Done()
	log.Println("signal received", ctx.Err())
	_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
}

// runUntilSignalBackground shuts down on a fresh context.
func runUntilSignalBackground(srv *http.Server) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go srv.ListenAndServe()
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
}

// waitThenServe receives from Done in a nested block only: the statements
// after that block are not known to run after the cancellation.
func waitThenServe(ctx context.Context, srv *http.Server, wait bool) {
	if wait {
		<-ctx.Done()
		_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx`
	}
	_ = srv.Shutdown(ctx)
}

// watchdog closes the listener when ctx ends: the AfterFunc callback runs
// on a cancelled ctx.
func watchdog(ctx context.Context, srv *http.Server) (stop func() bool) {
	return context.AfterFunc(ctx, func() {
		log.Println("context done:", context.Cause(ctx))
		_ = srv.Shutdown(ctx) // want `srv.Shutdown is called with ctx, which is already cancelled here`
	})
}

// watchdogDetached shuts down on a detached, bounded context.
func watchdogDetached(ctx context.Context, srv *http.Server) (stop func() bool) {
	return context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	})
}
