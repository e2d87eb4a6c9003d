package ctxvaluecancel

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

//go:embed doc.go
var docSource string

// Analyzer reports cancel functions carried in context values, cancel
// functions kept while their context is thrown away, and managed roots whose
// methods hand out contexts their cancel function does not reach.
var Analyzer = &analysis.Analyzer{
	Name:     "ctxvaluecancel",
	Doc:      analyzerdoc.FromPackageDoc("ctxvaluecancel", docSource),
	URL:      analyzerdoc.URL("ctxvaluecancel"),
	Run:      run,
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
}

// checker holds one pass's state. Its lazily built indexes are only
// computed when a rule has a candidate that needs them.
type checker struct {
	pass  *analysis.Pass
	model *ctxmodel.Model

	uses         map[*types.Var][]inspector.Cursor // lazily: see varUses
	rootTypes    map[*types.TypeName]*managedRoot  // lazily: see managedRootOf
	cancelFields map[*types.Var]bool               // lazily: see isCancelField
	methodCalled map[*types.Var]bool               // lazily: see ownedCancel
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	c := &checker{
		pass:  pass,
		model: m,
	}
	filter := []ast.Node{
		(*ast.CallExpr)(nil),
		(*ast.TypeAssertExpr)(nil),
		(*ast.TypeSwitchStmt)(nil),
		(*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil),
		(*ast.FuncDecl)(nil),
	}
	for cur := range c.model.Preorder(filter...) {
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
