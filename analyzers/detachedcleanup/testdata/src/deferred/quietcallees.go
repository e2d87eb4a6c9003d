package deferred

import (
	"context"
	"log/slog"
	"time"

	"pgxish"
)

// memCache is the only type in the program with cacheStore's method: an
// in-process map that ignores its context.
type cacheStore interface {
	CleanupEntries(ctx context.Context) error
}

type memCache struct{ m map[string]string }

func (c *memCache) CleanupEntries(ctx context.Context) error { c.m = nil; return nil }

func withCache(ctx context.Context, c cacheStore) {
	defer c.CleanupEntries(ctx) // quiet: no implementation observes the context
}

// closeDetached detaches its context, with a bound, before the round trip.
func closeDetached(ctx context.Context, conn *pgxish.Conn) error {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return conn.Close(cctx)
}

type detachingStore struct{ conn *pgxish.Conn }

func (s *detachingStore) Close(ctx context.Context) error { return closeDetached(ctx, s.conn) }

func withDetachingStore(ctx context.Context, s *detachingStore) {
	defer s.Close(ctx) // quiet: the callee detaches the context itself
}

// loggerFor is a package-level function variable set once to a function
// that only reads the context's values.
var loggerFor = func(ctx context.Context) *slog.Logger { return slog.Default() }

type auditLog struct{}

func (auditLog) Release(ctx context.Context) error {
	loggerFor(ctx).Info("released")
	return nil
}

func withAudit(ctx context.Context, a auditLog) {
	defer a.Release(ctx) // quiet: the context only fetches a logger
}
