package tcleanup

import (
	"context"
	"testing"
	"time"

	"pgxish"
)

// newTestDB drops the schema in a cleanup, with the test's context, which
// is already cancelled when cleanups run.
func newTestDB(t *testing.T) *pgxish.Conn {
	ctx := t.Context()
	conn, err := pgxish.Connect(ctx, "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	if err := createSchema(ctx, conn, "test"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := conn.Exec(ctx, "DROP SCHEMA test CASCADE"); err != nil { // want `t.Cleanup callback uses t.Context\(\), which is cancelled before cleanup runs; use context.WithoutCancel\(ctx\)`
			t.Errorf("drop schema: %v", err)
		}
		_ = conn.Close(ctx) // want `t.Cleanup callback uses t.Context\(\)`
	})
	return conn
}

// newPool bounds its cleanup with a timeout, but on the test's context.
func newPool(t *testing.T) *pgxish.Pool {
	ctx := t.Context()
	pool := &pgxish.Pool{}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second) // want `cleanup context derived from ctx inherits its cancellation; derive it from context.WithoutCancel\(ctx\)`
		defer cancel()
		_ = pool.Release(cctx, conn)
	})
	return pool
}

// seed derives a timeout from tb.Context(): it is cancelled all the same.
func seed(tb testing.TB, conn *pgxish.Conn) {
	ctx, cancel := context.WithTimeout(tb.Context(), time.Minute)
	defer cancel()
	if _, err := conn.Exec(ctx, "INSERT INTO accounts DEFAULT VALUES"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_, _ = conn.Exec(ctx, "TRUNCATE accounts") // want `tb.Cleanup callback uses tb.Context\(\), which is cancelled before cleanup runs; use context.WithoutCancel\(ctx\)`
	})
}

// The shapes below stay quiet.

func newDetachedDB(t *testing.T) *pgxish.Conn {
	ctx := t.Context()
	conn, err := pgxish.Connect(ctx, "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_, _ = conn.Exec(cctx, "DROP SCHEMA test CASCADE")
		_ = conn.Close(context.Background())
	})
	defer conn.Exec(ctx, "ANALYZE") // deferred: runs before t.Context() is cancelled
	return conn
}

func BenchmarkSeed(b *testing.B) {
	conn := newTestDB(&testing.T{})
	ctx := b.Context()
	b.Cleanup(func() {
		_ = conn.Close(ctx) // want `b.Cleanup callback uses b.Context\(\)`
	})
	for b.Loop() {
		seed(b, conn)
	}
}
