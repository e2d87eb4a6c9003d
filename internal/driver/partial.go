package driver

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// When some of the packages to analyze are cached and others are not,
// only the others are loaded and analyzed: with their dependencies
// loaded from source and analyzed for facts as in any run, so each
// package's findings are what a run of every package finds for it (a
// package's findings depend only on it and its dependencies), and the
// cached packages' results are added to theirs.

// missedPatterns returns the package patterns that load the packages
// the cache missed, or nil when the whole command line must be loaded:
// nothing was looked up, or a missed package has no import path to name
// it by (files named on the command line).
func (lookup *cacheLookup) missedPatterns() []string {
	if lookup.cache == nil || len(lookup.missed) == 0 || len(lookup.cached.packages) == 0 {
		return nil
	}
	var patterns []string
	for _, path := range lookup.missedPaths {
		if path == "command-line-arguments" || strings.HasPrefix(path, "-") {
			return nil
		}
		patterns = append(patterns, path)
	}
	slices.Sort(patterns)
	return slices.Compact(patterns)
}

// loadMissed loads the packages the cache missed, or, when that cannot
// be done, every package of the command line; partial says which.
func (inv *invocation) loadMissed(lookup *cacheLookup) (pkgs []*packages.Package, problems []string, partial bool) {
	opts := inv.opts
	if patterns := lookup.missedPatterns(); patterns != nil {
		inv.verbosef("cache: analyzing only the %d %s not cached", len(lookup.missed), plural(len(lookup.missed), "package", "packages"))
		inv.verbosef("loading %s with go list (tests: %t, build flags: %s)", strings.Join(patterns, " "), opts.tests, strings.Join(opts.buildFlags(), " "))
		pkgs, problems = loadPackages(patterns, opts.tests, opts.buildFlags(), inv.paths)
		if len(problems) == 0 && lookup.covers(pkgs) {
			return pkgs, nil, true
		}
		inv.verbosef("cache: the packages not cached did not load alone; loading everything")
	}
	inv.verbosef("loading %s with go list (tests: %t, build flags: %s)", strings.Join(opts.patterns, " "), opts.tests, strings.Join(opts.buildFlags(), " "))
	pkgs, problems = loadPackages(opts.patterns, opts.tests, opts.buildFlags(), inv.paths)
	return pkgs, problems, false
}

// withCached adds the results of the cached packages that res, the
// results of a partial analysis, does not hold.
func (lookup *cacheLookup) withCached(res *runResults) *runResults {
	analyzed := make(map[string]bool, len(res.packages))
	for _, pr := range res.packages {
		analyzed[pr.ID] = true
	}
	for _, pr := range lookup.cached.packages {
		if !analyzed[pr.ID] {
			res.packages = append(res.packages, pr)
		}
	}
	return res
}
