package ctxmodel_test

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/packages"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
	"github.com/ctxlint/ctxlint/internal/driver"
)

// The fuzz target writes each input into a module on disk, so that the
// analyzers see what they see in a real run: files they can read (fixes
// read the source), a main module (bgtimeout skips packages without one),
// and two packages, a and b, b importing a, so that facts cross a package
// boundary. The input is the body of a function in each package, spliced
// between a header and a footer; b's header reaches a's helpers (a cancel
// returned as a plain func(), a goroutine chain, a cleanup helper), which
// the analyzers know only from a's facts. An input that starts with
// "package" is a's whole file instead, and b only imports it.

const fuzzModule = "example.com/fuzz"

// fuzzImports are the imports of both headers.
const fuzzImports = `import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"testing"
	"time"
%s)

var (
	_ = errors.New
	_ = net.Dial
	_ = http.NewRequest
	_ = os.Interrupt
	_ = signal.NotifyContext
	_ = time.Second
)

type server struct {
	mu     sync.Mutex
	ctx    context.Context
	cancel context.CancelFunc
	stop   func()
}

func (s *server) Close(ctx context.Context) error { return ctx.Err() }

func use(context.Context) error { return nil }
`

// fuzzHeaderA is package a's: its exported helpers give facts to b.
const fuzzHeaderA = `package a

` + fuzzImports + `
func newTimeout(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, func() { cancel() }
}

// NewTimeout returns a cancel function as a plain func() (ReturnsCancel).
func NewTimeout(ctx context.Context) (context.Context, func()) { return newTimeout(ctx) }

// Refresh dials with a context that never expires (UnboundedCall).
func Refresh(d *net.Dialer) { d.DialContext(context.Background(), "tcp", "example.com:80") }

// Tx is a transaction; Rollback is a cleanup helper (by its ContextUse summary).
type Tx interface{ Rollback(ctx context.Context) error }

// wireTx is the Tx in production: its Rollback observes its context.
type wireTx struct{}

func (wireTx) Rollback(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

func Rollback(ctx context.Context, tx Tx) { _ = tx.Rollback(ctx) }
`

// fuzzHeaderB is package b's, using a's helpers.
const fuzzHeaderB = `package b

` + fuzzImports + `
func newTimeout(ctx context.Context) (context.Context, func()) { return a.NewTimeout(ctx) }

func spawn(d *net.Dialer) { go a.Refresh(d) }

func finish(ctx context.Context, tx a.Tx) { defer a.Rollback(ctx, tx) }
`

// fuzzFunc opens the function the input is the body of.
const fuzzFunc = `
func f(ctx context.Context, s *server, r *http.Request, t *testing.T, w http.ResponseWriter) error {
`

const fuzzFooter = `
	return nil
}
`

// fuzzSeeds are the shapes the analyzers look at; the committed corpus
// under testdata/fuzz/FuzzModel adds whole files and broken inputs.
var fuzzSeeds = []string{
	`ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return use(ctx)`,
	`ctx, _ = context.WithCancel(context.Background())
	return use(ctx)`,
	`c, stop := newTimeout(context.WithoutCancel(ctx))
	s.stop = stop
	go func() { defer stop(); use(c) }()`,
	`s.ctx, s.cancel = context.WithCancel(r.Context())
	ctx = context.WithValue(s.ctx, "k", 1)
	if err := use(ctx); err != nil {
		return err
	}
	s.cancel()`,
	`ctx, cancel := signal.NotifyContext(t.Context(), os.Interrupt)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Minute)
	return s.Close(ctx)`,
	`var cancel func()
	for i := 0; i < 3; i++ {
		ctx, cancel = context.WithDeadline(ctx, time.Now())
	}
	cancel()`,
	`ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(errors.New("done"))
	s.mu.Lock()
	defer s.mu.Unlock()
	return context.Cause(ctx)`,
	`ctx = undefined(ctx)
	x, y := context.WithTimeout()
	_ = x`,
	`context.WithCancel(ctx)
	context.WithTimeout(ctx, time.Second)
	newTimeout(ctx)`,
	`go func() { use(context.Background()) }()
	defer s.Close(ctx)`,
	`//line other.go:100
	context.WithCancel(ctx)`,
}

