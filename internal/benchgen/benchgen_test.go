package benchgen_test

import (
	"fmt"
	"testing"

	"github.com/ctxlint/ctxlint/internal/benchgen"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

func BenchmarkModel(b *testing.B) {
	benchgen.Scaling(b, "package gen\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n", func(i int) string {
		return fmt.Sprintf(`func f%d(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	ctx = context.WithValue(ctx, "k", %d)
	return ctx, cancel
}
`, i, i)
	}, ctxmodel.Analyzer)
}

func TestLoadReportsGeneratedPackage(t *testing.T) {
	pkgs := benchgen.Load(t, 3, "package gen\n", func(i int) string {
		return fmt.Sprintf("func f%d() {}\n", i)
	})
	if len(pkgs) != 1 || pkgs[0].Types.Scope().Lookup("f2") == nil {
		t.Fatalf("generated package not loaded as expected: %v", pkgs)
	}
}
