//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// moduleResult is everything measured on one module.
type moduleResult struct {
	Mod     module
	Commit  string        // the ctxlint commit measured
	When    time.Time     // when it was measured
	Command string        // the command that measured it
	Took    time.Duration // how long the module's run took, checks included
	Timed   bool          // the floor and ctxlint were timed (not -notiming)
	Reused  bool          `json:"-"` // loaded from an earlier run by -reuse
	PrepErr string        // the copy could not be made to build: nothing else ran

	Packages, Files, Lines, TestFiles, TestLines int

	Floor, Ctxlint, Vet run

	Diags    []diag
	Ignored  []diag // ctxlint findings the module's own //nolint comments suppress
	VetDiags []diag
	Misses   []diag   // go vet lostcancel positions lostcancel2 does not report
	Panics   []string // ctxlint panics, in any run
	Errors   []string // ctxlint internal errors: JSON error entries, unexpected exits
	Baseline []string // floor or vet failures (the comparison is then void)

	Fix    fixResult
	Broken []brokenResult
	Cache  cacheResult
	Engine cacheResult // the same check with the incremental engine
}

func (e *env) runModule(m module) *moduleResult {
	res := &moduleResult{Mod: m}
	logf("%s: preparing", m)
	dir, err := e.prepare(m)
	if err != nil {
		res.PrepErr = err.Error()
		logf("%s: %v", m, err)
		return res
	}
	if err := res.count(e, dir); err != nil {
		res.Baseline = append(res.Baseline, err.Error())
	}
	name := moduleNamer(dir, m.Path)

	if *noTiming {
		logf("%s: ctxlint, not timed", m)
		res.Ctxlint = e.measure(dir, e.ctxlint, ctxlintArgs...)
	} else {
		logf("%s: floor and ctxlint, %d runs each", m, *runs)
		res.Timed = true
		res.Floor, res.Ctxlint = e.measurePair(dir, *runs)
		if _, errs, err := parseJSON(res.Floor.Stdout, name); err != nil || len(errs) > 0 || res.Floor.Exit != 0 {
			res.Baseline = append(res.Baseline, fmt.Sprintf("floor: exit %d %v %s %s", res.Floor.Exit, err, strings.Join(errs, "; "), firstLines(string(res.Floor.Stderr), 5)))
		}
	}
	res.checkCtxlint("ctxlint -json ./...", res.Ctxlint)
	logf("%s: the result cache, cold and warm", m)
	res.Cache = e.checkCache(dir, res.Ctxlint, map[bool]int{true: *runs, false: 1}[res.Timed], checkerArgs...)
	logf("%s: the incremental engine, cold, warm and after edits", m)
	res.Engine = e.checkCache(dir, res.Ctxlint, 1, engineArgs...)
	diags, errs, err := parseJSON(res.Ctxlint.Stdout, name)
	res.Diags = diags
	res.Errors = append(res.Errors, errs...)
	if err != nil {
		res.Errors = append(res.Errors, err.Error())
	}

	logf("%s: go vet -lostcancel", m)
	// go vet caches its results, diagnostics included. An otherwise unused
	// analyzer flag changes the cache key, so every package (and, for
	// facts, every dependency) is really vetted, as ctxlint really
	// analyzes them.
	nonce := fmt.Sprintf("-printf.funcs=ctxlintCorpusNonce%d", time.Now().UnixNano())
	res.Vet = e.measure(dir, "go", "vet", "-lostcancel", nonce, "-json", "./...")
	vet, verrs, err := parseJSON(append(append([]byte{}, res.Vet.Stdout...), res.Vet.Stderr...), name)
	if err != nil || len(verrs) > 0 || res.Vet.Exit != 0 {
		res.Baseline = append(res.Baseline, fmt.Sprintf("go vet: exit %d %v %s", res.Vet.Exit, err, strings.Join(verrs, "; ")))
	}
	res.VetDiags = vet
	res.Ignored = parseIgnored(res.Ctxlint.Stderr, name)
	res.Misses = vetMisses(vet, append(append([]diag{}, diags...), res.Ignored...))

	if !*skipFix {
		res.Fix = e.checkFixes(m, dir, res)
	}
	if !*skipBroken {
		res.Broken = e.checkBroken(m, dir, res)
	}
	logf("%s: %d diagnostics, ctxlint %s, floor %s, vet %s", m, len(res.Diags),
		res.Ctxlint.Wall.Round(time.Millisecond), res.Floor.Wall.Round(time.Millisecond), res.Vet.Wall.Round(time.Millisecond))
	return res
}

