//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// cacheResult is the result cache's check on one module: ctxlint run
// with an empty cache (which fills it), then again (served from it),
// must print byte for byte what the uncached run printed; the warm run
// is timed next to go list, which is what it should cost.
type cacheResult struct {
	Skipped  string // why the check did not run
	Cold     run    // an empty cache: analysis, and the cache written
	Warm     run    // median of the warm runs
	GoList   run    // median of go list -deps -export -test -json ./...
	Served   bool   // a -v warm run said every package came from the cache
	Mismatch []string
	// After editing one file (a comment appended, which changes no
	// finding) of a leaf package (imported by no other package of the
	// module) and of the package most others import.
	Leaf, Core           string // the packages edited
	AfterLeaf, AfterCore run
}

// goListArgs is the listing the issue compares a warm run with.
var goListArgs = []string{"list", "-deps", "-export", "-test", "-json", "./..."}

var servedLine = regexp.MustCompile(`(?m)^ctxlint: [0-9]+ packages? from cache, 0 analyzed$`)

// engineArgs select ctxlint's incremental engine (the default, named so
// that the report says which runs are whose).
var engineArgs = []string{"-engine=incremental"}

// checkCache runs the cache check in dir, comparing with uncached, the
// measured run of ctxlintArgs with the cache off; engine (checkerArgs or
// engineArgs) goes before outputArgs.
func (e *env) checkCache(dir string, uncached run, n int, engine ...string) cacheResult {
	args := append(append([]string{}, engine...), outputArgs...)
	var res cacheResult
	cache, err := os.MkdirTemp(e.bin, "cache-")
	if err != nil {
		res.Skipped = err.Error()
		return res
	}
	defer os.RemoveAll(cache)
	cached := e.withVars("CTXLINT_CACHE=" + cache)
	res.Cold = cached.measure(dir, e.ctxlint, args...)
	var warms, lists []run
	for range max(n, 1) {
		warms = append(warms, cached.measure(dir, e.ctxlint, args...))
		lists = append(lists, e.measure(dir, "go", goListArgs...))
	}
	res.Warm, res.GoList = median(warms), median(lists)
	for _, c := range []struct {
		name string
		r    run
	}{{"cold (empty cache)", res.Cold}, {"warm", warms[0]}} {
		res.Mismatch = append(res.Mismatch, sameOutput(c.name, c.r, uncached)...)
	}
	verbose := cached.measure(dir, e.ctxlint, append([]string{"-v"}, args...)...)
	res.Served = servedLine.Match(verbose.Stderr)

	leaf, core, err := e.editTargets(dir)
	if err != nil {
		res.Mismatch = append(res.Mismatch, err.Error())
		return res
	}
	for _, t := range []struct {
		pkg *editTarget
		out *run
	}{{leaf, &res.AfterLeaf}, {core, &res.AfterCore}} {
		if t.pkg == nil {
			continue
		}
		restore, err := t.pkg.edit()
		if err != nil {
			res.Mismatch = append(res.Mismatch, err.Error())
			continue
		}
		*t.out = cached.measure(dir, e.ctxlint, args...)
		restore()
		res.Mismatch = append(res.Mismatch, sameOutput("after editing "+t.pkg.path, *t.out, uncached)...)
	}
	if leaf != nil {
		res.Leaf = leaf.path
	}
	if core != nil {
		res.Core = core.path
	}
	return res
}

// editTarget is a package of the module and the file an edit changes.
type editTarget struct {
	path string
	file string
}

// edit appends a comment to the file, which changes its hash and no
// finding, and returns the function that puts the file back.
func (t *editTarget) edit() (func(), error) {
	data, err := os.ReadFile(t.file)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(t.file, append(append([]byte{}, data...), "\n// An edit by the corpus harness.\n"...), 0o644); err != nil {
		return nil, err
	}
	return func() { os.WriteFile(t.file, data, 0o644) }, nil
}

// editTargets picks the module's leaf package with the most files and
// the package the most others of the module import.
func (e *env) editTargets(dir string) (leaf, core *editTarget, err error) {
	out, err := output(dir, e.vars, "go", "list", "-f", `{{.ImportPath}}{{"\t"}}{{.Dir}}{{"\t"}}{{join .GoFiles " "}}{{"\t"}}{{join .Imports " "}}`, "./...")
	if err != nil {
		return nil, nil, fmt.Errorf("listing the packages to edit: %v", err)
	}
	type pkg struct {
		path, dir string
		files     []string
		importers int
	}
	var pkgs []*pkg
	byPath := map[string]*pkg{}
	var imports [][]string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[2] == "" {
			continue
		}
		p := &pkg{path: f[0], dir: f[1], files: strings.Fields(f[2])}
		pkgs = append(pkgs, p)
		byPath[p.path] = p
		imports = append(imports, strings.Fields(f[3]))
	}
	for _, imps := range imports {
		for _, imp := range imps {
			if p := byPath[imp]; p != nil {
				p.importers++
			}
		}
	}
	var bestLeaf, bestCore *pkg
	for _, p := range pkgs {
		if p.importers == 0 && (bestLeaf == nil || len(p.files) > len(bestLeaf.files)) {
			bestLeaf = p
		}
		if p.importers > 0 && (bestCore == nil || p.importers > bestCore.importers) {
			bestCore = p
		}
	}
	target := func(p *pkg) *editTarget {
		if p == nil {
			return nil
		}
		return &editTarget{path: p.path, file: filepath.Join(p.dir, p.files[0])}
	}
	return target(bestLeaf), target(bestCore), nil
}

