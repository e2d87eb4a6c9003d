package bgtimeout

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// isStandardLibrary reports whether pass, of a package outside any
// module, analyzes the standard library: its files lie in
// ROOT/src/IMPORTPATH, where ROOT/src/go.mod declares module std. The
// import path alone does not tell: command-line-arguments (ctxlint a.go)
// and GOPATH packages have no module either, and no dot in their path.
// A cgo copy in the build cache counts by the file its //line directives
// name.
func isStandardLibrary(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 {
		return true // nothing to analyze either way
	}
	suffix := string(filepath.Separator) + filepath.Join("src", filepath.FromSlash(pass.Pkg.Path()))
	for _, f := range pass.Files {
		for _, name := range []string{pass.Fset.PositionFor(f.Package, false).Filename, pass.Fset.PositionFor(f.Package, true).Filename} {
			if root, ok := strings.CutSuffix(filepath.Dir(name), suffix); ok && isGoRoot(root) {
				return true
			}
		}
	}
	return false
}

// goRoots caches isGoRoot's answers: every package of the standard
// library asks about the same directory.
var goRoots sync.Map // string -> bool

// isGoRoot reports whether dir is a Go installation's root.
func isGoRoot(dir string) bool {
	if v, ok := goRoots.Load(dir); ok {
		return v.(bool)
	}
	data, err := os.ReadFile(filepath.Join(dir, "src", "go.mod"))
	std := err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module std"))
	goRoots.Store(dir, std)
	return std
}
