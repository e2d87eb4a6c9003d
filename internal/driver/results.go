package driver

import (
	"cmp"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A run's results, free of any FileSet or syntax tree: what every output
// format but -fix needs, in a form the result cache stores per package.
// A run that analyzes builds them from the checker's graph
// (resultsOf); a run whose packages are all cached reads them from the
// cache. Both print through the same code, so a cached run prints what
// the run that stored it printed.

// packageResult is what the analyzers reported on one root package.
type packageResult struct {
	ID      string           `json:"id"`
	Actions []analyzerResult `json:"actions"` // analyzers with diagnostics, in the run's order
	// cacheable: every diagnostic lies in one of the package's own
	// files, so its //nolint verdict depends only on what the
	// package's cache key covers.
	cacheable bool
}

// analyzerResult is one analyzer's diagnostics on one package, sorted as
// the text output is.
type analyzerResult struct {
	Analyzer    string       `json:"analyzer"`
	Diagnostics []diagRecord `json:"diagnostics"`
}

// diagRecord is an analysis.Diagnostic with its positions resolved.
type diagRecord struct {
	Category   string             `json:"category,omitempty"`
	Message    string             `json:"message"`
	Posn       token.Position     `json:"posn"` // //line directives applied
	End        token.Position     `json:"end"`  // zero when the diagnostic has no end
	Fixes      []fixRecord        `json:"fixes,omitempty"`
	Related    []relatedRecord    `json:"related,omitempty"`
	Suppressed *suppressionRecord `json:"suppressed,omitempty"` // the //nolint directive that hides it
}

// fixRecord and editRecord hold a suggested fix as multichecker's JSON
// prints it: file names and byte offsets.
type fixRecord struct {
	Message string       `json:"message"`
	Edits   []editRecord `json:"edits"`
}

type editRecord struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type relatedRecord struct {
	Posn    token.Position `json:"posn"`
	End     token.Position `json:"end"` // Posn when the information has no end
	Message string         `json:"message"`
}

type suppressionRecord struct {
	Text   string `json:"text"`
	Reason string `json:"reason,omitempty"`
}

// runResults are the results of every root package, and the failures of
// the actions that failed (package ID -> analyzer -> error), which the
// JSON tree lists. A run with failures is never cached.
type runResults struct {
	packages  []*packageResult
	failed    map[string]map[string]string
	analyzers map[string]*analysis.Analyzer // by name: every analyzer of the run
}

// resultsOf converts the graph of an analysis to results, marking each
// diagnostic that a //nolint directive of sup suppresses.
func resultsOf(graph *checker.Graph, sup *suppressions, analyzers []*analysis.Analyzer) *runResults {
	res := &runResults{failed: make(map[string]map[string]string), analyzers: analyzersByName(analyzers)}
	byID := make(map[string]*packageResult)
	for _, act := range graph.Roots {
		pr := byID[act.Package.ID]
		if pr == nil {
			pr = &packageResult{ID: act.Package.ID, cacheable: true}
			byID[act.Package.ID] = pr
			res.packages = append(res.packages, pr)
		}
		own := ownFiles(act.Package)
		var diags []diagRecord
		for _, d := range act.Diagnostics {
			raw := act.Package.Fset.PositionFor(d.Pos, false)
			pr.cacheable = pr.cacheable && own[raw.Filename]
			rec := recordOf(act.Package.Fset, d)
			if dir := sup.lookup(raw, act.Analyzer.Name, d.Category); dir != nil {
				rec.Suppressed = &suppressionRecord{Text: dir.text, Reason: dir.reason}
			}
			diags = append(diags, rec)
		}
		if len(diags) > 0 {
			slices.SortStableFunc(diags, func(a, b diagRecord) int { return compareRecords(a, b) })
			pr.Actions = append(pr.Actions, analyzerResult{Analyzer: act.Analyzer.Name, Diagnostics: diags})
		}
	}
	for act := range graph.All() {
		if act.Err != nil {
			if res.failed[act.Package.ID] == nil {
				res.failed[act.Package.ID] = make(map[string]string)
			}
			res.failed[act.Package.ID][act.Analyzer.Name] = act.Err.Error()
		}
	}
	return res
}

func analyzersByName(analyzers []*analysis.Analyzer) map[string]*analysis.Analyzer {
	m := make(map[string]*analysis.Analyzer)
	for _, a := range requiredClosure(analyzers) {
		m[a.Name] = a
	}
	return m
}

// ownFiles returns the set of files the type checker saw for pkg.
func ownFiles(pkg *packages.Package) map[string]bool {
	own := make(map[string]bool, len(pkg.CompiledGoFiles))
	for _, f := range pkg.CompiledGoFiles {
		own[f] = true
	}
	return own
}

// recordOf resolves d's positions as multichecker's JSON does.
func recordOf(fset *token.FileSet, d analysis.Diagnostic) diagRecord {
	rec := diagRecord{Category: d.Category, Message: d.Message, Posn: fset.Position(d.Pos)}
	if d.End.IsValid() {
		rec.End = fset.Position(d.End)
	}
	for _, sf := range d.SuggestedFixes {
		fr := fixRecord{Message: sf.Message}
		for _, te := range sf.TextEdits {
			start, end := fset.Position(te.Pos), fset.Position(te.End)
			fr.Edits = append(fr.Edits, editRecord{Filename: start.Filename, Start: start.Offset, End: end.Offset, New: string(te.NewText)})
		}
		rec.Fixes = append(rec.Fixes, fr)
	}
	for _, r := range d.Related {
		rec.Related = append(rec.Related, relatedRecord{Posn: fset.Position(r.Pos), End: fset.Position(cmp.Or(r.End, r.Pos)), Message: r.Message})
	}
	return rec
}

func compareRecords(a, b diagRecord) int {
	return cmp.Or(
		cmp.Compare(a.Posn.Filename, b.Posn.Filename),
		cmp.Compare(a.Posn.Line, b.Posn.Line),
		cmp.Compare(a.Posn.Column, b.Posn.Column),
		cmp.Compare(a.Message, b.Message),
	)
}

// findingOf is the finding rec stands for; its diag carries the message
// and category only (its positions are in posn and end).
func (res *runResults) findingOf(analyzer string, rec diagRecord) finding {
	f := finding{
		analyzer: res.analyzers[analyzer],
		diag:     analysis.Diagnostic{Message: rec.Message, Category: rec.Category},
		posn:     rec.Posn,
		end:      rec.End,
	}
	if s := rec.Suppressed; s != nil {
		f.suppressedBy = &directive{text: s.Text, reason: s.Reason}
	}
	return f
}

// findings returns the findings to report and those //nolint
// suppressed, each without duplicates and sorted by position.
func (res *runResults) findings() (reported, ignored []finding) {
	for _, pr := range res.packages {
		for _, ar := range pr.Actions {
			for _, rec := range ar.Diagnostics {
				if f := res.findingOf(ar.Analyzer, rec); f.suppressedBy != nil {
					ignored = append(ignored, f)
				} else {
					reported = append(reported, f)
				}
			}
		}
	}
	return distinct(reported), distinct(ignored)
}

// hide removes the diagnostics whose findings are hidden (by
// -new-from-rev or a baseline), so that the JSON tree leaves them out.
func (res *runResults) hide(hidden map[findingKey]bool) {
	for _, pr := range res.packages {
		for i, ar := range pr.Actions {
			kept := ar.Diagnostics[:0:0]
			for _, rec := range ar.Diagnostics {
				if !hidden[res.findingOf(ar.Analyzer, rec).key()] {
					kept = append(kept, rec)
				}
			}
			pr.Actions[i].Diagnostics = kept
		}
	}
}
