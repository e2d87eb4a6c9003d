package ctxvaluecancel

import (
	_ "embed"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

//go:embed doc.go
var docSource string

// Analyzer reports cancel functions carried in context values, cancel
// functions kept while their context is thrown away, and managed roots whose
// methods hand out contexts their cancel function does not reach.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxvaluecancel",
	Doc:      packageDoc(docSource),
	URL:      "https://pkg.go.dev/github.com/ctxlint/ctxlint/analyzers/ctxvaluecancel",
	Run:      run,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxmodel.Analyzer},
}

// packageDoc returns the "# Analyzer ctxvaluecancel" section of doc.go's
// package comment, so that the analyzer's Doc and the package
// documentation are one text; its first line is the summary (without the
// "ctxvaluecancel: " that go doc shows).
func packageDoc(src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.PackageClauseOnly|parser.ParseComments)
	if err != nil || f.Doc == nil {
		panic("ctxvaluecancel: doc.go has no package comment")
	}
	const heading = "# Analyzer ctxvaluecancel\n"
	_, section, ok := strings.Cut(f.Doc.Text(), heading)
	if !ok {
		panic("ctxvaluecancel: doc.go has no " + strings.TrimSpace(heading) + " section")
	}
	if next := strings.Index(section, "\n# "); next >= 0 {
		section = section[:next]
	}
	return strings.TrimPrefix(strings.TrimSpace(section), "ctxvaluecancel: ")
}

// checker holds one pass's state. Its lazily built indexes are only
// computed when a rule has a candidate that needs them.
type checker struct {
	pass  *analysis.Pass
	model *ctxmodel.Model
	root  inspector.Cursor

	uses         map[*types.Var][]inspector.Cursor // lazily: see varUses
	rootTypes    map[*types.TypeName]*managedRoot  // lazily: see managedRootOf
	cancelFields map[*types.Var]bool               // lazily: see isCancelField
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{
		pass:  pass,
		model: pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model),
		root:  pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root(),
	}
	filter := []ast.Node{
		(*ast.CallExpr)(nil),
		(*ast.TypeAssertExpr)(nil),
		(*ast.TypeSwitchStmt)(nil),
		(*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil),
		(*ast.FuncDecl)(nil),
	}
	for cur := range c.root.Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.checkWithValue(n)
		case *ast.TypeAssertExpr:
			c.checkAssert(n)
		case *ast.TypeSwitchStmt:
			c.checkTypeSwitch(n)
		case *ast.AssignStmt:
			if len(n.Lhs) > 1 && len(n.Rhs) == 1 {
				c.checkDiscarded(cur, n.Lhs, n.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(n.Names) > 1 && len(n.Values) == 1 {
				c.checkDiscarded(cur, identExprs(n.Names), n.Values[0])
			}
		case *ast.FuncDecl:
			c.checkManagedMethod(cur, n)
		}
	}
	return nil, nil
}

func (c *checker) report(n ast.Node, msg string) {
	c.model.Report(c.pass, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: msg})
}

func identExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
