//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// brokenResult is one run of ctxlint on a deliberately broken package.
type brokenResult struct {
	Kind    string // what was broken
	Pattern string // the package pattern ctxlint ran on
	Exit    int
	Stderr  string
	Problem string // why the run does not meet the contract; "" when it does
}

// breakage injects one kind of error into the package in dir named name,
// whose first Go file is first, and returns a function undoing it.
type breakage struct {
	kind   string
	inject func(dir, name, first string) (undo func(), err error)
}

var breakages = []breakage{
	{"syntax error", func(dir, _, first string) (func(), error) {
		return appendTo(filepath.Join(dir, first), "\nfunc corpusBroken( {\n")
	}},
	{"type error", func(dir, name, _ string) (func(), error) {
		return addFile(dir, fmt.Sprintf("package %s\n\nvar corpusBroken int = \"not an int\"\n", name))
	}},
	{"undefined name", func(dir, name, _ string) (func(), error) {
		return addFile(dir, fmt.Sprintf("package %s\n\nfunc corpusBroken() { corpusUndefined() }\n", name))
	}},
}

// checkBroken runs ctxlint on a copy of one of the module's packages after
// injecting each kind of error. The contract: exit status 2 and a one-line
// error, never a panic.
func (e *env) checkBroken(m module, dir string, res *moduleResult) []brokenResult {
	logf("%s: broken copies", m)
	bdir := filepath.Join(e.work, "broken", m.String())
	if err := copyTree(dir, bdir); err != nil {
		return []brokenResult{{Kind: "copy", Problem: err.Error()}}
	}
	out, err := e.goCmd(bdir, "list", "-f", `{{.Dir}}{{"\x00"}}{{.Name}}{{"\x00"}}{{join .GoFiles " "}}`, "./...")
	if err != nil {
		return []brokenResult{{Kind: "go list", Problem: firstLines(out, 5)}}
	}
	pkgDir, name, first := "", "", ""
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		parts := strings.Split(line, "\x00")
		if len(parts) == 3 && parts[2] != "" {
			pkgDir, name, first = parts[0], parts[1], strings.Fields(parts[2])[0]
			break
		}
	}
	if pkgDir == "" {
		return []brokenResult{{Kind: "go list", Problem: "no package with Go files"}}
	}
	rel, _ := filepath.Rel(bdir, pkgDir)
	pattern := "."
	if rel != "." {
		pattern = "./" + filepath.ToSlash(rel)
	}
	var results []brokenResult
	for _, b := range breakages {
		br := brokenResult{Kind: b.kind, Pattern: pattern}
		undo, err := b.inject(pkgDir, name, first)
		if err != nil {
			br.Problem = err.Error()
			results = append(results, br)
			continue
		}
		r := e.measure(bdir, e.ctxlint, pattern)
		undo()
		br.Exit = r.Exit
		br.Stderr = strings.ReplaceAll(strings.TrimSpace(string(r.Stderr)), bdir+string(filepath.Separator), "")
		lines := len(strings.Split(br.Stderr, "\n"))
		switch {
		case isPanic(r.Stderr):
			br.Problem = "panic"
			res.Panics = append(res.Panics, fmt.Sprintf("ctxlint %s with a %s: %s", pattern, b.kind, firstLines(br.Stderr, 15)))
		case r.Exit != 2:
			br.Problem = fmt.Sprintf("exit status %d, want 2", r.Exit)
		case br.Stderr == "":
			br.Problem = "no error message"
		case lines != 1:
			br.Problem = fmt.Sprintf("%d lines of error, want 1", lines)
		}
		results = append(results, br)
	}
	return results
}

func appendTo(file, text string) (func(), error) {
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(file, append(append([]byte{}, orig...), text...), 0o644); err != nil {
		return nil, err
	}
	return func() { os.WriteFile(file, orig, 0o644) }, nil
}

func addFile(dir, content string) (func(), error) {
	file := filepath.Join(dir, "zz_corpus_broken.go")
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		return nil, err
	}
	return func() { os.Remove(file) }, nil
}
