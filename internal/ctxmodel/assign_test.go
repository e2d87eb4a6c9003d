package ctxmodel_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// assignProbe reports, for probe(ctx) calls, whether ctx was made by a
// producer whose cancel was discarded, and for other expression
// statements whether their callee is inert by name alone (IsInertFunc).
var assignProbe = &analysis.Analyzer{
	Name:     "assignprobe",
	Doc:      "reports Origin.Assign, CancelDiscarded and IsInertFunc answers for tests",
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
		extra := ctxmodel.NameList{"assigned.quiet"}
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				st, ok := n.(*ast.ExprStmt)
				if !ok {
					return true
				}
				call, ok := st.X.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "probe" {
					o := m.Origin(call.Args[0])
					msg := "no producer"
					switch {
					case m.CancelDiscarded(o):
						msg = "cancel discarded"
					case o.Assign != nil:
						msg = "cancel kept"
					}
					pass.Reportf(call.Pos(), "%s", msg)
					return true
				}
				if ctxmodel.IsInertFunc(m.CalleeFunc(call), extra) {
					pass.Reportf(call.Pos(), "inert func")
				} else {
					pass.Reportf(call.Pos(), "active func")
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestCancelDiscardedAndInertFunc(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), assignProbe, "assigned")
}
