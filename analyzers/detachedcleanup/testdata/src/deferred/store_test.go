package deferred

import (
	"context"
	"testing"
	"time"

	"pgxish"
)

// A deferred call runs when the test function returns, before t.Context()
// is cancelled: nothing to report.
func TestTransfer(t *testing.T) {
	ctx := t.Context()
	conn, err := pgxish.Connect(ctx, "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	s := &Store{conn: conn}
	if err := s.Transfer(ctx, "a", "b", 100); err != nil {
		t.Fatal(err)
	}
}

// runWithModes is a test harness: it makes the context and cancels it only
// after fn, and so fn's deferred cleanup, has returned.
func runWithModes(t *testing.T, fn func(ctx context.Context, conn *pgxish.Conn)) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgxish.Connect(ctx, "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	fn(ctx, conn)
}

// The harness made the callback's context and cancels it only after the
// callback (and its deferred cleanup) has returned: nothing to report.
func TestRollbackInHarness(t *testing.T) {
	runWithModes(t, func(ctx context.Context, conn *pgxish.Conn) {
		tx, err := conn.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
	})
}

type fixture struct {
	ctx  context.Context
	conn *pgxish.Conn
}

// A context kept in a field is not the test's own parameter: reported.
func (f *fixture) drop(t *testing.T) {
	defer f.conn.Close(f.ctx) // want `deferred cleanup f.conn.Close may run after f.ctx is cancelled and then fail; pass context.WithoutCancel\(f.ctx\)`
}
