package deferred

import (
	"context"
	"net/http"
)

// A function literal held by a local variable that is assigned once and
// only ever called has every call site in view, as an unexported
// function has: its context parameter is what those calls pass.

// Every call passes a context nobody can cancel: quiet.
func (s *Store) checkAll() {
	ctx := context.Background()
	check := func(ctx context.Context, q string) {
		tx, err := s.conn.Begin(ctx)
		if err != nil {
			return
		}
		defer tx.Rollback(ctx)
		_, _ = tx.Exec(ctx, q)
	}
	check(ctx, "SELECT 1")
	check(context.WithoutCancel(ctx), "SELECT 2")
}

// One call passes the request's context: reported.
func (s *Store) checkRequest(r *http.Request) {
	check := func(ctx context.Context, q string) {
		tx, err := s.conn.Begin(ctx)
		if err != nil {
			return
		}
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		_, _ = tx.Exec(ctx, q)
	}
	check(context.Background(), "SELECT 1")
	check(r.Context(), "SELECT 2")
}

// The literal escapes as a value: its callers are not all in view.
func (s *Store) checkEscapes(run func(func(context.Context))) {
	check := func(ctx context.Context) {
		tx, err := s.conn.Begin(ctx)
		if err != nil {
			return
		}
		defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
	}
	check(context.Background())
	run(check)
}

// Assigned twice: which literal a call runs is not known.
func (s *Store) checkReassigned(fast bool) {
	check := func(ctx context.Context) {}
	if !fast {
		check = func(ctx context.Context) {
			tx, err := s.conn.Begin(ctx)
			if err != nil {
				return
			}
			defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
		}
	}
	check(context.Background())
}
