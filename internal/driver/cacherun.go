package driver

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"
)

// How a run uses the result cache: before loading anything, list the
// packages and compute the key of each package to analyze; if every one
// is cached, print the cached results and stop. Otherwise analyze as
// without a cache, then store each package's results under the key
// computed before loading (so a file edited during the run makes the
// next run miss rather than hit stale results).

// cacheLookup is what the result cache answered before the run.
type cacheLookup struct {
	cache   *resultCache        // nil: the cache is off for this run
	keys    map[string][32]byte // root package ID -> key
	results *runResults         // every package's results, when all were cached
	cached  *runResults         // the results of the packages that were cached
	missed  []string            // the IDs of the packages that were not
	// missedPaths are the import paths that load them: a test
	// variant, or an external test package (p_test), by the path of the
	// package under test.
	missedPaths []string
	// list and keyer are the listing the keys were computed from, and
	// the keys of every package listed, for the incremental engine.
	list  *listing
	keyer *keyer
}

// resultsKind is the cache namespace of package results; exeKind that
// of executable hashes.
const (
	resultsKind = "results"
	exeKind     = "exe"
)

// lookupCache computes the keys of the packages to analyze and returns
// their cached results if all of them are cached.
func (inv *invocation) lookupCache() *cacheLookup {
	lookup := &cacheLookup{}
	if reason := inv.cacheBypass(); reason != "" {
		inv.verbosef("cache: not used (%s)", reason)
		return lookup
	}
	dir, off := cacheDir(inv.opts.cache)
	if off != "" {
		inv.verbosef("cache: off (%s)", off)
		return lookup
	}
	cache, err := openResultCache(dir)
	if err != nil {
		inv.verbosef("cache: off (%v)", err)
		return lookup
	}
	start := time.Now()
	opts := inv.opts
	list, err := listPackages(opts.patterns, opts.tests, opts.buildFlags())
	switch {
	case err != nil:
		inv.verbosef("cache: not used (%v)", err)
		return lookup
	case list.problems:
		inv.verbosef("cache: not used (go list reports errors or warnings)")
		return lookup
	}
	exe, err := executableKey(cache)
	if err != nil {
		inv.verbosef("cache: not used (hashing ctxlint's executable: %v)", err)
		return lookup
	}
	k := newKeyer(list, runKey(exe, list, opts, inv.all))
	res := &runResults{failed: make(map[string]map[string]string), analyzers: analyzersByName(opts.analyzers)}
	roots := list.roots()
	keys := make(map[string][32]byte, len(roots))
	for _, id := range roots {
		key, err := k.key(id)
		if err != nil {
			inv.verbosef("cache: not used (%v)", err)
			return lookup
		}
		keys[id] = key
		if pr, ok := loadPackageResult(cache, key, id, res); ok {
			res.packages = append(res.packages, pr)
		} else {
			lookup.missed = append(lookup.missed, id)
			lookup.missedPaths = append(lookup.missedPaths, packageUnderTest(list.pkgs[id]))
		}
	}
	lookup.cache, lookup.keys, lookup.cached = cache, keys, res
	lookup.list, lookup.keyer = list, k
	inv.verbosef("cache: %d of %d %s cached in %s (go list, %d KiB of source hashed, lookups in %s)",
		len(res.packages), len(roots), plural(len(roots), "package", "packages"), dir, k.bytes>>10, roundDuration(time.Since(start)))
	inv.trimCache(cache)
	if len(roots) > 0 && len(res.packages) == len(roots) {
		inv.verbosef("%d %s from cache, 0 analyzed", len(roots), plural(len(roots), "package", "packages"))
		lookup.results = res
	}
	return lookup
}

// cacheBypass says why this run must analyze even if everything is
// cached, or "".
func (inv *invocation) cacheBypass() string {
	switch opts := inv.opts; {
	case opts.fix:
		return "-fix and -diff need the syntax trees"
	case strings.ContainsAny(opts.debug, "fst"):
		return "-debug=f, s and t report on the analysis itself"
	case os.Getenv("GOPACKAGESDRIVER") != "" && os.Getenv("GOPACKAGESDRIVER") != "off":
		return "GOPACKAGESDRIVER lists the packages, not go list"
	}
	return ""
}

// loadPackageResult returns the cached results of the package id under
// key, if they are there, whole, and name only analyzers of the run.
func loadPackageResult(cache *resultCache, key [32]byte, id string, res *runResults) (*packageResult, bool) {
	data, ok := cache.get(resultsKind, key)
	if !ok {
		return nil, false
	}
	pr := new(packageResult)
	if err := json.Unmarshal(data, pr); err != nil || pr.ID != id {
		return nil, false
	}
	for _, ar := range pr.Actions {
		if res.analyzers[ar.Analyzer] == nil {
			return nil, false
		}
	}
	return pr, true
}

// storeInCache stores the results of every package analyzed, under the
// keys computed before loading, provided the load analyzed exactly the
// packages the keys were computed for.
func (inv *invocation) storeInCache(lookup *cacheLookup, res *runResults, pkgs []*packages.Package) {
	if lookup.cache == nil {
		return
	}
	if !lookup.covers(pkgs) {
		inv.verbosef("cache: nothing stored (the load analyzed packages go list did not list)")
		return
	}
	stored := inv.storeResults(lookup, res)
	inv.verbosef("cache: stored the results of %d of %d %s", stored, len(pkgs), plural(len(pkgs), "package", "packages"))
}

// storeResults stores the results of the packages of res whose keys
// were computed, and returns how many it stored.
func (inv *invocation) storeResults(lookup *cacheLookup, res *runResults) int {
	stored := 0
	for _, pr := range res.packages {
		key, ok := lookup.keys[pr.ID]
		if !ok || !pr.cacheable {
			continue
		}
		data, err := json.Marshal(pr)
		if err == nil {
			err = lookup.cache.put(resultsKind, key, data)
		}
		if err != nil {
			inv.verbosef("cache: storing %s: %v", pr.ID, err)
			continue
		}
		stored++
	}
	return stored
}

// trimCache trims the cache (at most once a day); a failure only costs
// disk space, so it is reported under -v only.
func (inv *invocation) trimCache(cache *resultCache) {
	if n, err := cache.trim(); err != nil {
		inv.verbosef("cache: trimming: %v", err)
	} else if n > 0 {
		inv.verbosef("cache: trimmed %d unused %s", n, plural(n, "entry", "entries"))
	}
}

// executableKey returns the SHA-256 of ctxlint's executable, cached by
// the executable's path, size and modification time: hashing a binary of
// tens of megabytes on every run would cost more than the rest of a
// cached run.
func executableKey(cache *resultCache) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", err
	}
	id := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, info.Size(), info.ModTime().UnixNano()))
	if data, ok := cache.get(exeKind, id); ok {
		return string(data), nil
	}
	sum, err := executableHash()
	if err != nil {
		return "", err
	}
	cache.put(exeKind, id, []byte(sum)) // a failure only costs the next run a hash
	return sum, nil
}

// covers reports whether the keys were computed for every package of
// pkgs, the packages a load is about to analyze.
func (lookup *cacheLookup) covers(pkgs []*packages.Package) bool {
	for _, p := range pkgs {
		if _, ok := lookup.keys[p.ID]; !ok {
			return false
		}
	}
	return true
}

// packageUnderTest is the import path that makes go list load p: its
// own, or for a test variant ("p [p.test]") or an external test package
// ("p_test [p.test]"), the path of the package it tests.
func packageUnderTest(p *listedPackage) string {
	if p.ForTest != "" {
		return p.ForTest
	}
	return pkgPath(p.ImportPath)
}
