package detachedcleanup

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

//go:embed doc.go
var docSource string

// Analyzer is the detachedcleanup analyzer. Its Doc is doc.go's package
// comment, so `ctxlint help detachedcleanup` and `go doc` say the same.
var Analyzer = &analysis.Analyzer{
	Name:     "detachedcleanup",
	Doc:      analyzerdoc.FromPackageDoc("detachedcleanup", docSource),
	URL:      analyzerdoc.URL("detachedcleanup"),
	Run:      run,
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
}

// Flags. The golangci-lint plugin sets them by these names.
var (
	extraNames ctxmodel.NameList
	extraInert ctxmodel.NameList
	keepValues bool
)

func init() {
	Analyzer.Flags.Var(&extraNames, "names",
		"extra cleanup callee-name prefixes (comma-separated, case-insensitive), added to Close, Rollback, Shutdown, ...")
	Analyzer.Flags.Var(&extraInert, "inert",
		"extra functions that cannot observe a context's cancellation (comma-separated pkg/path.Func or pkg/path.Type.Method)")
	Analyzer.Flags.BoolVar(&keepValues, "keepvalues", false,
		"also report cleanup contexts built from context.Background() or TODO() where context.WithoutCancel(ctx) would keep ctx's values (rule 5)")
}

// Rules, in the order a call's findings are preferred when several rules
// apply to it: the most specific explanation wins.
const (
	ruleDeferredCleanup = iota + 1 // rule 3
	ruleTestCleanup                // rule 6
	ruleDone                       // rule 1
	ruleDeferOrder                 // rule 2
	ruleDerived                    // rule 4 (context.With* calls only)
	ruleValues                     // rule 5 (context.Background/TODO calls only)
)

type finding struct {
	rule int
	diag analysis.Diagnostic
}

// checker holds one package's analysis state.
type checker struct {
	pass       *analysis.Pass
	m          *ctxmodel.Model
	names      ctxmodel.NameList
	inert      ctxmodel.NameList
	keepValues bool

	file      *ast.File
	declScope *types.Scope // the function scope of the declaration being walked
	findings  map[ast.Node]finding
	// derivedTold holds variables assigned a context whose derivation rule
	// 4 already reported; calls using them are not reported again.
	derivedTold map[*types.Var]bool
	rule4Calls  map[*ast.CallExpr]bool
	decls       map[*types.Func]*ast.FuncDecl
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:        pass,
		m:           pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model),
		names:       extraNames,
		inert:       extraInert,
		keepValues:  keepValues,
		findings:    make(map[ast.Node]finding),
		derivedTold: make(map[*types.Var]bool),
		rule4Calls:  make(map[*ast.CallExpr]bool),
	}
	for _, f := range pass.Files {
		if c.m.IsGenerated(f.FileStart) {
			continue
		}
		c.file = f
		for _, d := range f.Decls {
			c.declScope = nil
			if fd, ok := d.(*ast.FuncDecl); ok {
				c.declScope = pass.TypesInfo.Scopes[fd.Type]
			}
			c.walk(d, state{})
		}
	}
	c.reportAll()
	return nil, nil
}

// add records a finding for node n, keeping the most specific one when
// several rules apply to the same call.
func (c *checker) add(n ast.Node, rule int, msg string, fixes []analysis.SuggestedFix) {
	if old, ok := c.findings[n]; ok && old.rule >= rule {
		return
	}
	c.findings[n] = finding{rule, analysis.Diagnostic{
		Pos:            n.Pos(),
		End:            n.End(),
		Message:        msg,
		SuggestedFixes: fixes,
	}}
}

func (c *checker) reportAll() {
	diags := make([]analysis.Diagnostic, 0, len(c.findings))
	for _, f := range c.findings {
		diags = append(diags, f.diag)
	}
	sort.Slice(diags, func(i, j int) bool { return diags[i].Pos < diags[j].Pos })
	for _, d := range diags {
		c.m.Report(c.pass, d)
	}
}

// innermost returns the innermost scope containing pos, searching from the
// current declaration's scope: searching from the package scope would scan
// every function of the file.
func (c *checker) innermost(pos token.Pos) *types.Scope {
	if c.declScope != nil && c.declScope.Contains(pos) {
		if s := c.declScope.Innermost(pos); s != nil {
			return s
		}
	}
	return c.pass.Pkg.Scope().Innermost(pos)
}
