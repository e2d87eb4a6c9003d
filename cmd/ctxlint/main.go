// Command ctxlint runs ctxlint's analyzers.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/ctxlint/ctxlint"
)

// Temporary wiring until the driver lands.
func main() { multichecker.Main(ctxlint.Analyzers()...) }
