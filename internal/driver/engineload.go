package driver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"golang.org/x/tools/go/analysis"
)

// What the incremental engine needs of a package beyond what the keys
// need, from the same go list output (listedPackage.raw), and how it
// parses and type-checks a package from source as go/packages does for
// the checker: the same files, parser mode, types.Config and
// types.Info, so the analyzers see the same trees and types.

// listedExtra holds the go list fields only the engine reads.
type listedExtra struct {
	ImportMap         map[string]string
	IgnoredGoFiles    []string
	IgnoredOtherFiles []string
	Module            *listedFullModule
}

// listedFullModule is go list's Module as go/packages decodes it.
type listedFullModule struct {
	Path      string
	Version   string
	Replace   *listedFullModule
	Time      *time.Time
	Main      bool
	Indirect  bool
	Dir       string
	GoMod     string
	GoVersion string
	Error     *struct{ Err string }
}

func (m *listedFullModule) analysisModule() *analysis.Module {
	if m == nil {
		return nil
	}
	am := &analysis.Module{
		Path: m.Path, Version: m.Version, Replace: m.Replace.analysisModule(), Time: m.Time, Main: m.Main,
		Indirect: m.Indirect, Dir: m.Dir, GoMod: m.GoMod, GoVersion: m.GoVersion,
	}
	if m.Error != nil {
		am.Error = &analysis.ModuleError{Err: m.Error.Err}
	}
	return am
}

func (p *listedPackage) extra() (*listedExtra, error) {
	x := new(listedExtra)
	if err := json.Unmarshal(p.raw, x); err != nil {
		return nil, fmt.Errorf("go list output for %s: %v", p.ImportPath, err)
	}
	return x, nil
}

// needsCompiled reports whether the files the compiler sees differ from
// GoFiles: cgo and SWIG generate Go files, which only go list -compiled
// (running cgo) can name.
func (p *listedPackage) needsCompiled() bool {
	return len(p.CgoFiles)+len(p.SwigFiles)+len(p.SwigCXXFiles) > 0
}

// compiledPackage is what go list -compiled says of a cgo package: the
// files to type-check, and what they import.
type compiledPackage struct {
	files, imports []string
	importMap      map[string]string
}

// compiledFiles runs go list -compiled for the packages ids, which
// need cgo or SWIG, and returns their CompiledGoFiles and Imports by ID.
func compiledFiles(list *listing, ids []string, tests bool, buildFlags []string) (map[string]compiledPackage, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	// A package recompiled for another's tests ("net [context.test]")
	// is listed only with -deps.
	deps := false
	for _, id := range ids {
		if p := list.pkgs[id]; p.ForTest != "" && pkgPath(id) != p.ForTest {
			deps = true
		}
	}
	args := []string{"list", "-e", "-json=ImportPath,Dir,CompiledGoFiles,Imports,ImportMap,Error", "-compiled=true", fmt.Sprintf("-test=%t", tests),
		"-export=false", fmt.Sprintf("-deps=%t", deps), "-find=false", "-buildvcs=false", "-pgo=off"}
	args = append(args, buildFlags...)
	args = append(args, "--")
	seen := make(map[string]bool)
	for _, id := range ids {
		if path := packageUnderTest(list.pkgs[id]); !seen[path] {
			seen[path] = true
			args = append(args, path)
		}
	}
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -compiled: %v: %s", err, oneLine(stderr.String()))
	}
	files := make(map[string]compiledPackage)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Dir          string
			CompiledGoFiles, Imports []string
			ImportMap                map[string]string
			Error                    *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list -compiled: %v", err)
		}
		if p.Error != nil {
			// cgo could not run (no C compiler, say): the checker
			// reports it as go/packages does.
			return nil, fmt.Errorf("go list -compiled: %s", oneLine(p.Error.Err))
		}
		files[p.ImportPath] = compiledPackage{absJoin(p.Dir, p.CompiledGoFiles), p.Imports, p.ImportMap}
	}
	for _, id := range ids {
		if _, ok := files[id]; !ok {
			return nil, fmt.Errorf("go list -compiled did not list %s", id)
		}
	}
	return files, nil
}

// absJoin makes file names relative to dir absolute, as go/packages does.
func absJoin(dir string, lists ...[]string) []string {
	var out []string
	for _, list := range lists {
		for _, name := range list {
			if !filepath.IsAbs(name) {
				name = filepath.Join(dir, name)
			}
			out = append(out, name)
		}
	}
	return out
}

// parserMode is go/packages' (object resolution included: analyzers
// may read ast.Ident.Obj).
const parserMode = parser.AllErrors | parser.ParseComments

// parseFiles parses names into fset.
func parseFiles(fset *token.FileSet, names []string) ([]*ast.File, error) {
	files := make([]*ast.File, 0, len(names))
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parserMode)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// newTypesInfo is the types.Info go/packages fills for the checker.
func newTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}
