package driver

import (
	"errors"
	"fmt"
	"go/types"
	"maps"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// -fix and -diff guarantee: files change only in the main module(s) and
// never when generated (fixScope); a package's fixes are applied only if
// the package, fixed, still type-checks, else none of them is; the files
// are replaced all at once or not at all (writeFiles); the findings
// printed afterwards carry their positions in the rewritten files.

// candidate is the fix of one finding, with the package that reported it.
type candidate struct {
	fix *fix
	key findingKey
	pkg *packages.Package
}

// fix applies the first suggested fix of each finding, or with -diff
// prints the changes as a unified diff. It returns the findings that
// remain (all of them with -diff, which changes nothing) and whether an
// error occurred.
func (inv *invocation) fix(graph *checker.Graph, findings []finding) ([]finding, bool) {
	cands, failed := inv.fixCandidates(graph)
	cands = inv.withinScope(cands)
	out := inv.typeCheckedPlan(cands, rootPackages(graph))
	failed = failed || out.failed

	fixed := make(map[findingKey]bool)
	for _, c := range out.applied {
		fixed[c.key] = true
	}
	var remaining []finding
	for _, f := range findings {
		if !fixed[f.key()] {
			remaining = append(remaining, f)
		}
	}
	if inv.opts.diff {
		// stdout is a patch; what the patch does not fix goes to stderr.
		inv.writeDiffs(out.contents)
		writeText(inv.stderr, remaining, inv.paths, inv.src, inv.opts.context)
		return findings, failed
	}
	if err := writeFiles(out.contents, inv.src.read, inv.paths.file); err != nil {
		inv.errorf("-fix: %v", err)
		writeText(inv.stdout, findings, inv.paths, inv.src, inv.opts.context)
		return findings, true
	}
	remaining = repositioned(remaining, inv.src, out.contents)
	writeText(inv.stdout, remaining, inv.paths, inv.src, inv.opts.context)
	return remaining, failed
}

// fixCandidates returns the first suggested fix of every diagnostic of
// the root actions, and whether one of them could not be converted.
func (inv *invocation) fixCandidates(graph *checker.Graph) ([]*candidate, bool) {
	loc := &locator{src: inv.src}
	failed := false
	var cands []*candidate
	eachFirstFix(graph, inv.paths, loc, func(act *checker.Action, f finding, fx *fix, err error) {
		var unmapped *unmappedError
		switch {
		case errors.As(err, &unmapped):
			inv.errorf("-fix: %v; the finding is reported unfixed", err)
		case err != nil:
			inv.errorf("%v", err)
			failed = true
		default:
			cands = append(cands, &candidate{fix: fx, key: f.key(), pkg: act.Package})
		}
	})
	return cands, failed
}

// withinScope drops the fixes that would change a file outside the main
// modules or a generated file, and says once per file which and why.
func (inv *invocation) withinScope(cands []*candidate) []*candidate {
	scope := newFixScope(inv.src)
	skipped := make(map[string]string)
	var keep []*candidate
	for _, c := range cands {
		ok := true
		for _, e := range c.fix.edits {
			if reason := scope.whyNot(c.pkg, e.file); reason != "" {
				skipped[e.file] = reason
				ok = false
			}
		}
		if ok {
			keep = append(keep, c)
		}
	}
	for _, file := range slices.Sorted(maps.Keys(skipped)) {
		inv.errorf("-fix: not changing %s: %s; its findings are reported unfixed", inv.paths.file(file), skipped[file])
	}
	return keep
}

// fixOutcome is what -fix may write.
type fixOutcome struct {
	applied  []*candidate      // the fixes in contents
	contents map[string][]byte // new content of each file to change
	failed   bool              // a package's fixes were refused
}

// typeCheckedPlan plans the fixes, then type-checks every package they
// change as it would be once fixed. A package that does not parse or
// type-check loses all its fixes (and the fixes of other packages that
// edit its files), which are planned again without them, until every
// changed package checks.
func (inv *invocation) typeCheckedPlan(cands []*candidate, roots []*packages.Package) fixOutcome {
	known := loadedTypes(roots)
	byFile := packagesByFile(roots)
	rejected := make(map[*packages.Package]bool)
	failed := false
	for {
		var live []*candidate
		for _, c := range cands {
			if !touchesAny(c, byFile, rejected) {
				live = append(live, c)
			}
		}
		fixes := make([]*fix, len(live))
		for i, c := range live {
			fixes[i] = c.fix
		}
		plan := planFixes(fixes)
		contents, errs := plan.applyEach(inv.src.read)
		broken := inv.brokenPackages(live, plan, contents, errs, byFile, known)
		if len(broken) == 0 {
			inv.reportProblems(plan.problems)
			var applied []*candidate
			for i, c := range live {
				if plan.accepted[i] {
					applied = append(applied, c)
				}
			}
			return fixOutcome{applied: applied, contents: contents, failed: failed}
		}
		for _, b := range broken {
			rejected[b.pkg] = true
			failed = true
			inv.errorf("-fix: not fixing package %s: its fixed code does not compile (%s); its findings are reported unfixed", b.pkg.PkgPath, b.problem)
		}
	}
}

// brokenPackage is a package whose fixed form fails to compile.
type brokenPackage struct {
	pkg     *packages.Package
	problem string
}

// brokenPackages returns the packages that the accepted fixes of the plan
// break: a changed file that does not format, or a type error.
func (inv *invocation) brokenPackages(live []*candidate, plan *fixPlan, contents map[string][]byte, errs map[string]error, byFile map[string][]*packages.Package, known map[string]*types.Package) []brokenPackage {
	var broken []brokenPackage
	seen := make(map[*packages.Package]bool)
	breaks := func(p *packages.Package, problem string) {
		if !seen[p] {
			seen[p] = true
			broken = append(broken, brokenPackage{p, problem})
		}
	}
	for _, file := range slices.Sorted(maps.Keys(errs)) {
		for _, p := range byFile[file] {
			breaks(p, inv.paths.inText(errs[file].Error()))
		}
	}
	compiled, cerrs := compiledContents(live, plan, contents, inv.src.read)
	for _, file := range slices.Sorted(maps.Keys(cerrs)) {
		for _, p := range byFile[file] {
			breaks(p, inv.paths.inText(cerrs[file].Error()))
		}
	}
	for _, p := range packagesOf(compiled, byFile) {
		if seen[p] {
			continue
		}
		if err := typeCheckFixed(p, compiled, known); err != nil {
			breaks(p, inv.paths.position(err.Error()))
		}
	}
	return broken
}

// compiledContents returns the fixed content of every parsed file the
// accepted fixes change: the fixed file itself, or for a cgo copy, the
// copy with the same edits.
func compiledContents(live []*candidate, plan *fixPlan, contents map[string][]byte, read func(string) ([]byte, error)) (map[string][]byte, map[string]error) {
	edits := make(map[string][]edit)
	for i, c := range live {
		if !plan.accepted[i] {
			continue
		}
		for _, e := range c.fix.compiled {
			edits[e.file] = append(edits[e.file], e)
		}
	}
	out := make(map[string][]byte)
	errs := make(map[string]error)
	for file, es := range edits {
		if content, ok := contents[file]; ok {
			out[file] = content
			continue
		}
		slices.SortFunc(es, compareEdits)
		es = slices.Compact(es)
		old, err := read(file)
		if err == nil {
			out[file], err = applyEdits(old, es)
		}
		if err != nil {
			errs[file] = err
		}
	}
	return out, errs
}

// rootPackages returns the distinct packages of the graph's roots.
func rootPackages(graph *checker.Graph) []*packages.Package {
	var pkgs []*packages.Package
	seen := make(map[*packages.Package]bool)
	for _, act := range graph.Roots {
		if !seen[act.Package] {
			seen[act.Package] = true
			pkgs = append(pkgs, act.Package)
		}
	}
	return pkgs
}

// packagesByFile indexes the root packages by their files, parsed
// (compiled) and as written.
func packagesByFile(pkgs []*packages.Package) map[string][]*packages.Package {
	byFile := make(map[string][]*packages.Package)
	for _, p := range pkgs {
		for _, name := range slices.Concat(p.CompiledGoFiles, p.GoFiles) {
			name = filepath.Clean(name)
			if !slices.Contains(byFile[name], p) {
				byFile[name] = append(byFile[name], p)
			}
		}
	}
	return byFile
}

// packagesOf returns the packages holding the files, in a stable order.
func packagesOf(files map[string][]byte, byFile map[string][]*packages.Package) []*packages.Package {
	var pkgs []*packages.Package
	for _, file := range slices.Sorted(maps.Keys(files)) {
		for _, p := range byFile[file] {
			if !slices.Contains(pkgs, p) {
				pkgs = append(pkgs, p)
			}
		}
	}
	return pkgs
}

// touchesAny reports whether c edits a file of a rejected package.
func touchesAny(c *candidate, byFile map[string][]*packages.Package, rejected map[*packages.Package]bool) bool {
	if rejected[c.pkg] {
		return true
	}
	for _, e := range slices.Concat(c.fix.edits, c.fix.compiled) {
		for _, p := range byFile[e.file] {
			if rejected[p] {
				return true
			}
		}
	}
	return false
}

func (inv *invocation) writeDiffs(contents map[string][]byte) {
	for _, file := range slices.Sorted(maps.Keys(contents)) {
		old, _ := inv.src.read(file)
		fmt.Fprint(inv.stdout, unifiedDiff(filepath.ToSlash(inv.paths.file(file)), old, contents[file]))
	}
}
