// Package benchgen generates large packages for the analyzers' benchmarks
// and runs analyzers over them, so that a benchmark measures the analyzers'
// own cost and not loading or type-checking.
package benchgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Load writes a module holding package "gen", whose source is header
// followed by body(0) ... body(n-1), into a temporary directory, then loads
// and type-checks it once. header is the package clause and imports.
func Load(tb testing.TB, n int, header string, body func(i int) string) []*packages.Package {
	tb.Helper()
	dir := tb.TempDir()
	var src strings.Builder
	src.WriteString(header)
	for i := range n {
		src.WriteString("\n")
		src.WriteString(body(i))
	}
	write(tb, filepath.Join(dir, "go.mod"), "module gen\n\ngo 1.26\n")
	write(tb, filepath.Join(dir, "gen.go"), src.String())

	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		tb.Fatalf("loading generated package: %v", err)
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			tb.Fatalf("generated package %s: %v", p.PkgPath, e)
		}
	})
	return pkgs
}

// Run runs analyzers (with everything they require) over pkgs b.N times
// and reports allocations. Loading and type-checking are not measured.
func Run(b *testing.B, pkgs []*packages.Package, analyzers ...*analysis.Analyzer) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		graph, err := checker.Analyze(analyzers, pkgs, &checker.Options{Sequential: true})
		if err != nil {
			b.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatalf("%s: %v", act, act.Err)
			}
		}
	}
}

// Funcs returns the number of generated functions as a sub-benchmark name.
func Funcs(n int) string { return fmt.Sprintf("funcs=%d", n) }

func write(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Messages runs analyzer once over pkgs and returns the messages it reports
// on them (not on their dependencies), in the order reported, so that a
// benchmark's test can check that the generated code exercises its rules.
func Messages(tb testing.TB, pkgs []*packages.Package, analyzer *analysis.Analyzer) []string {
	tb.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer}, pkgs, &checker.Options{Sequential: true})
	if err != nil {
		tb.Fatal(err)
	}
	var msgs []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			tb.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			msgs = append(msgs, d.Message)
		}
	}
	return msgs
}

// Sizes are the package sizes every analyzer's benchmark runs at: two, so
// that the ratio of their costs shows whether growth is linear.
var Sizes = []int{2000, 4000}

// Scaling benchmarks analyzer over generated packages of each of Sizes
// functions, as sub-benchmarks named funcs=N.
func Scaling(b *testing.B, header string, body func(i int) string, analyzer *analysis.Analyzer) {
	for _, n := range Sizes {
		b.Run(Funcs(n), func(b *testing.B) {
			Run(b, Load(b, n, header, body), analyzer)
		})
	}
}
