package deferred

import (
	"context"
	"net/http"
	"time"

	"pgxish"
)

// Runners that overwrite their context parameter with a timeout of its
// own (ctx, cancel := context.WithTimeout(ctx, d) assigns the parameter)
// before handing it on: the callback's context is still the runner's
// deadline on what the caller passes.

func withOwnTimeout(ctx context.Context, conn *pgxish.Conn, f func(ctx context.Context, tx pgxish.Tx) error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return runTx(ctx, conn, f)
}

func caseOnce(ctx context.Context, conn *pgxish.Conn, f func(ctx context.Context, tx pgxish.Tx) error) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	return f(ctx, tx)
}

// Every caller passes Background: quiet.
func nightlyWithOwnTimeout(conn *pgxish.Conn) {
	_ = withOwnTimeout(context.Background(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx)
		_, err := tx.Exec(ctx, "ANALYZE")
		return err
	})
	_ = caseOnce(context.Background(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx)
		return nil
	})
}

// The request's context under the runner's timeout: reported.
func handleWithOwnTimeout(r *http.Request, conn *pgxish.Conn) {
	_ = caseOnce(r.Context(), conn, func(ctx context.Context, tx pgxish.Tx) error {
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		return nil
	})
}
