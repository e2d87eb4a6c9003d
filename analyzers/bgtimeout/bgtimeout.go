package bgtimeout

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

//go:embed doc.go
var docSource string

// Analyzer reports goroutines that do context-taking work with a context
// that can never expire. Its Doc is the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:      "bgtimeout",
	Doc:       analyzerdoc.FromPackageDoc("bgtimeout", docSource),
	URL:       analyzerdoc.URL("bgtimeout"),
	Run:       run,
	Requires:  []*analysis.Analyzer{ctxmodel.Analyzer}, // not inspect: see run
	FactTypes: []analysis.Fact{(*UnboundedCall)(nil)},
}

var (
	checkTests bool
	inert      ctxmodel.NameList
	spawners   ctxmodel.NameList
)

func init() {
	Analyzer.Flags.BoolVar(&checkTests, "tests", false,
		"also check _test.go files (the test binary's -timeout bounds them otherwise), suggesting t.Context()")
	Analyzer.Flags.Var(&inert, "inert",
		"comma-separated functions that cannot observe cancellation, as pkg/path.Func or pkg/path.Type.Method")
	Analyzer.Flags.Var(&spawners, "spawners",
		"comma-separated functions whose function arguments run as goroutines (like errgroup's Go), as pkg/path.Type.Method or pkg/path.Func")
}

// UnboundedCall is a fact on a function that, directly or through static
// calls into its own module, makes a call that does work with a context
// that can never expire. Goroutines that run the function inherit the
// problem.
type UnboundedCall struct {
	// Chain names the calls from the function down to the one that
	// makes the unbounded call, as written at each call site ("s.load").
	// It keeps the first maxChain hops; Hops counts them all.
	Chain []string
	Hops  int
	// Callee is the unbounded call's callee as written ("cache.Set"), Ctx
	// the context it receives ("context.Background()").
	Callee, Ctx string
	// File, Line and Column locate the unbounded call.
	File         string
	Line, Column int
}

func (*UnboundedCall) AFact() {}

func (f *UnboundedCall) String() string {
	return fmt.Sprintf("unbounded %s(%s) at %s:%d", f.Callee, f.Ctx, filepath.Base(f.File), f.Line)
}

// maxChain bounds the call chain a fact records, so that extending a fact
// costs the same at any depth and messages stay readable.
const maxChain = 4

// via returns the fact of a caller that reaches f through the call site
// named name.
func (f *UnboundedCall) via(name string) *UnboundedCall {
	g := *f
	g.Chain = append([]string{name}, f.Chain[:min(len(f.Chain), maxChain-1)]...)
	g.Hops = f.Hops + 1
	return &g
}

// describe spells out the chain: "s.load, which calls cache.Set with
// context.Background() (refresh.go:42)".
func (f *UnboundedCall) describe() string {
	var b strings.Builder
	for _, name := range f.Chain {
		b.WriteString(name)
		b.WriteString(", which calls ")
	}
	switch n := f.Hops - len(f.Chain); {
	case n == 1:
		b.WriteString("1 more function, which calls ")
	case n > 1:
		fmt.Fprintf(&b, "%d more functions, which call ", n)
	}
	fmt.Fprintf(&b, "%s with %s (%s:%d)", f.Callee, f.Ctx, filepath.Base(f.File), f.Line)
	return b.String()
}

func run(pass *analysis.Pass) (any, error) {
	// Because bgtimeout has facts, drivers run it, and everything it
	// requires, on every dependency. Chains never pass through the
	// standard library or modules required at a version, so those are
	// skipped, and the syntax is walked through the model's inspectors, built on
	// first use, rather than the inspect pass's, so that dependencies do not pay for one.
	if outsideMainModules(pass) {
		return nil, nil
	}
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	c := &checker{
		pass:          pass,
		m:             m,
		summaries:     make(map[*types.Func]*summary),
		goroutineLits: make(map[*ast.FuncLit]bool),
		goCalls:       make(map[*ast.CallExpr]bool),
		spawnerCalls:  make(map[*ast.CallExpr]bool),
	}
	var files []inspector.Cursor
	for fc := range m.Preorder((*ast.File)(nil)) {
		if !checkTests && isTestFile(pass, fc.Node().(*ast.File)) {
			continue
		}
		c.markStoredBodies(fc)
		files = append(files, fc)
	}
	for _, fc := range files {
		c.walk(fc, mode{})
	}
	c.propagate()
	c.exportFacts()
	c.reportChains()
	return nil, nil
}

// outsideMainModules reports whether pass analyzes a package of the
// standard library or of a module required at a version (main and
// workspace modules, and replacements by directory, have none).
func outsideMainModules(pass *analysis.Pass) bool {
	if pass.Module != nil && pass.Module.Path != "" {
		return pass.Module.Version != ""
	}
	return isStandardLibrary(pass)
}

func isTestFile(pass *analysis.Pass, f *ast.File) bool {
	return strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go")
}