// fuzzSources returns the files of the module for input.
func fuzzSources(input string) map[string]string {
	if strings.HasPrefix(strings.TrimSpace(input), "package") {
		return map[string]string{
			"a/a.go": input,
			"b/b.go": "package b\n\nimport _ \"" + fuzzModule + "/a\"\n",
		}
	}
	return map[string]string{
		"a/a.go": fmt.Sprintf(fuzzHeaderA, "") + fuzzFunc + input + fuzzFooter,
		"b/b.go": fmt.Sprintf(fuzzHeaderB, "\n\t\""+fuzzModule+"/a\"\n") + fuzzFunc + input + fuzzFooter,
	}
}

// FuzzModel writes the module made from the input to disk, loads a and b
// (inputs with type errors too: the model promises to answer "unknown" on
// partial type information), runs every exported entry point of the model
// on every expression and call and every ctxlint analyzer on both, and
// requires that nothing panics or fails. When both packages type-check,
// it then applies the suggested fixes as -fix plans them and requires
// the fixed packages to type-check still.
func FuzzModel(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// The fuzzing engine kills an input that runs over ten seconds; import
	// the header's packages now, outside any input, as loading their export
	// data can take that long on a busy machine.
	for _, path := range []string{"context", "errors", "net", "net/http", "os", "os/signal", "sync", "testing", "time"} {
		if _, err := fuzzImporter().Import(path); err != nil {
			f.Fatalf("importing %s: %v", path, err)
		}
	}
	f.Fuzz(func(t *testing.T, input string) {
		m := loadFuzzModule(t, input)
		if m == nil {
			return // does not parse: nothing for the model to see
		}
		graph := analyzeFuzzModule(t, m)
		if m.typeErrors {
			return // fixes of code that does not compile cannot be judged
		}
		checkFixesTypeCheck(t, m, graph)
	})
}

// fuzzModuleFiles is a loaded fuzz module.
type fuzzModuleFiles struct {
	a, b       *packages.Package
	typeErrors bool // either package has type errors
}

// fuzzImporter is shared by all inputs of a fuzzing process: importing
// the standard library from export data once keeps iterations fast.
var fuzzImporter = sync.OnceValue(func() types.Importer { return importer.Default() })

// loadFuzzModule writes the module for input into a temporary directory
// and parses and type-checks its packages, or returns nil if a file does
// not parse. Type errors are kept (and the packages marked well typed) so
// that the analyzers run on partial type information.
func loadFuzzModule(t *testing.T, input string) *fuzzModuleFiles {
	dir := t.TempDir()
	files := fuzzSources(input)
	files["go.mod"] = "module " + fuzzModule + "\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mod := &packages.Module{Path: fuzzModule, Main: true, Dir: dir, GoMod: filepath.Join(dir, "go.mod"), GoVersion: "1.26"}
	fset := token.NewFileSet()
	m := &fuzzModuleFiles{}
	for _, name := range []string{"a", "b"} {
		path := filepath.Join(dir, name, name+".go")
		file, err := parser.ParseFile(fset, path, files[name+"/"+name+".go"], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil
		}
		pkg, clean := typeCheck(fset, fuzzModule+"/"+name, []*ast.File{file}, m.a)
		pkg.Module = mod
		pkg.GoFiles, pkg.CompiledGoFiles = []string{path}, []string{path}
		m.typeErrors = m.typeErrors || !clean
		if name == "a" {
			m.a = pkg
		} else {
			m.b = pkg
			pkg.Imports = map[string]*packages.Package{m.a.PkgPath: m.a}
		}
	}
	return m
}

