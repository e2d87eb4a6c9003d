package driver

import (
	"golang.org/x/tools/go/analysis/checker"
)

// hideFindings removes the findings hide accepts (called once per
// finding, in order) from findings and from the root actions of graph, so
// that every output format, the JSON tree included, leaves them out.
func hideFindings(graph *checker.Graph, findings []finding, hide func(finding) bool) []finding {
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
	for _, act := range graph.Roots {
		diags := act.Diagnostics[:0:0]
		for _, d := range act.Diagnostics {
			if !hidden[newFinding(act, d).key()] {
				diags = append(diags, d)
			}
		}
		act.Diagnostics = diags
	}
	return kept
}

// filterFindings applies -new-from-rev and -baseline to findings (and the
// graph), and writes -write-baseline. It returns the findings to report.
func (inv *invocation) filterFindings(graph *checker.Graph, findings []finding) ([]finding, error) {
	if rev := inv.opts.newFromRev; rev != "" {
		changed, err := changedSince(inv.paths.cwd, rev)
		if err != nil {
			return nil, err
		}
		findings = hideFindings(graph, findings, func(f finding) bool { return !changed.isNew(f.posn.Filename, f.posn.Line) })
	}
	if path := inv.opts.writeBaseline; path != "" {
		if err := writeBaseline(path, findings, inv.paths); err != nil {
			return nil, err
		}
		inv.errorf("wrote %d %s to the baseline %s", len(findings), plural(len(findings), "finding", "findings"), path)
		return hideFindings(graph, findings, func(finding) bool { return true }), nil
	}
	if path := inv.opts.baseline; path != "" {
		counts, err := readBaseline(path)
		if err != nil {
			return nil, err
		}
		findings = hideFindings(graph, findings, inBaseline(counts, inv.paths))
	}
	return findings, nil
}
