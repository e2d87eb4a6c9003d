package lostcancel2_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/lostcancel"

	"github.com/ctxlint/ctxlint/analyzers/lostcancel2"
)

// quietT collects analysistest's complaints (the fixtures' expectations
// are vet's, not ours) instead of failing the test.
type quietT struct{ errors []string }

func (q *quietT) Errorf(format string, args ...any) {
	q.errors = append(q.errors, fmt.Sprintf(format, args...))
}

// TestVetCompatibility runs go vet's lostcancel and lostcancel2 over vet's
// own lostcancel fixtures, read from the module cache, and checks that
// every diagnostic vet reports is also reported by lostcancel2 at the same
// position with the same words.
func TestVetCompatibility(t *testing.T) {
	src := vetFixtures(t)
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "src"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	pkgs, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range pkgs {
		if !p.IsDir() {
			continue
		}
		vet := diagnostics(t, dir, lostcancel.Analyzer, p.Name())
		ours := diagnostics(t, dir, lostcancel2.Analyzer, p.Name())
		have := make(map[string]bool)
		for _, d := range ours {
			have[d] = true
		}
		for _, d := range ours {
			if !contains(vet, d) {
				t.Logf("lostcancel2 also reports %s", d)
			}
		}
		for _, d := range vet {
			checked++
			if !have[d] {
				t.Errorf("vet reports %s; lostcancel2 does not", d)
			}
		}
	}
	t.Logf("%d vet diagnostics compared", checked)
	if checked < 20 {
		t.Errorf("only %d vet diagnostics compared; the fixtures were not found or not analyzed", checked)
	}
}

// TestVetCompatibilityOwnFixtures checks the same subset relation on
// lostcancel2's own fixtures, which exercise shapes vet's do not (helpers,
// aliases, error guards, fields, loops).
func TestVetCompatibilityOwnFixtures(t *testing.T) {
	dir := analysistest.TestData()
	pkgs := []string{"discard", "paths", "loops", "mainpkg", "fields", "pkgvars", "containers"}
	ours := diagnostics(t, dir, lostcancel2.Analyzer, pkgs...)
	checked := 0
	for _, d := range diagnostics(t, dir, lostcancel.Analyzer, pkgs...) {
		checked++
		if !contains(ours, d) {
			t.Errorf("vet reports %s; lostcancel2 does not", d)
		}
	}
	if checked == 0 {
		t.Error("vet reported nothing on the fixtures: the comparison tested nothing")
	}
}

// TestVetCategory checks that the findings lostcancel2 marks with vet's
// category (so that //nolint:govet covers them) are exactly those go vet
// reports, on vet's fixtures and ours.
func TestVetCategory(t *testing.T) {
	vetDir := t.TempDir()
	if err := os.CopyFS(filepath.Join(vetDir, "src"), os.DirFS(vetFixtures(t))); err != nil {
		t.Fatal(err)
	}
	vetPkgs, err := os.ReadDir(filepath.Join(vetDir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string][]string{analysistest.TestData(): {"discard", "paths", "loops", "mainpkg", "fields", "pkgvars", "containers"}}
	for _, p := range vetPkgs {
		if p.IsDir() {
			sets[vetDir] = append(sets[vetDir], p.Name())
		}
	}
	isVet := func(d analysis.Diagnostic) bool { return d.Category == "lostcancel" }
	compared := 0
	for dir, pkgs := range sets {
		marked := diagnosticsIf(t, dir, lostcancel2.Analyzer, isVet, pkgs...)
		vet := diagnostics(t, dir, lostcancel.Analyzer, pkgs...)
		compared += len(vet)
		if !slices.Equal(marked, vet) {
			t.Errorf("in %v, lostcancel2 marks\n%s\nvet reports\n%s", pkgs, strings.Join(marked, "\n"), strings.Join(vet, "\n"))
		}
	}
	if compared < 20 {
		t.Errorf("only %d vet diagnostics compared", compared)
	}
}

// vetFixtures returns the directory of x/tools' lostcancel test packages
// in the module cache.
func vetFixtures(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/tools").Output()
	if err != nil {
		t.Skipf("cannot locate golang.org/x/tools: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "go", "analysis", "passes", "lostcancel", "testdata", "src")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("vet's lostcancel fixtures are not in the module cache: %v", err)
	}
	return dir
}

// diagnostics runs a over the packages and returns its diagnostics as
// "file:line:col: message", sorted.
func diagnostics(t *testing.T, dir string, a *analysis.Analyzer, pkgs ...string) []string {
	return diagnosticsIf(t, dir, a, func(analysis.Diagnostic) bool { return true }, pkgs...)
}

// diagnosticsIf is diagnostics restricted to those keep accepts.
func diagnosticsIf(t *testing.T, dir string, a *analysis.Analyzer, keep func(analysis.Diagnostic) bool, pkgs ...string) []string {
	q := new(quietT)
	var out []string
	for _, r := range analysistest.Run(q, dir, a, pkgs...) {
		for _, d := range r.Diagnostics {
			if !keep(d) {
				continue
			}
			pos := r.Pass.Fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(pos.Filename), pos.Line, pos.Column, d.Message))
		}
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