// typeCheck type-checks files as package path, importing the standard
// library from export data and dep (if not nil) by its path, and reports
// whether there was no type error.
func typeCheck(fset *token.FileSet, path string, files []*ast.File, dep *packages.Package) (*packages.Package, bool) {
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Instances:    map[*ast.Ident]types.Instance{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		FileVersions: map[*ast.File]string{},
	}
	clean := true
	conf := types.Config{
		Importer:  fuzzDepImporter{dep},
		GoVersion: "go1.26",
		Error:     func(error) { clean = false }, // keep going: partial information is the point
	}
	tpkg, _ := conf.Check(path, fset, files, info)
	return &packages.Package{
		ID:         path,
		Name:       files[0].Name.Name,
		PkgPath:    path,
		Fset:       fset,
		Syntax:     files,
		Types:      tpkg,
		TypesInfo:  info,
		TypesSizes: types.SizesFor("gc", "amd64"),
	}, clean
}

// fuzzDepImporter imports package a for b, and the standard library.
type fuzzDepImporter struct{ dep *packages.Package }

func (imp fuzzDepImporter) Import(path string) (*types.Package, error) {
	if imp.dep != nil && path == imp.dep.PkgPath {
		return imp.dep.Types, nil
	}
	return fuzzImporter().Import(path)
}

// analyzeFuzzModule runs the probe and every analyzer on a and b, and
// fails on an analyzer error (a recovered panic included).
func analyzeFuzzModule(t *testing.T, m *fuzzModuleFiles) *checker.Graph {
	analyzers := append([]*analysis.Analyzer{fuzzProbe}, ctxlint.Analyzers()...)
	graph, err := checker.Analyze(analyzers, []*packages.Package{m.a, m.b}, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
	}
	return graph
}

// checkFixesTypeCheck applies the suggested fixes of every finding and
// fails if a fixed package does not parse or type-check.
func checkFixesTypeCheck(t *testing.T, m *fuzzModuleFiles, graph *checker.Graph) {
	contents, err := driver.FixedContents(graph)
	if err != nil {
		t.Fatalf("applying the fixes: %v", err)
	}
	for _, pkg := range []*packages.Package{m.a, m.b} {
		name := pkg.CompiledGoFiles[0]
		fixed, ok := contents[name]
		if !ok {
			continue
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, name, fixed, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("the fixed %s does not parse: %v\n%s", pkg.PkgPath, err, fixed)
		}
		var firstErr error
		conf := types.Config{Importer: fuzzDepImporter{m.a}, GoVersion: "go1.26", Error: func(err error) {
			if firstErr == nil {
				firstErr = err
			}
		}}
		conf.Check(pkg.PkgPath, fset, []*ast.File{file}, nil)
		if firstErr != nil {
			old, _ := os.ReadFile(name)
			t.Fatalf("the fixed %s does not type-check: %v\nbefore:\n%s\nafter:\n%s", pkg.PkgPath, firstErr, old, fixed)
		}
	}
}

// fuzzProbe calls the model's exported queries on every node they apply to.
var fuzzProbe = &analysis.Analyzer{
	Name:       "ctxmodelprobe",
	Doc:        "calls every ctxmodel query on every expression (fuzzing only)",
	Requires:   []*analysis.Analyzer{ctxmodel.Analyzer, inspect.Analyzer},
	ResultType: reflect.TypeFor[int](),
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		var extra ctxmodel.NameList
		_ = extra.Set("p.use,Close")
		var params []*types.Var
		ins.Preorder([]ast.Node{(*ast.FuncType)(nil)}, func(n ast.Node) {
			for _, fl := range n.(*ast.FuncType).Params.List {
				for _, id := range fl.Names {
					if v, ok := pass.TypesInfo.Defs[id].(*types.Var); ok && m.IsParam(v) {
						params = append(params, v)
					}
				}
			}
		})
		queries := 0
		ins.Preorder(nil, func(n ast.Node) {
			e, ok := n.(ast.Expr)
			if !ok {
				return
			}
			queries++
			fuzzProbeExpr(m, e, params, extra)
		})
		return queries, nil
	},
}

