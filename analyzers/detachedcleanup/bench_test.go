package detachedcleanup_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ctxlint/ctxlint/analyzers/detachedcleanup"
	"github.com/ctxlint/ctxlint/internal/benchgen"
)

const benchHeader = `package gen

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"
)

type Tx interface {
	Exec(ctx context.Context, q string) error
	Commit(ctx context.Context) error
	Rollback(ctx context.Context) error
}

type Backend interface {
	Do(ctx context.Context, q string) error
}

type Conn struct {
	jobs chan string
	db   Backend
}

func (c *Conn) Begin(ctx context.Context) (Tx, error)    { return nil, c.db.Do(ctx, "BEGIN") }
func (c *Conn) Close(ctx context.Context) error          { return c.db.Do(ctx, "CLOSE") }
func (c *Conn) Send(ctx context.Context, s string) error { return c.db.Do(ctx, s) }

// wire is the Backend in production: a network round trip.
type wire struct{ done chan struct{} }

func (w wire) Do(ctx context.Context, q string) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-w.done:
		return nil
	}
}

// tx is the Tx in production: every statement is a round trip.
type tx struct{ w wire }

func (t tx) Exec(ctx context.Context, q string) error { return t.w.Do(ctx, q) }
func (t tx) Commit(ctx context.Context) error         { return t.w.Do(ctx, "COMMIT") }
func (t tx) Rollback(ctx context.Context) error       { return t.w.Do(ctx, "ROLLBACK") }

var _ = errors.Is
var _ = time.Second
var _ testing.TB
`

// benchBody cycles through eight shapes: one report for each of rules 1,
// 2, 3, 4 and 6, and three that must stay quiet (a detached rollback, a
// self-owned context, and work after an Err guard).
func benchBody(i int) string {
	switch i % 8 {
	case 0: // rule 1: select case on Done
		return fmt.Sprintf(`func pump%d(ctx context.Context, c *Conn) error {
	for {
		select {
		case <-ctx.Done():
			slog.InfoContext(ctx, "stop")
			return c.Close(ctx)
		case j := <-c.jobs:
			if err := c.Send(ctx, j); err != nil {
				return err
			}
		}
	}
}
`, i)
	case 1: // rule 2: rollback deferred before the cancel
		return fmt.Sprintf(`func transfer%d(ctx context.Context, c *Conn) error {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	tx, err := c.Begin(ctx)
	if err != nil {
		cancel()
		return err
	}
	defer tx.Rollback(ctx)
	defer cancel()
	if err := tx.Exec(ctx, "UPDATE t SET n = n + 1"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
`, i)
	case 2: // rule 3: deferred cleanup in a literal, on a parameter
		return fmt.Sprintf(`func importRows%d(ctx context.Context, c *Conn, rows []string) (err error) {
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback(ctx)
		}
	}()
	for _, r := range rows {
		if err = tx.Exec(ctx, r); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}
`, i)
	case 3: // rule 4: timeout derived from the cancelled context
		return fmt.Sprintf(`func serve%d(ctx context.Context, c *Conn) {
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = c.Close(sctx)
	}()
}
`, i)
	case 4: // rule 6: t.Cleanup with t.Context()
		return fmt.Sprintf(`func setup%d(t *testing.T, c *Conn) {
	ctx := t.Context()
	t.Cleanup(func() {
		_ = c.Close(ctx)
	})
}
`, i)
	case 5: // quiet: detached rollback, errors.Is with two contexts
		return fmt.Sprintf(`func detached%d(ctx context.Context, c *Conn) error {
	qctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	tx, err := c.Begin(qctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := tx.Commit(qctx); errors.Is(err, context.Canceled) {
		return c.Close(ctx)
	}
	return nil
}
`, i)
	case 6: // quiet: self-owned context, cleanup deferred after the cancel
		return fmt.Sprintf(`func vacuum%d(c *Conn) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Exec(ctx, "VACUUM")
}
`, i)
	default: // quiet: work after an Err guard, select without Done
		return fmt.Sprintf(`func guarded%d(ctx context.Context, c *Conn) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case j := <-c.jobs:
		return c.Send(ctx, j)
	case <-time.After(time.Second):
	}
	return c.Close(ctx)
}
`, i)
	}
}

func BenchmarkDetachedcleanup(b *testing.B) {
	benchgen.Scaling(b, benchHeader, benchBody, detachedcleanup.Analyzer)
}

// TestBenchBodiesReport keeps the benchmark honest: one cycle of its shapes
// yields exactly one report for each of rules 1, 2, 3, 4 and 6.
func TestBenchBodiesReport(t *testing.T) {
	pkgs := benchgen.Load(t, 8, benchHeader, benchBody)
	got := benchgen.Messages(t, pkgs, detachedcleanup.Analyzer)
	want := []string{
		"c.Close is called with ctx, which is already cancelled here",
		"deferred tx.Rollback runs after the deferred cancel of ctx",
		"deferred cleanup tx.Rollback may run after ctx is cancelled",
		"cleanup context derived from ctx inherits its cancellation",
		"t.Cleanup callback uses t.Context()",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reports, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("report %d: got %q, want prefix %q", i, got[i], want[i])
		}
	}
}
