package detachedcleanup

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// Analyzer is the detachedcleanup analyzer. Not yet implemented: it reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:     "detachedcleanup",
	Doc:      "not yet implemented",
	Run:      run,
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctxmodel.Analyzer},
}

func run(pass *analysis.Pass) (any, error) {
	_ = pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	return nil, nil
}
