package driver

import (
	"io"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

// writeJSON writes multichecker's -json tree. Each analyzer's list is
// sorted as the text output is (file, line, column, message): analyzers
// report in the order they find things, which differs from the order of
// lines and, for some, from run to run, and tools that diff two runs'
// output need one order.
func writeJSON(w io.Writer, graph *checker.Graph) error {
	for _, act := range graph.Roots {
		slices.SortStableFunc(act.Diagnostics, func(a, b analysis.Diagnostic) int {
			return compareFindings(newFinding(act, a), newFinding(act, b))
		})
	}
	return graph.PrintJSON(w)
}
