package calls

import (
	"context"
	"log/slog"
)

type Tx struct{}

func (*Tx) Rollback(ctx context.Context) error        { return nil }
func (*Tx) RollbackNow() error                        { return nil }
func (*Tx) Commit(ctx context.Context) error          { return nil }
func (*Tx) CloseSend(ctx context.Context) error       { return nil }
func (*Tx) Purge(ctx context.Context) error           { return nil }
func (*Tx) closeQuietly(ctx context.Context)          {}
func (*Tx) Stream(ctx context.Context) <-chan int     { return nil }
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
	tx.Child(ctx)              // want `active`
	s.Ping(ctx)                // want `inert`
	record(ctx, 1)             // want `inert`
	shutdown(ctx)              // want `active cleanup`
	slog.InfoContext(ctx, "")  // want `inert`
	log.ErrorContext(ctx, "")  // want `inert`
	context.Cause(ctx)         // want `inert`
	context.WithoutCancel(ctx) // want `inert`
	tx.RollbackNow()
}
