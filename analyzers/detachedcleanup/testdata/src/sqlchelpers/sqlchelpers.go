// Package sqlchelpers holds the transaction helpers the repositories share.
package sqlchelpers

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"pgxish"
)

// DeferRollback rolls back a transaction that was not committed; it is
// meant to be deferred. It returns nothing, so only its fact tells callers
// that it cleans up with their context.
func DeferRollback(ctx context.Context, l *slog.Logger, rollback func(context.Context) error) {
	if err := rollback(ctx); err != nil && !errors.Is(err, pgxish.ErrTxClosed) {
		l.ErrorContext(ctx, "could not roll back transaction", "err", err)
	}
}

// DeferRollbackDetached rolls back on a detached, bounded context: not a
// helper that needs its caller's care.
func DeferRollbackDetached(ctx context.Context, l *slog.Logger, rollback func(context.Context) error) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := rollback(rctx); err != nil && !errors.Is(err, pgxish.ErrTxClosed) {
		l.ErrorContext(ctx, "could not roll back transaction", "err", err)
	}
}

// LogDuration only logs: not a helper.
func LogDuration(ctx context.Context, l *slog.Logger, start time.Time) {
	l.InfoContext(ctx, "query done", "elapsed", time.Since(start))
}
