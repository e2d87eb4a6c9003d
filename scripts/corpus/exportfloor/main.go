// Command exportfloor is the lower bound of re-analyzing one package with
// its dependencies from export data: it loads the named packages (and
// their tests) from source, with every dependency's types from the
// export data go list -export reports, type-checks them, and analyzes
// nothing. docs/performance.md compares it with ctxlint after an edit.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

// mode asks for syntax and types of the named packages only: without
// NeedDeps, go/packages reads their dependencies from export data.
const mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax

func main() {
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: true}, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	files, failed := 0, false
	for _, p := range pkgs {
		files += len(p.Syntax)
		for _, e := range p.Errors {
			fmt.Fprintln(os.Stderr, e)
			failed = true
		}
	}
	fmt.Printf("%d packages, %d files\n", len(pkgs), files)
	if failed {
		os.Exit(1)
	}
}
