package bgtimeout_test

import (
	"fmt"
	"testing"

	"github.com/ctxlint/ctxlint/analyzers/bgtimeout"
	"github.com/ctxlint/ctxlint/internal/benchgen"
)

const benchHeader = `package gen

import (
	"context"
	"sync"
	"time"
)

type Cache interface {
	Set(ctx context.Context, key string, val []byte) error
	Get(ctx context.Context, key string) ([]byte, error)
}

type Server struct {
	cache Cache
	ctx   context.Context
	mu    sync.Mutex
	n     int
}

func (s *Server) count() { s.mu.Lock(); s.n++; s.mu.Unlock() }
`

// benchBody returns function i. Odd functions form call chains (each calls
// the previous odd one; every eighth makes an unbounded call itself), so
// facts propagate several hops; even functions start goroutines, half of
// which the analyzer reports (rules 1, 2 and 3) and half it must accept.
func benchBody(i int) string {
	switch i % 4 {
	case 1, 3:
		prev := ""
		if i >= 2 {
			prev = fmt.Sprintf("\tif err := f%d(s, ctx); err != nil {\n\t\treturn err\n\t}\n", i-2)
		}
		direct := ""
		if i%8 == 1 {
			direct = fmt.Sprintf("\ts.cache.Set(context.Background(), \"direct%d\", nil)\n", i)
		}
		return fmt.Sprintf(`func f%d(s *Server, ctx context.Context) error {
%s%s	cctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.cache.Get(cctx, "k%d")
	return err
}
`, i, prev, direct, i)
	case 0:
		return fmt.Sprintf(`func f%d(s *Server) {
	go f%d(s, context.Background())
	go func() {
		cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.cache.Set(cctx, "k%d", nil)
	}()
	go s.count()
}
`, i, i+1, i)
	default:
		return fmt.Sprintf(`func f%d(s *Server, ctx context.Context) {
	bg := context.WithValue(context.Background(), "i", %d)
	var wg sync.WaitGroup
	wg.Go(func() {
		s.cache.Get(bg, "k%d")
		f%d(s, ctx)
	})
	go func() {
		s.cache.Get(ctx, "k%d")
		s.count()
	}()
	wg.Wait()
}
`, i, i, i, i+1, i)
	}
}

func BenchmarkBgtimeout(b *testing.B) {
	benchgen.Scaling(b, benchHeader, benchBody, bgtimeout.Analyzer)
}
