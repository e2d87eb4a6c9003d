package driver

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// debugLetters are the letters of multichecker's -debug flag, with the
// same meanings.
const debugLetters = "fpstv"

// checkDebug rejects letters -debug does not know: multichecker ignores
// them, but a typo then silently debugs nothing.
func checkDebug(s string) error {
	if i := strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune(debugLetters, r) }); i >= 0 {
		return fmt.Errorf("-debug=%s: unknown letter %q (want a subset of %q)", s, s[i], debugLetters)
	}
	return nil
}

func (o *options) debugging(letter byte) bool { return strings.IndexByte(o.debug, letter) >= 0 }

// isVerbose: -v, or -debug=v as multichecker spells it.
func (o *options) isVerbose() bool { return o.verbose || o.debugging('v') }

// checkerOptions maps -debug's letters onto the checker's options:
// f logs every fact as it is exported, p runs the analyzers sequentially,
// s checks that facts encode deterministically.
func (inv *invocation) checkerOptions() *checker.Options {
	opts := &checker.Options{Sequential: inv.opts.debugging('p'), SanityCheck: inv.opts.debugging('s')}
	if inv.opts.debugging('f') {
		opts.FactLog = inv.stderr
	}
	return opts
}

// verbosef writes a progress line on stderr under -v.
func (inv *invocation) verbosef(format string, args ...any) {
	if inv.opts.isVerbose() {
		inv.errorf(format, args...)
	}
}

// reportLoad says, under -v, what go list loaded and how long it took.
func (inv *invocation) reportLoad(pkgs []*packages.Package, took time.Duration) {
	if !inv.opts.isVerbose() {
		return
	}
	deps := countDependencies(pkgs)
	inv.verbosef("loaded %d %s to analyze and %d %s in %s",
		len(pkgs), plural(len(pkgs), "package", "packages"), deps, plural(deps, "dependency", "dependencies"), roundDuration(took))
	ids := make([]string, 0, len(pkgs))
	for _, p := range pkgs {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	for _, id := range ids {
		inv.verbosef("  %s", id)
	}
}

// reportAnalysis says, under -v, how many analyses ran and how long they
// took; under -debug=t, which actions took most of that time.
func (inv *invocation) reportAnalysis(graph *checker.Graph, took time.Duration) {
	var actions []*checker.Action
	roots := 0
	for act := range graph.All() {
		actions = append(actions, act)
		if act.IsRoot {
			roots++
		}
	}
	inv.verbosef("ran %d analyses (%d on the packages to analyze, %d on dependencies and prerequisites, for facts and results) in %s",
		len(actions), roots, len(actions)-roots, roundDuration(took))
	if inv.opts.debugging('t') {
		inv.reportSlowestActions(actions)
	}
}

// reportSlowestActions lists, as multichecker's -debug=t does, the
// actions accounting for 90% of the analysis time.
func (inv *invocation) reportSlowestActions(actions []*checker.Action) {
	if !inv.opts.debugging('p') {
		inv.errorf("times are mostly GC and scheduler noise in parallel runs; use -debug=tp to disable parallelism")
	}
	slices.SortFunc(actions, func(a, b *checker.Action) int { return int(b.Duration - a.Duration) })
	var total, sum time.Duration
	for _, act := range actions {
		total += act.Duration
	}
	for _, act := range actions {
		fmt.Fprintf(inv.stderr, "%s\t%s\n", act.Duration, act)
		if sum += act.Duration; sum >= total*9/10 {
			break
		}
	}
	if total > sum {
		fmt.Fprintf(inv.stderr, "%s\tall others\n", total-sum)
	}
}

// countDependencies counts the packages pkgs import, directly or not,
// that are not among pkgs.
func countDependencies(pkgs []*packages.Package) int {
	n := 0
	packages.Visit(pkgs, nil, func(*packages.Package) { n++ })
	return n - len(pkgs)
}

func roundDuration(d time.Duration) time.Duration { return d.Round(time.Millisecond) }

// buildFlags are the go command flags the command line asks for.
func (o *options) buildFlags() []string {
	if o.tags == "" {
		return nil
	}
	return []string{"-tags=" + o.tags}
}
