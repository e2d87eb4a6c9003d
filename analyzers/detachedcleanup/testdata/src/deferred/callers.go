package deferred

import (
	"context"
	"time"
)

// purgeDetached's every caller is visible and passes a context nobody can
// cancel: its deferred rollback cannot run on a cancelled context.
func (s *Store) purgeDetached(ctx context.Context) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "DELETE FROM items WHERE expired")
	return err
}

func (s *Store) RunPurge(ctx context.Context) error {
	return s.purgeDetached(context.WithoutCancel(ctx))
}

func (s *Store) NightlyPurge() error {
	return s.purgeDetached(context.WithValue(context.Background(), traceKey{}, "nightly"))
}

type traceKey struct{}

// archive has one caller that passes the request's context: the rollback
// may run after it is cancelled.
func (s *Store) archive(ctx context.Context) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	_, err = tx.Exec(ctx, "INSERT INTO archive SELECT * FROM items")
	return err
}

func (s *Store) Archive(ctx context.Context) error { return s.archive(ctx) }

func (s *Store) ArchiveNow() error { return s.archive(context.Background()) }

// Compact is exported: callers in other packages may pass anything.
func (s *Store) Compact(ctx context.Context) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	return tx.Commit(ctx)
}

func (s *Store) compactNow() error { return s.Compact(context.Background()) }

// newSession derives the session's context with a deadline of its own
// and hands it back with its cancel.
func newSession(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, time.Minute)
}

// A context from such a helper ends when its deadline passes, however
// the caller defers its cancel.
func (s *Store) Reindex(parent context.Context) error {
	ctx, cancel := newSession(parent)
	defer cancel()
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	_, err = tx.Exec(ctx, "REINDEX")
	return err
}
