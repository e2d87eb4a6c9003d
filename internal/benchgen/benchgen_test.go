package benchgen_test

import (
	"fmt"
	"testing"

	"github.com/ctxlint/ctxlint/internal/benchgen"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

func BenchmarkModel(b *testing.B) {
	for _, n := range []int{2000, 4000} {
		b.Run(benchgen.Funcs(n), func(b *testing.B) {
			pkgs := benchgen.Load(b, n, "package gen\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n", func(i int) string {
				return fmt.Sprintf(`func f%d(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	ctx = context.WithValue(ctx, "k", %d)
	return ctx, cancel
}
`, i, i)
			})
			benchgen.Run(b, pkgs, ctxmodel.Analyzer)
		})
	}
}

func TestLoadReportsGeneratedPackage(t *testing.T) {
	pkgs := benchgen.Load(t, 3, "package gen\n", func(i int) string {
		return fmt.Sprintf("func f%d() {}\n", i)
	})
	if len(pkgs) != 1 || pkgs[0].Types.Scope().Lookup("f2") == nil {
		t.Fatalf("generated package not loaded as expected: %v", pkgs)
	}
}
