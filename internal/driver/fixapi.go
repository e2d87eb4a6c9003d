package driver

import (
	"cmp"
	"errors"
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis/checker"
)

// FixedContents returns the new content of every file that -fix would
// change on graph's root diagnostics, planned as -fix plans them (first
// fix of each diagnostic, overlapping fixes refused, gofmt'ed) but before
// the type check that would refuse a package's fixes. It is for tests and
// fuzzing, which must see the fixes the analyzers suggest, broken or not.
// It fails if a fix is malformed or does not produce valid Go.
func FixedContents(graph *checker.Graph) (map[string][]byte, error) {
	src := newSources()
	loc := &locator{src: src}
	paths := newPathShortener()
	var fixes []*fix
	var firstErr error
	eachFirstFix(graph, paths, loc, func(_ *checker.Action, _ finding, fx *fix, err error) {
		var unmapped *unmappedError
		switch {
		case errors.As(err, &unmapped):
		case err != nil:
			firstErr = cmp.Or(firstErr, err)
		default:
			fixes = append(fixes, fx)
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	contents, errs := planFixes(fixes).applyEach(src.read)
	for _, file := range slices.Sorted(maps.Keys(errs)) {
		return nil, errs[file]
	}
	return contents, nil
}

// eachFirstFix calls visit with the first suggested fix of every root
// diagnostic of graph that has one, converted to a fix (or the error
// converting it), in the graph's order.
func eachFirstFix(graph *checker.Graph, paths *pathShortener, loc *locator, visit func(*checker.Action, finding, *fix, error)) {
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			f := newFinding(act, d)
			fx, err := newFix(label(f, paths), f.fset, d.SuggestedFixes[0], loc)
			visit(act, f, fx, err)
		}
	}
}