// saveResult keeps res in the work directory for later -reuse runs.
func (e *env) saveResult(res *moduleResult) {
	data, err := json.MarshalIndent(res, "", "\t")
	if err == nil {
		err = os.WriteFile(e.resultFile(res.Mod), data, 0o644)
	}
	if err != nil {
		logf("%s: saving results: %v", res.Mod, err)
	}
}

// loadResult returns the saved results of m's last run, or nil.
func (e *env) loadResult(m module) *moduleResult {
	data, err := os.ReadFile(e.resultFile(m))
	if err != nil {
		return nil
	}
	var res moduleResult
	if err := json.Unmarshal(data, &res); err != nil || res.Mod != m {
		return nil
	}
	res.Reused = true
	return &res
}

func (e *env) resultFile(m module) string {
	dir := filepath.Join(e.work, "results")
	os.MkdirAll(dir, 0o755)
	return filepath.Join(dir, strings.NewReplacer("/", "_", "@", "_").Replace(m.String())+".json")
}

// checkCtxlint records a panic or an unexpected exit of a ctxlint run. Exit
// 0 is clean and 1 means diagnostics were found (multichecker exits 0
// with -json; the ctxlint driver may exit 1); anything else is a failure.
func (r *moduleResult) checkCtxlint(what string, c run) {
	switch {
	case isPanic(c.Stderr):
		r.Panics = append(r.Panics, what+": "+firstLines(string(c.Stderr), 15))
	case c.Exit != 0 && c.Exit != 1:
		r.Errors = append(r.Errors, fmt.Sprintf("%s: exit %d: %s", what, c.Exit, firstLines(string(c.Stderr), 5)))
	case c.Exit == 1 && !bytes.HasPrefix(bytes.TrimSpace(c.Stdout), []byte("{")):
		r.Errors = append(r.Errors, fmt.Sprintf("%s: exit 1 without JSON output: %s", what, firstLines(string(c.Stderr), 5)))
	}
}

// count records the module's packages and lines of Go, test files apart.
func (r *moduleResult) count(e *env, dir string) error {
	out, err := e.goCmd(dir, "list", "-e", "-f",
		`{{.Dir}}{{"\x00"}}{{join .GoFiles " "}} {{join .CgoFiles " "}}{{"\x00"}}{{join .TestGoFiles " "}} {{join .XTestGoFiles " "}}`,
		"./...")
	if err != nil {
		return fmt.Errorf("%v\n%s", err, firstLines(out, 5))
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		parts := strings.Split(line, "\x00")
		if len(parts) != 3 {
			continue
		}
		r.Packages++
		for _, f := range strings.Fields(parts[1]) {
			r.Files++
			r.Lines += lineCount(filepath.Join(parts[0], f))
		}
		for _, f := range strings.Fields(parts[2]) {
			r.TestFiles++
			r.TestLines += lineCount(filepath.Join(parts[0], f))
		}
	}
	return nil
}

func lineCount(file string) int {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte("\n"))
}

// analyzerCounts returns the number of diagnostics per analyzer.
func analyzerCounts(ds []diag) map[string]int {
	c := map[string]int{}
	for _, d := range ds {
		c[d.Analyzer]++
	}
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