func fuzzProbeExpr(m *ctxmodel.Model, e ast.Expr, params []*types.Var, extra ctxmodel.NameList) {
	o := m.Origin(e)
	_ = o.Kind.String()
	o.IsUnbounded()
	o.IsCancellable()
	o.IsSelfOwned()
	o.IsTestScoped()
	o.HasDeadline()
	m.CancelDiscarded(o)
	for _, p := range params {
		m.DerivesFrom(e, p)
	}
	m.HoldsCancel(e)
	if v := m.VarOf(e); v != nil {
		m.Defs(v)
		m.IsParam(v)
		m.VarOrigin(v)
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if f, ok := m.Info.ObjectOf(sel.Sel).(*types.Var); ok && f.IsField() {
			m.FieldDefs(f)
			m.FieldRead(f)
			m.IsCancelField(f)
		}
	}
	if call, ok := e.(*ast.CallExpr); ok {
		if i, ok := m.CancelResult(call); ok {
			_ = i
			_ = m.ProducerName(call)
		}
		for _, a := range m.ContextArgs(call) {
			m.MattersWhenCancelled(call, a, extra)
			m.ObservesCancellation(call, a, extra)
			m.BlocksUnbounded(call, a, extra)
		}
		m.CallNeverReturns(call)
		m.KeepsFuncArg(call, 0)
		m.IsReturnedFunc(call)
		m.IsCleanup(call, extra)
		m.TakesContext(call)
		_ = ctxmodel.CallName(call)
		ctxmodel.IsInertFunc(m.CalleeFunc(call), extra)
	}
}

// TestFuzzPlumbingReachesAnalyzers guards FuzzModel against silently
// fuzzing nothing: on the seeds, lostcancel2 must report a discarded
// cancel in both packages and in b through a's fact, bgtimeout (which
// skips packages without a main module) must report in b through a's
// fact, fixes must be applied and type-checked, and the probe must have
// queried the model.
func TestFuzzPlumbingReachesAnalyzers(t *testing.T) {
	m := loadFuzzModule(t, fuzzSeeds[8])
	if m == nil || m.typeErrors {
		t.Fatal("seed does not type-check")
	}
	graph := analyzeFuzzModule(t, m)
	reports := make(map[string]int) // "analyzer package" -> diagnostics
	queries := 0
	for act := range graph.All() {
		reports[act.Analyzer.Name+" "+act.Package.PkgPath] += len(act.Diagnostics)
		if act.Analyzer == fuzzProbe {
			q, _ := act.Result.(int)
			queries += q
		}
	}
	for _, key := range []string{"lostcancel2 " + fuzzModule + "/a", "bgtimeout " + fuzzModule + "/b", "detachedcleanup " + fuzzModule + "/b"} {
		if reports[key] == 0 {
			t.Errorf("%s: no diagnostic (all: %v)", key, reports)
		}
	}
	// a's and b's bodies are the same, but b's newTimeout is a's helper:
	// its discarded cancel is known only through a's ReturnsCancel fact.
	if reports["lostcancel2 "+fuzzModule+"/b"] != reports["lostcancel2 "+fuzzModule+"/a"] {
		t.Errorf("lostcancel2 reports %d in b, %d in a: a's fact did not reach b", reports["lostcancel2 "+fuzzModule+"/b"], reports["lostcancel2 "+fuzzModule+"/a"])
	}
	if queries == 0 {
		t.Error("the probe queried the model on no expression")
	}
	contents, err := driver.FixedContents(graph)
	if err != nil || len(contents) != 2 {
		t.Errorf("fixes: %d files changed (%v), want both", len(contents), err)
	}
	checkFixesTypeCheck(t, m, graph)
}
