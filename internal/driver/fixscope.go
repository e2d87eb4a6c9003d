package driver

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// fixScope decides which files -fix may change: files of the main
// module(s) of the run (its workspace's modules), not vendored, and not
// generated. A pattern can name packages of the module cache, of the Go
// installation or of vendor/ (ctxlint all, ctxlint -fix std), and those
// are reported but never edited: their files are someone else's, and the
// module cache is checked against go.sum.
type fixScope struct {
	src       *sources
	generated map[string]bool
	goEnv     []string // GOROOT and GOMODCACHE, asked once
}

func newFixScope(src *sources) *fixScope {
	return &fixScope{src: src, generated: make(map[string]bool)}
}

// whyNot returns why file, which pkg's fix edits, must not change, or ""
// if it may.
func (s *fixScope) whyNot(pkg *packages.Package, file string) string {
	if reason := s.outsideMainModule(pkg, file); reason != "" {
		return reason
	}
	if s.isGenerated(file) {
		return "it is generated"
	}
	return ""
}

func (s *fixScope) outsideMainModule(pkg *packages.Package, file string) string {
	if mod := pkg.Module; mod != nil {
		switch {
		case !mod.Main:
			return "it belongs to " + moduleName(mod) + ", not to the main module"
		case !within(file, mod.Dir):
			return "it is outside the main module's directory"
		case within(file, filepath.Join(mod.Dir, "vendor")):
			return "it is vendored"
		}
		return ""
	}
	// No module: files named on the command line, or GOPATH mode.
	// Everything but the Go installation and the module cache is the
	// user's.
	env := s.env()
	switch {
	case env[0] != "" && within(file, env[0]):
		return "it belongs to the Go installation"
	case env[1] != "" && within(file, env[1]):
		return "it is in the module cache"
	}
	return ""
}

func moduleName(mod *packages.Module) string {
	if mod.Version != "" {
		return mod.Path + "@" + mod.Version
	}
	return mod.Path
}

// env returns GOROOT and GOMODCACHE as the go command that loaded the
// packages sees them (a toolchain switch may give a GOROOT other than
// ctxlint's own).
func (s *fixScope) env() []string {
	if s.goEnv == nil {
		s.goEnv = []string{"", ""}
		if out, err := exec.Command("go", "env", "GOROOT", "GOMODCACHE").Output(); err == nil {
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			for i := 0; i < len(lines) && i < 2; i++ {
				s.goEnv[i] = strings.TrimSpace(lines[i])
			}
		}
	}
	return s.goEnv
}

// within reports whether file lies in dir or below it.
func within(file, dir string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, file)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// isGenerated reports whether the file on disk (the user's file, not the
// copy cgo made of it) carries a "Code generated ... DO NOT EDIT." comment.
func (s *fixScope) isGenerated(file string) bool {
	if g, ok := s.generated[file]; ok {
		return g
	}
	g := true // unreadable or not Go: not ours to edit
	if data, err := s.src.read(file); err == nil {
		if f, err := parser.ParseFile(token.NewFileSet(), file, data, parser.PackageClauseOnly|parser.ParseComments); err == nil {
			g = ast.IsGenerated(f)
		}
	}
	s.generated[file] = g
	return g
}
