// Command floor is the corpus harness's baseline: ctxlint's own driver
// (the same loading, type-checking and checker plumbing) with one analyzer
// that does nothing and requires nothing, so a run measures loading and
// type-checking only. ctxlint's cost above this floor is what its
// analyzers, and the shared model they run on every dependency, add.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/driver"
)

var noop = &analysis.Analyzer{
	Name: "floor",
	Doc:  "does nothing: measures loading and type-checking only",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { os.Exit(driver.Main([]*analysis.Analyzer{noop}, os.Args[1:])) }
