package ctxvaluecancel_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ctxlint/ctxlint/analyzers/ctxvaluecancel"
	"github.com/ctxlint/ctxlint/internal/benchgen"
)

const benchHeader = `package gen

import (
	"context"
	"time"
)

type key struct{}

type holder struct {
	stop func()
	ctx  context.Context
}

func use(context.Context) error { return nil }
`

// benchBody returns function i of the generated package, cycling through
// six shapes: each rule's reporting shape and the quiet shapes next to it.
func benchBody(i int) string {
	switch i % 6 {
	case 0: // rule 4 reports: a managed root handing out Background contexts
		return fmt.Sprintf(`type mgr%[1]d struct {
	root   context.Context
	cancel context.CancelFunc
	tasks  map[string]context.CancelFunc
}

func (m *mgr%[1]d) start(name string, fn func(context.Context)) {
	ctx, cancel := context.WithCancel(context.Background())
	m.tasks[name] = cancel
	go fn(ctx)
}
`, i)
	case 1: // rule 4 quiet: derived from the root, and a shutdown path
		return fmt.Sprintf(`func (m *mgr%[1]d) child(fn func(context.Context)) {
	ctx, cancel := context.WithTimeout(m.root, time.Second)
	defer cancel()
	fn(ctx)
	m.cancel()
	drain, stop := context.WithTimeout(context.Background(), time.Second)
	defer stop()
	fn(drain)
}
`, i-1)
	case 2: // rule 1 reports once; ordinary values stay quiet
		return fmt.Sprintf(`func store%[1]d(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	ctx = context.WithValue(ctx, key{}, cancel)
	ctx = context.WithValue(ctx, "id", %[1]d)
	return context.WithValue(ctx, "done", func() {})
}
`, i)
	case 3: // rule 2 reports twice; a string value stays quiet
		return fmt.Sprintf(`func fetch%[1]d(ctx context.Context) string {
	if c, ok := ctx.Value(key{}).(context.CancelFunc); ok {
		c()
	}
	switch f := ctx.Value(key{}).(type) {
	case func():
		f()
	}
	s, _ := ctx.Value("id").(string)
	return s
}
`, i)
	case 4: // rule 3 reports: the context is dropped, the cancel stored
		return fmt.Sprintf(`func keep%[1]d(parent context.Context, h *holder) {
	_, cancel := context.WithCancel(parent)
	h.stop = cancel
}
`, i)
	default: // rule 3 quiet: only deferred, or the context is used
		return fmt.Sprintf(`func local%[1]d(parent context.Context) error {
	_, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	ctx, stop := context.WithCancel(parent)
	defer stop()
	return use(ctx)
}
`, i)
	}
}

func BenchmarkCtxvaluecancel(b *testing.B) {
	benchgen.Scaling(b, benchHeader, benchBody, ctxvaluecancel.Analyzer)
}

// TestBenchBodiesReport keeps the benchmark honest: one cycle of its
// shapes must produce exactly the reports each rule should make.
func TestBenchBodiesReport(t *testing.T) {
	pkgs := benchgen.Load(t, 6, benchHeader, benchBody)
	counts := map[string]int{}
	for _, msg := range benchgen.Messages(t, pkgs, ctxvaluecancel.Analyzer) {
		counts[ruleOf(msg)]++
	}
	want := map[string]int{"rule 1": 1, "rule 2": 2, "rule 3": 1, "rule 4": 1}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("reports per rule: got %v, want %v", counts, want)
	}
}

func ruleOf(msg string) string {
	switch {
	case strings.HasPrefix(msg, "cancel function stored"):
		return "rule 1"
	case strings.HasPrefix(msg, "cancel function retrieved"):
		return "rule 2"
	case strings.HasPrefix(msg, "the context returned by"):
		return "rule 3"
	case strings.HasPrefix(msg, "contexts created by"):
		return "rule 4"
	}
	return msg
}
