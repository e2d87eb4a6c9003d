package lostcancel2_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/ctxlint/ctxlint/analyzers/lostcancel2"
	"github.com/ctxlint/ctxlint/internal/benchgen"
)

const benchHeader = `package gen

import (
	"context"
	"errors"
	"time"
)

type store interface {
	Get(ctx context.Context, key string) (string, error)
}
`

// benchBody returns function i of the generated package, cycling through
// shapes every rule looks at, reporting and quiet.
func benchBody(i int) string {
	switch i % 8 {
	case 0: // quiet: deferred
		return fmt.Sprintf(`func get%d(ctx context.Context, s store) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return s.Get(ctx, "k%d")
}
`, i, i)
	case 1: // rule 2: lost on the error path
		return fmt.Sprintf(`func start%d(ctx context.Context, s store) error {
	ctx, cancel := context.WithCancel(ctx)
	if _, err := s.Get(ctx, "a"); err != nil {
		return err
	}
	for i := 0; i < 3; i++ {
		if _, err := s.Get(ctx, "b"); err == nil {
			break
		}
	}
	cancel()
	return nil
}
`, i)
	case 2: // rule 1
		return fmt.Sprintf(`func fetch%d(ctx context.Context, s store) error {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	_, err := s.Get(ctx, "k")
	return err
}
`, i)
	case 3: // rule 3, reporting and quiet
		return fmt.Sprintf(`type worker%d struct {
	cancel context.CancelFunc
	stop   context.CancelFunc
}

func newWorker%d(ctx context.Context) (*worker%d, context.Context) {
	w := &worker%d{}
	ctx, w.cancel = context.WithCancel(ctx)
	_, w.stop = context.WithCancel(ctx)
	return w, ctx
}

func (w *worker%d) Close() error {
	w.stop()
	return nil
}
`, i, i, i, i, i)
	case 4: // rule 4: a registry with a delete that drops the cancel
		return fmt.Sprintf(`type registry%d struct {
	ops map[string]context.CancelFunc
}

func (r *registry%d) begin(ctx context.Context, name string) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	r.ops[name] = cancel
	return ctx
}

func (r *registry%d) end(name string, call bool) {
	if c, ok := r.ops[name]; ok && call {
		c()
	}
	delete(r.ops, name)
}

func (r *registry%d) drop(name string) {
	delete(r.ops, name)
}
`, i, i, i, i)
	case 5: // rule 6
		return fmt.Sprintf(`func retry%d(ctx context.Context, s store) error {
	err := errors.New("no attempts")
	for i := 0; i < 3; i++ {
		actx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if _, err = s.Get(actx, "k"); err == nil {
			return nil
		}
	}
	return err
}
`, i)
	case 6: // rule 5
		return fmt.Sprintf(`func phases%d(ctx context.Context, s store) error {
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	if _, err := s.Get(pctx, "a"); err != nil {
		cancel()
		return err
	}
	pctx, cancel = context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.Get(pctx, "b")
	return err
}
`, i)
	default: // no context at all: the common case
		return fmt.Sprintf(`func sum%d(xs []int) (n int) {
	for _, x := range xs {
		if x > 0 {
			n += x
		}
	}
	return n
}
`, i)
	}
}

func BenchmarkLostcancel2(b *testing.B) {
	benchgen.Scaling(b, benchHeader, benchBody, lostcancel2.Analyzer)
}

// TestBenchShapesReport checks that the generated package exercises the
// rules: each reporting shape reports.
func TestBenchShapesReport(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a generated package")
	}
	pkgs := benchgen.Load(t, 8, benchHeader, benchBody)
	got := benchDiagnostics(t, pkgs)
	for _, want := range []string{
		"the cancel function is not used on all paths (possible context leak)",
		"the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak",
		"cancel function stored in field worker3.cancel is never called (possible context leak)",
		"cancel function in r.ops[name] is deleted without being called (possible context leak)",
		"defer cancel() inside a loop runs only when the function returns; call cancel at the end of each iteration",
		"the previous cancel function in cancel is overwritten before being called (possible context leak)",
	} {
		if got[want] != 1 {
			t.Errorf("generated package: %d diagnostics %q, want 1", got[want], want)
		}
	}
	if len(got) != 7 { // the six above and rule 2's return statement
		t.Errorf("generated package: diagnostics %v, want 7 distinct messages", got)
	}
}

func benchDiagnostics(t *testing.T, pkgs []*packages.Package) map[string]int {
	got := make(map[string]int)
	for _, msg := range benchgen.Messages(t, pkgs, lostcancel2.Analyzer) {
		got[msg]++
	}
	return got
}
