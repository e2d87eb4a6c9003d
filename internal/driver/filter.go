package driver

import (
	"golang.org/x/tools/go/analysis/checker"
)

// diagnosticSet is where the reported diagnostics live besides the
// findings: the run's results, or, for -fix, the graph's root actions.
type diagnosticSet interface {
	// hide removes the diagnostics of the hidden findings.
	hide(hidden map[findingKey]bool)
}

// hideFindings removes the findings hide accepts (called once per
// finding, in order) from findings and from set, so that every output
// format, the JSON tree included, leaves them out.
func hideFindings(set diagnosticSet, findings []finding, hide func(finding) bool) []finding {
	hidden := make(map[findingKey]bool)
	var kept []finding
	for _, f := range findings {
		if hide(f) {
			hidden[f.key()] = true
			continue
		}
		kept = append(kept, f)
	}
	if len(hidden) == 0 {
		return findings
	}
	set.hide(hidden)
	return kept
}

// rootActions is the diagnostic set of -fix: the graph's root actions,
// whose diagnostics the fixes are taken from.
type rootActions struct{ graph *checker.Graph }

func (r rootActions) hide(hidden map[findingKey]bool) {
	for _, act := range r.graph.Roots {
		diags := act.Diagnostics[:0:0]
		for _, d := range act.Diagnostics {
			if !hidden[newFinding(act, d).key()] {
				diags = append(diags, d)
			}
		}
		act.Diagnostics = diags
	}
}

// filterFindings applies -new-from-rev and -baseline to findings (and
// set), and writes -write-baseline. It returns the findings to report.
func (inv *invocation) filterFindings(set diagnosticSet, findings []finding) ([]finding, error) {
	if rev := inv.opts.newFromRev; rev != "" {
		changed, err := changedSince(inv.paths.cwd, rev)
		if err != nil {
			return nil, err
		}
		findings = hideFindings(set, findings, func(f finding) bool { return !changed.isNew(f.posn.Filename, f.posn.Line) })
	}
	if path := inv.opts.writeBaseline; path != "" {
		if err := writeBaseline(path, findings, inv.paths); err != nil {
			return nil, err
		}
		inv.errorf("wrote %d %s to the baseline %s", len(findings), plural(len(findings), "finding", "findings"), path)
		return hideFindings(set, findings, func(finding) bool { return true }), nil
	}
	if path := inv.opts.baseline; path != "" {
		counts, err := readBaseline(path)
		if err != nil {
			return nil, err
		}
		findings = hideFindings(set, findings, inBaseline(counts, inv.paths))
	}
	return findings, nil
}
