package ctxlint_test

import (
	"fmt"
	"testing"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/benchgen"
)

const benchHeader = `package gen

import (
	"context"
	"errors"
	"sync"
	"time"
)

var errClosed = errors.New("closed")

type unitKey struct{}

type store struct {
	mu     sync.Mutex
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *store) Get(ctx context.Context, key string) (string, error) { return key, ctx.Err() }
func (s *store) Close(ctx context.Context) error                     { return ctx.Err() }
`

// benchUnit is one unit of the generated package: the shapes every ctxlint
// analyzer inspects (derived contexts, cancels kept, deferred, stored in
// fields and returned, cleanup calls, handlers, goroutines), most
// of them correct, as in real code. The header imports only context's own
// dependencies: the suite analyzes every dependency for facts, and a
// heavy import such as net/http would make the constant cost of that
// dominate what the benchmark measures.
func benchUnit(i int) string {
	return fmt.Sprintf(`
func fetch%[1]d(ctx context.Context, s *store) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, %[1]d*time.Millisecond)
	defer cancel()
	v, err := s.Get(ctx, "k%[1]d")
	if err != nil {
		return "", errors.Join(errClosed, err)
	}
	return v, nil
}

func start%[1]d(parent context.Context) *store {
	s := &store{}
	s.ctx, s.cancel = context.WithCancel(parent)
	go func() {
		<-s.ctx.Done()
		s.mu.Lock()
		defer s.mu.Unlock()
	}()
	return s
}

func (s *store) stop%[1]d(ctx context.Context) error {
	s.cancel()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	return s.Close(ctx)
}

func withDeadline%[1]d(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	return ctx, func() { cancel() }
}

func handle%[1]d(s *store) func(context.Context) error {
	return func(ctx context.Context) error {
		ctx, done := withDeadline%[1]d(ctx)
		defer done()
		ctx = context.WithValue(ctx, unitKey{}, %[1]d)
		if _, err := fetch%[1]d(ctx, s); err != nil && !errors.Is(err, errClosed) {
			return err
		}
		return nil
	}
}
`, i)
}

// BenchmarkAnalyzers runs every ctxlint analyzer (with the shared model and
// inspect passes they require) over one generated package at two sizes.
// Loading and type-checking are not measured. ns/unit should stay flat
// between the sizes: the suite is linear in the size of a package.
func BenchmarkAnalyzers(b *testing.B) {
	for _, units := range []int{500, 2000} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			pkgs := benchgen.Load(b, units, benchHeader, benchUnit)
			benchgen.Run(b, pkgs, ctxlint.Analyzers()...)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*units), "ns/unit")
		})
	}
}
