package ctxmodel_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// fieldProbe reports the model's answers about struct fields:
//   - on each struct field declaration: "cancel field" when IsCancelField
//     holds, plus "unread" when the package never reads the field;
//   - holds(e): "holds cancel" or "no cancel" by HoldsCancel.
var fieldProbe = &analysis.Analyzer{
	Name:     "fieldprobe",
	Doc:      "reports the context model's answers about fields for tests",
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
	Run:      runFieldProbe,
}

func runFieldProbe(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.StructType:
				probeFields(pass, m, n)
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "holds" && len(n.Args) == 1 {
					verdict := "no cancel"
					if m.HoldsCancel(n.Args[0]) {
						verdict = "holds cancel"
					}
					m.Report(pass, analysis.Diagnostic{Pos: n.Pos(), Message: verdict})
				}
			}
			return true
		})
	}
	return nil, nil
}

func probeFields(pass *analysis.Pass, m *ctxmodel.Model, st *ast.StructType) {
	for _, field := range st.Fields.List {
		for _, name := range field.Names {
			f, _ := pass.TypesInfo.Defs[name].(*types.Var)
			var words []string
			if m.IsCancelField(f) {
				words = append(words, "cancel field")
			}
			if !m.FieldRead(f) {
				words = append(words, "unread")
			}
			if len(words) > 0 {
				m.Report(pass, analysis.Diagnostic{Pos: name.Pos(), Message: strings.Join(words, " ")})
			}
		}
	}
}

func TestFields(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), fieldProbe, "fields")
}
