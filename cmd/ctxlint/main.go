// Command ctxlint runs ctxlint's analyzers, standalone or as a go vet
// tool. Run "ctxlint help" for usage.
package main

import (
	"os"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/driver"
)

func main() { os.Exit(driver.Main(ctxlint.Analyzers(), os.Args[1:])) }
