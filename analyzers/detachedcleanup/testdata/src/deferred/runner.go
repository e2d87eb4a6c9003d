package deferred

import (
	"context"
	"net/http"
	"time"

	"pgxish"
)

// runTx hands the callback the context its own caller gave it.
func runTx(ctx context.Context, conn *pgxish.Conn, f func(ctx context.Context, tx pgxish.Tx) error) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	return f(ctx, tx)
}

// inMode forwards its context and callback to runTx.
func inMode(ctx context.Context, conn *pgxish.Conn, f func(ctx context.Context, tx pgxish.Tx) error) error {
	return runTx(ctx, conn, f)
}

// The callback's context is the request's, through the runner: the
// deferred rollback may run after the request is cancelled.
func handleWithRunner(w http.ResponseWriter, r *http.Request, conn *pgxish.Conn) {
	_ = inMode(r.Context(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		_, err := tx.Exec(ctx, "UPDATE t SET n = n + 1")
		return err
	})
}

// Through the same runner, a context nobody can cancel: quiet.
func nightlyWithRunner(conn *pgxish.Conn) {
	_ = inMode(context.Background(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx)
		_, err := tx.Exec(ctx, "VACUUM")
		return err
	})
}

// A callback handed to a function value: what it will be given is not
// known, so its context parameter is the caller's.
func viaValue(run func(func(ctx context.Context, tx pgxish.Tx) error) error) {
	_ = run(func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		return nil
	})
}

// A runner that gives each case a timeout of its own on the context its
// caller passed, and cancels it once the case returns: the case's context
// can be cancelled before its defers run only if the caller's can.
func withCaseTimeout(ctx context.Context, conn *pgxish.Conn, f func(ctx context.Context, tx pgxish.Tx) error) error {
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return runTx(cctx, conn, f)
}

// Every caller passes Background: quiet.
func nightlyWithCaseTimeout(conn *pgxish.Conn) {
	_ = withCaseTimeout(context.Background(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx)
		_, err := tx.Exec(ctx, "ANALYZE")
		return err
	})
}

// The request's context under the runner's timeout: still the caller's
// cancellation.
func handleWithCaseTimeout(r *http.Request, conn *pgxish.Conn) {
	_ = withCaseTimeout(r.Context(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		return nil
	})
}
