//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
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
}

// goListArgs is the listing the issue compares a warm run with.
var goListArgs = []string{"list", "-deps", "-export", "-test", "-json", "./..."}

var servedLine = regexp.MustCompile(`(?m)^ctxlint: [0-9]+ packages? from cache, 0 analyzed$`)

// checkCache runs the cache check in dir, comparing with uncached, the
// measured run of ctxlintArgs with the cache off.
func (e *env) checkCache(dir string, uncached run, n int) cacheResult {
	var res cacheResult
	cache, err := os.MkdirTemp(e.bin, "cache-")
	if err != nil {
		res.Skipped = err.Error()
		return res
	}
	defer os.RemoveAll(cache)
	cached := e.withVars("CTXLINT_CACHE=" + cache)
	res.Cold = cached.measure(dir, e.ctxlint, ctxlintArgs...)
	var warms, lists []run
	for range max(n, 1) {
		warms = append(warms, cached.measure(dir, e.ctxlint, ctxlintArgs...))
		lists = append(lists, e.measure(dir, "go", goListArgs...))
	}
	res.Warm, res.GoList = median(warms), median(lists)
	for _, c := range []struct {
		name string
		r    run
	}{{"cold (empty cache)", res.Cold}, {"warm", warms[0]}} {
		res.Mismatch = append(res.Mismatch, sameOutput(c.name, c.r, uncached)...)
	}
	verbose := cached.measure(dir, e.ctxlint, append([]string{"-v"}, ctxlintArgs...)...)
	res.Served = servedLine.Match(verbose.Stderr)
	return res
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

// writeCache writes the result cache's part of the report.
func (r *report) writeCache(p func(string, ...any)) {
	p("### Result cache")
	p("")
	p("ctxlint with an empty cache (cold), then with the cache it wrote (warm, the median of the runs), each printing byte for byte what the run with the cache off printed, next to `go %s` (its median).", joinArgs(goListArgs))
	p("")
	p("| module | same output | warm served from cache | cold CPU | cold peak | warm CPU | warm peak | go list CPU | go list peak | CPU warm/go list |")
	p("|%s", "---|---|---|---|---|---|---|---|---|---|")
	for _, m := range r.Modules {
		c := m.Cache
		switch {
		case m.PrepErr != "":
			continue
		case c.Skipped != "":
			p("| %s | (%s) |%s", m.Mod, mdCell(c.Skipped), " | | | | | | | |")
			continue
		}
		same := "yes"
		if len(c.Mismatch) > 0 {
			same = "**no**"
		}
		p("| %s | %s | %t | %s | %s | %s | %s | %s | %s | %s |", m.Mod, same, c.Served,
			centisecs(c.Cold.CPU), mib(c.Cold.MaxRSS), centisecs(c.Warm.CPU), mib(c.Warm.MaxRSS),
			centisecs(c.GoList.CPU), mib(c.GoList.MaxRSS), ratio(c.Warm.CPU, c.GoList.CPU))
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
