package ctxmodel_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// varOriginProbe reports VarOrigin for the variables passed to probe,
// found through their types.Var (not through the argument expressions).
var varOriginProbe = &analysis.Analyzer{
	Name:     "varoriginprobe",
	Doc:      "reports VarOrigin answers for tests",
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "probe" {
					return true
				}
				for _, a := range call.Args {
					v, _ := pass.TypesInfo.Uses[a.(*ast.Ident)].(*types.Var)
					o := m.VarOrigin(v)
					pass.Reportf(a.Pos(), "%s: %s cancellable=%t", v.Name(), o.Kind, o.IsCancellable())
				}
				return true
			})
		}
		if o := m.VarOrigin(nil); o.Kind != ctxmodel.Unknown {
			pass.Reportf(pass.Files[0].Package, "VarOrigin(nil) = %s, want unknown", o.Kind)
		}
		return nil, nil
	},
}

func TestVarOrigin(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), varOriginProbe, "varorigin")
}
