package deferred

import (
	"context"
	"time"
)

type nsKey struct{}

// withNamespace wraps a context with a value, as loggers and tracers do.
func withNamespace(ctx context.Context, ns string) context.Context {
	return context.WithValue(ctx, nsKey{}, ns)
}

// testContext makes its context from Background and hands it back with
// its cancel: nothing but that cancel ends it (the OwnedContext fact).
func testContext(ns string) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	ctx = withNamespace(ctx, ns)
	return ctx, cancel
}

// The caller owns such a context as it owns a WithCancel of Background:
// the cancel it defers first runs after the rollback.
func (s *Store) resetFixtures() error {
	ctx, cancel := testContext("fixtures")
	defer cancel()
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	_, err = tx.Exec(ctx, "TRUNCATE items")
	return err
}

// namespacedContext returns a context nobody can cancel (the RootContext
// fact), and cleanupContext bounds a cleanup with it: the detached
// timeout that rule 3 asks for, spelled by a helper.
func namespacedContext() context.Context {
	return withNamespace(context.Background(), "k8s")
}

func cleanupContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(namespacedContext(), 10*time.Second)
}

func (s *Store) dropLease(ctx context.Context) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := cleanupContext()
		defer cancel()
		_ = tx.Rollback(cctx)
	}()
	_, err = tx.Exec(ctx, "DELETE FROM leases")
	return err
}

// A helper that derives its context from its caller's hands back a
// context the caller's caller can cancel: still reported.
func scopedContext(parent context.Context, ns string) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return withNamespace(ctx, ns), cancel
}

func (s *Store) ArchiveScoped(parent context.Context) error {
	ctx, cancel := scopedContext(parent, "archive")
	defer cancel()
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	_, err = tx.Exec(ctx, "INSERT INTO archive SELECT * FROM items")
	return err
}
