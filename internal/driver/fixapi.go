package driver

import (
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
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) == 0 {
				continue
			}
			f := newFinding(act, d)
			fx, err := newFix(label(f, paths), f.fset, d.SuggestedFixes[0], loc)
			var unmapped *unmappedError
			switch {
			case errors.As(err, &unmapped):
				continue
			case err != nil:
				return nil, err
			}
			fixes = append(fixes, fx)
		}
	}
	contents, errs := planFixes(fixes).applyEach(src.read)
	for _, file := range slices.Sorted(maps.Keys(errs)) {
		return nil, errs[file]
	}
	return contents, nil
}
