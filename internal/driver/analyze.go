package driver

import (
	"cmp"
	"errors"
	"fmt"
	"go/token"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// finding is one diagnostic of one analyzer, with its position resolved.
type finding struct {
	analyzer *analysis.Analyzer
	diag     analysis.Diagnostic
	fset     *token.FileSet
	posn     token.Position // as reported (//line directives applied)
	end      token.Position
	// suppressedBy is the //nolint directive that suppresses the
	// finding, or nil.
	suppressedBy *directive
}

// analyze runs analyzers on pkgs with the checker's options opts. It returns the action graph and the
// analysis failures (one line each); a failure in one package does not
// stop the others.
func analyze(analyzers []*analysis.Analyzer, pkgs []*packages.Package, opts *checker.Options) (*checker.Graph, []string, error) {
	guardPanics(analyzers)
	graph, err := checker.Analyze(analyzers, pkgs, opts)
	if err != nil {
		return nil, nil, err
	}
	return graph, actionErrors(graph), nil
}

// guarded records the analyzers whose Run guardPanics already wrapped.
var guarded sync.Map // *analysis.Analyzer -> bool

// guardPanics makes every analyzer that analyzers need turn a panic into
// an error naming the analyzer and the package. The checker runs each
// pass on its own goroutine, where an unrecovered panic would kill the
// process with a stack trace. Run is wrapped in place because analyzers
// find their prerequisites' results by pointer identity.
func guardPanics(analyzers []*analysis.Analyzer) {
	for _, a := range requiredClosure(analyzers) {
		if _, done := guarded.LoadOrStore(a, true); done {
			continue
		}
		run := a.Run
		a.Run = func(pass *analysis.Pass) (result any, err error) {
			defer func() {
				if r := recover(); r != nil {
					result, err = nil, &analyzerError{a.Name, pass.Pkg.Path(), fmt.Sprintf("panic: %v", r)}
				}
			}()
			result, err = run(pass)
			if err != nil {
				err = &analyzerError{a.Name, pass.Pkg.Path(), err.Error()}
			}
			return result, err
		}
	}
}

// analyzerError is the failure of one analyzer on one package.
type analyzerError struct {
	analyzer, pkg, problem string
}

func (e *analyzerError) Error() string {
	return fmt.Sprintf("analyzer %s failed on package %s: %s", e.analyzer, e.pkg, oneLine(e.problem))
}

// requiredClosure returns analyzers and everything they require, each
// after what it requires (the order a runner must run them in), keeping
// the given order otherwise.
func requiredClosure(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var all []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		all = append(all, a)
	}
	for _, a := range analyzers {
		visit(a)
	}
	return all
}

// actionErrors returns the distinct root causes of failed actions; the
// actions that failed only because a prerequisite did are left out.
func actionErrors(graph *checker.Graph) []string {
	var problems []string
	seen := make(map[string]bool)
	for act := range graph.All() {
		if act.Err == nil || slices.ContainsFunc(act.Deps, func(dep *checker.Action) bool { return dep.Err != nil }) {
			continue
		}
		line := act.Err.Error()
		var ae *analyzerError
		if !errors.As(act.Err, &ae) {
			line = fmt.Sprintf("analyzer %s failed on package %s: %s", act.Analyzer.Name, act.Package.PkgPath, oneLine(line))
		}
		if !seen[line] {
			seen[line] = true
			problems = append(problems, line)
		}
	}
	return problems
}

// rootFindings returns every diagnostic of the root actions, duplicates
// included (a file shared by a package and its test variant is reported
// by both).
func rootFindings(graph *checker.Graph) []finding {
	var all []finding
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			all = append(all, newFinding(act, d))
		}
	}
	return all
}

func newFinding(act *checker.Action, d analysis.Diagnostic) finding {
	fset := act.Package.Fset
	f := finding{analyzer: act.Analyzer, diag: d, fset: fset, posn: fset.Position(d.Pos)}
	if d.End.IsValid() {
		f.end = fset.Position(d.End)
	}
	return f
}

// findingKey identifies a finding reported twice, by a package and by its
// test variant (the file is parsed twice, so token.Pos values differ).
type findingKey struct {
	posn, end token.Position
	analyzer  string
	message   string
}

func (f finding) key() findingKey {
	return findingKey{f.posn, f.end, f.analyzer.Name, f.diag.Message}
}

// distinct returns findings without duplicates, sorted by position.
func distinct(findings []finding) []finding {
	seen := make(map[findingKey]bool)
	var out []finding
	for _, f := range findings {
		if k := f.key(); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, compareFindings)
	return out
}

func compareFindings(a, b finding) int {
	return cmp.Or(
		cmp.Compare(a.posn.Filename, b.posn.Filename),
		cmp.Compare(a.posn.Line, b.posn.Line),
		cmp.Compare(a.posn.Column, b.posn.Column),
		cmp.Compare(a.analyzer.Name, b.analyzer.Name),
		cmp.Compare(a.diag.Message, b.diag.Message),
	)
}