// sameOutput lists how a cached run differs from the uncached one.
func sameOutput(name string, got, want run) []string {
	var out []string
	if got.Exit != want.Exit {
		out = append(out, fmt.Sprintf("%s run exited %d, the uncached one %d", name, got.Exit, want.Exit))
	}
	if !bytes.Equal(got.Stdout, want.Stdout) {
		out = append(out, fmt.Sprintf("%s run's stdout (%d bytes) differs from the uncached one's (%d bytes)", name, len(got.Stdout), len(want.Stdout)))
	}
	if !bytes.Equal(got.Stderr, want.Stderr) {
		out = append(out, fmt.Sprintf("%s run's stderr differs from the uncached one's: %q vs %q", name, firstLines(string(got.Stderr), 2), firstLines(string(want.Stderr), 2)))
	}
	return out
}

// withVars returns a copy of e whose commands also get vars (later
// entries win).
func (e *env) withVars(vars ...string) *env {
	c := *e
	c.vars = append(append([]string{}, e.vars...), vars...)
	return &c
}

// writeCache writes the result cache's part of the report, for the
// default engine and for the incremental one.
func (r *report) writeCache(p func(string, ...any)) {
	p("### Result cache")
	p("")
	p("ctxlint `%s` with an empty cache (cold), then with the cache it wrote (warm, the median of the runs), each printing byte for byte what the run with the cache off printed, next to `go %s` (its median).", joinArgs(checkerArgs), joinArgs(goListArgs))
	p("")
	p("After an edit, the packages whose keys changed are analyzed (with their dependencies loaded from source) and the rest come from the cache; the edit appends a comment to a file of the leaf package with the most files, or of the package most others of the module import, and the output must still be the uncached run's.")
	p("")
	r.writeCacheTable(p, func(m *moduleResult) cacheResult { return m.Cache })
	p("### Incremental engine")
	p("")
	p("The same runs with `%s`, the default (one warm run): packages that hit come from the cache, their dependencies' types from the type data the engine stored and their facts from the cache; only what missed is type-checked from source.", joinArgs(engineArgs))
	p("")
	r.writeCacheTable(p, func(m *moduleResult) cacheResult { return m.Engine })
}

func (r *report) writeCacheTable(p func(string, ...any), of func(*moduleResult) cacheResult) {
	p("| module | same output | warm served from cache | cold CPU | cold peak | warm CPU | warm peak | go list CPU | go list peak | CPU warm/go list | leaf edited | CPU | peak | CPU leaf/cold | core edited | CPU | peak | CPU core/cold |")
	p("|%s", strings.Repeat("---|", 18))
	for _, m := range r.Modules {
		c := of(m)
		if c.Skipped == "" && c.Cold.Wall == 0 {
			c.Skipped = "not run: measured before the harness ran this check"
		}
		switch {
		case m.PrepErr != "":
			continue
		case c.Skipped != "":
			p("| %s | (%s) |%s", m.Mod, mdCell(c.Skipped), strings.Repeat(" |", 16))
			continue
		}
		same := "yes"
		if len(c.Mismatch) > 0 {
			same = "**no**"
		}
		p("| %s | %s | %t | %s | %s | %s | %s | %s | %s | %s | `%s` | %s | %s | %s | `%s` | %s | %s | %s |", m.Mod, same, c.Served,
			centisecs(c.Cold.CPU), mib(c.Cold.MaxRSS), centisecs(c.Warm.CPU), mib(c.Warm.MaxRSS),
			centisecs(c.GoList.CPU), mib(c.GoList.MaxRSS), ratio(c.Warm.CPU, c.GoList.CPU),
			c.Leaf, centisecs(c.AfterLeaf.CPU), mib(c.AfterLeaf.MaxRSS), ratio(c.AfterLeaf.CPU, c.Cold.CPU),
			c.Core, centisecs(c.AfterCore.CPU), mib(c.AfterCore.MaxRSS), ratio(c.AfterCore.CPU, c.Cold.CPU))
	}
	p("")
}

func centisecs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func joinArgs(args []string) string {
	var b bytes.Buffer
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a)
	}
	return b.String()
}
