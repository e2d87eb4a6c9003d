package ctxmodel_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
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
)

// fuzzHeader surrounds a fuzz input that is not a whole file: the input
// becomes the body of a function that has contexts, cancel functions,
// requests, tests and a struct with context fields in scope, so that small
// mutations reach the model's interesting paths.
const fuzzHeader = `package p

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"testing"
	"time"
)

var (
	_ = errors.New
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

func newTimeout(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	return ctx, func() { cancel() }
}

func use(context.Context) error { return nil }

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
}

// FuzzModel parses and type-checks Go source made from the input (a whole
// file when it starts with "package", otherwise a function body spliced
// into fuzzHeader), then runs every exported entry point of the model on
// every expression and call, and every ctxlint analyzer, requiring only
// that nothing panics. Inputs with type errors are analyzed too: the model
// promises to answer "unknown" on partial type information.
func FuzzModel(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	// The fuzzing engine kills an input that runs over ten seconds; import
	// the header's packages now, outside any input, as loading their export
	// data can take that long on a busy machine.
	for _, path := range []string{"context", "errors", "net/http", "os", "os/signal", "sync", "testing", "time"} {
		if _, err := fuzzImporter().Import(path); err != nil {
			f.Fatalf("importing %s: %v", path, err)
		}
	}
	f.Fuzz(func(t *testing.T, input string) {
		src := input
		if !strings.HasPrefix(strings.TrimSpace(input), "package") {
			src = fuzzHeader + input + fuzzFooter
		}
		pkg := typeCheck(t, src)
		if pkg == nil {
			return // does not parse: nothing for the model to see
		}
		analyzers := append([]*analysis.Analyzer{fuzzProbe}, ctxlint.Analyzers()...)
		graph, err := checker.Analyze(analyzers, []*packages.Package{pkg}, &checker.Options{Sequential: true})
		if err != nil {
			t.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				t.Fatalf("%s: %v", act, act.Err)
			}
		}
	})
}

// fuzzImporter is shared by all inputs of a fuzzing process: importing
// the standard library from export data once keeps iterations fast.
var fuzzImporter = sync.OnceValue(func() types.Importer { return importer.Default() })

// typeCheck returns src as a package ready for checker.Analyze, or nil when
// it does not parse. Type errors are kept (and the package marked well
// typed) so that the analyzers run on partial type information.
func typeCheck(t *testing.T, src string) *packages.Package {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
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
	conf := types.Config{
		Importer: fuzzImporter(),
		Error:    func(error) {}, // keep going: partial information is the point
	}
	tpkg, _ := conf.Check(file.Name.Name, fset, []*ast.File{file}, info)
	return &packages.Package{
		ID:         "p",
		Name:       file.Name.Name,
		PkgPath:    "p",
		Fset:       fset,
		Syntax:     []*ast.File{file},
		Types:      tpkg,
		TypesInfo:  info,
		TypesSizes: types.SizesFor("gc", "amd64"),
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
		m.IsInert(call, extra)
		m.IsCleanup(call, extra)
		m.TakesContext(call)
		_ = ctxmodel.CallName(call)
		ctxmodel.IsInertFunc(m.CalleeFunc(call), extra)
	}
}

// TestFuzzPlumbingReachesAnalyzers guards FuzzModel against silently
// fuzzing nothing: a seed with a discarded cancel function must reach
// lostcancel2 through the same plumbing and be reported, and the probe
// must have queried the model.
func TestFuzzPlumbingReachesAnalyzers(t *testing.T) {
	pkg := typeCheck(t, fuzzHeader+fuzzSeeds[1]+fuzzFooter)
	if pkg == nil {
		t.Fatal("seed does not parse")
	}
	analyzers := append([]*analysis.Analyzer{fuzzProbe}, ctxlint.Analyzers()...)
	graph, err := checker.Analyze(analyzers, []*packages.Package{pkg}, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	reported, queries := false, 0
	for act := range graph.All() {
		if act.Analyzer.Name == "lostcancel2" && len(act.Diagnostics) > 0 {
			reported = true
		}
		if act.Analyzer == fuzzProbe {
			queries, _ = act.Result.(int)
		}
	}
	if !reported {
		t.Error("lostcancel2 reported nothing on a discarded cancel function")
	}
	if queries == 0 {
		t.Error("the probe queried the model on no expression")
	}
}
