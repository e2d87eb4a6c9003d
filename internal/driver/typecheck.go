package driver

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// typeCheckFixed type-checks pkg as it would be with the contents of some
// of its compiled files replaced (keyed by file name), against the types
// of its dependencies as loaded. It returns the first error (a file that
// does not parse, or a type error), or nil. Only pkg is checked: fixes
// change function bodies, not the API its importers see.
func typeCheckFixed(pkg *packages.Package, replaced map[string][]byte, known map[string]*types.Package) error {
	files := make([]*ast.File, 0, len(pkg.Syntax))
	for _, f := range pkg.Syntax {
		name := pkg.Fset.File(f.FileStart).Name()
		content, ok := replaced[name]
		if !ok {
			files = append(files, f) // type-checking does not change a tree
			continue
		}
		parsed, err := parser.ParseFile(pkg.Fset, name, content, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files = append(files, parsed)
	}
	var first error
	conf := &types.Config{
		Importer: importerOf(pkg, known),
		Sizes:    pkg.TypesSizes,
		Error: func(err error) {
			if first == nil {
				first = err
			}
		},
	}
	if pkg.Module != nil && pkg.Module.GoVersion != "" {
		conf.GoVersion = "go" + pkg.Module.GoVersion
	}
	info := &types.Info{FileVersions: make(map[*ast.File]string)}
	if _, err := conf.Check(pkg.PkgPath, pkg.Fset, files, info); first == nil {
		first = err
	}
	return first
}

// importerOf resolves pkg's imports to the packages loaded with it: its
// own imports by import path, then any loaded package by package path (a
// fix may add an import, such as "context", the package did not have).
func importerOf(pkg *packages.Package, known map[string]*types.Package) types.Importer {
	return importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if imp, ok := pkg.Imports[path]; ok && imp.Types != nil {
			return imp.Types, nil
		}
		if tp, ok := known[path]; ok {
			return tp, nil
		}
		return nil, fmt.Errorf("could not import %s (not among the packages loaded)", path)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// loadedTypes returns the types of every package reachable from pkgs, by
// package path.
func loadedTypes(pkgs []*packages.Package) map[string]*types.Package {
	known := make(map[string]*types.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types != nil && p.ForTest == "" {
			known[p.PkgPath] = p.Types
		}
	})
	return known
}
