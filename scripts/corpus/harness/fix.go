//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// fixResult is the outcome of applying ctxlint's suggested fixes to a copy
// of a module.
type fixResult struct {
	Skipped string   // why the check did not run
	Offered int      // diagnostics that carry a suggested fix
	Changed []string // files the fixes changed, module/path/file.go
	Build   string   // go build ./... failure after the fixes
	Vet     string   // go vet ./... findings the fixes introduced
	// VetBefore: go vet ./... fails after the fixes, with exactly the
	// findings it had before them.
	VetBefore bool
	Broke     bool   // the fixes broke a build or vet that passed before
	Diff      string // the fixes' diff, when they broke something
}

// checkFixes applies ctxlint -fix to a fresh copy of the module and checks
// that it still builds and passes go vet.
func (e *env) checkFixes(m module, dir string, res *moduleResult) fixResult {
	var fr fixResult
	for _, d := range res.Diags {
		if d.Fixes > 0 {
			fr.Offered++
		}
	}
	if fr.Offered == 0 {
		fr.Skipped = "no suggested fixes offered"
		return fr
	}
	logf("%s: ctxlint -fix", m)
	rel := filepath.Join("fix", m.String())
	fixDir := filepath.Join(e.work, rel)
	if err := copyTree(dir, fixDir); err != nil {
		fr.Skipped = err.Error()
		return fr
	}
	r := e.measure(fixDir, e.ctxlint, "-fix", "./...")
	switch {
	case isPanic(r.Stderr):
		res.Panics = append(res.Panics, "ctxlint -fix ./...: "+firstLines(string(r.Stderr), 15))
	case r.Exit == 2 || r.Exit < 0:
		res.Errors = append(res.Errors, fmt.Sprintf("ctxlint -fix ./...: exit %d: %s", r.Exit, firstLines(string(r.Stderr), 5)))
	}
	fr.Changed = changedFiles(dir, fixDir, m.Path)
	if len(fr.Changed) == 0 {
		return fr
	}
	if out, err := e.goCmd(fixDir, "build", "./..."); err != nil {
		fr.Build = firstLines(out, 20)
		fr.Broke = true
	}
	// Fixes edit function bodies, not APIs: go build ./... catches any
	// breakage elsewhere, and go vet needs to see only the changed packages.
	vetArgs := append([]string{"vet"}, changedPackages(fr.Changed, m.Path)...)
	if out, err := e.goCmd(fixDir, vetArgs...); err != nil {
		// Some modules fail go vet before any fix (pgx's unkeyed struct
		// literals): only findings the fixes introduce count.
		before, _ := e.goCmd(dir, vetArgs...)
		if added := newLines(before, out); len(added) > 0 {
			fr.Vet = firstLines(strings.Join(added, "\n"), 20)
			fr.Broke = true
		} else {
			fr.VetBefore = true
		}
	}
	if fr.Broke {
		d, _ := output(e.work, nil, "diff", "-ru", "-x", readyMarker, filepath.Join("src", m.String()), rel)
		fr.Diff = firstLines(d, 200)
	}
	return fr
}

// changedFiles lists the Go files of fixed that differ from (or are absent
// from) orig.
func changedFiles(orig, fixed, modPath string) []string {
	var changed []string
	filepath.WalkDir(fixed, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(fixed, path)
		after, _ := os.ReadFile(path)
		before, err := os.ReadFile(filepath.Join(orig, rel))
		if err != nil || !bytes.Equal(before, after) {
			changed = append(changed, modPath+"/"+filepath.ToSlash(rel))
		}
		return nil
	})
	return changed
}

// newLines returns the lines of after that are not in before, ignoring
// the "# package" headers go vet prints.
func newLines(before, after string) []string {
	old := map[string]bool{}
	for _, l := range strings.Split(before, "\n") {
		old[l] = true
	}
	var added []string
	for _, l := range strings.Split(after, "\n") {
		if l != "" && !strings.HasPrefix(l, "# ") && !old[l] {
			added = append(added, l)
		}
	}
	return added
}

// changedPackages returns the directories of the changed files as
// package patterns relative to the module root.
func changedPackages(changed []string, modPath string) []string {
	seen := map[string]bool{}
	var pkgs []string
	for _, f := range changed {
		dir := "./" + path.Dir(strings.TrimPrefix(f, modPath+"/"))
		if !seen[dir] {
			seen[dir] = true
			pkgs = append(pkgs, dir)
		}
	}
	return pkgs
}
