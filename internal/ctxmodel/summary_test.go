package ctxmodel_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// summaryProbe exports, as a fact of its own, the model's summary of each
// function, so that the fixtures' // want NAME:"..." comments state it.
var summaryProbe = &analysis.Analyzer{
	Name:      "summaryprobe",
	Doc:       "reports the model's context-use summaries for tests",
	Requires:  []*analysis.Analyzer{ctxmodel.Analyzer},
	Run:       runSummaryProbe,
	FactTypes: []analysis.Fact{(*probedUse)(nil)},
}

type probedUse struct{ Text string }

func (*probedUse) AFact()           {}
func (f *probedUse) String() string { return f.Text }

func runSummaryProbe(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if s := m.Summary(fn); s != nil {
				pass.ExportObjectFact(fn, &probedUse{s.String()})
			}
		}
	}
	return nil, nil
}

func TestSummary(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), summaryProbe, "summary")
}
