// Package ctxlint lists ctxlint's analyzers. The ctxlint command, the
// golangci-lint plugin and the tests all take the suite from Analyzers, so
// adding an analyzer here adds it everywhere.
package ctxlint

//go:generate go run ./internal/analyzerdoc/generate

import (
	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/analyzers/bgtimeout"
	"github.com/ctxlint/ctxlint/analyzers/ctxvaluecancel"
	"github.com/ctxlint/ctxlint/analyzers/detachedcleanup"
	"github.com/ctxlint/ctxlint/analyzers/lostcancel2"
)

// Analyzers returns ctxlint's analyzers, in a stable order.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		lostcancel2.Analyzer,
		detachedcleanup.Analyzer,
		ctxvaluecancel.Analyzer,
		bgtimeout.Analyzer,
	}
}
