package calls

import (
	"context"
	"log/slog"
)

// Tx's methods are round trips bounded by their context, as a driver's
// are: the policy calls them active.
type Tx struct{ reply chan error }

func (tx *Tx) roundTrip(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-tx.reply:
		return err
	}
}

func (tx *Tx) Rollback(ctx context.Context) error    { return tx.roundTrip(ctx) }
func (*Tx) RollbackNow() error                       { return nil }
func (tx *Tx) Commit(ctx context.Context) error      { return tx.roundTrip(ctx) }
func (tx *Tx) CloseSend(ctx context.Context) error   { return tx.roundTrip(ctx) }
func (tx *Tx) Purge(ctx context.Context) error       { return tx.roundTrip(ctx) }
func (*Tx) closeQuietly(ctx context.Context)         {}
func (tx *Tx) Stream(ctx context.Context) <-chan int { _ = tx.roundTrip(ctx); return nil }

// Child only derives a context: the caller's uses of it are the caller's.
func (*Tx) Child(ctx context.Context) context.Context { return ctx }

type Store struct{}

func (*Store) Ping(ctx context.Context) error { return nil }

func record(ctx context.Context, n int) int { return n }

func use(ctx context.Context, tx *Tx, s *Store, log *slog.Logger, shutdown func(context.Context) error) {
	tx.Rollback(ctx)           // want `active cleanup`
	tx.Commit(ctx)             // want `active`
	tx.CloseSend(ctx)          // want `active cleanup`
	tx.Purge(ctx)              // want `active cleanup`
	tx.closeQuietly(ctx)       // want `inert`
	tx.Stream(ctx)             // want `active`
	tx.Child(ctx)              // want `inert`
	s.Ping(ctx)                // want `inert`
	record(ctx, 1)             // want `inert`
	shutdown(ctx)              // want `active cleanup`
	slog.InfoContext(ctx, "")  // want `inert`
	log.ErrorContext(ctx, "")  // want `inert`
	context.Cause(ctx)         // want `inert`
	context.WithoutCancel(ctx) // want `inert`
	tx.RollbackNow()
}
