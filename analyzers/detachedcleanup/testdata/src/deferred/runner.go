package deferred

import (
	"context"
	"net/http"

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
