package driver

import (
	"cmp"
	"fmt"
	"go/format"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// x/tools has no public API to apply suggested fixes, so ctxlint has its
// own small applier: it takes the first suggested fix of each diagnostic,
// drops edits reported twice (a file shared by a package and its test
// variant is analyzed twice), refuses a fix whose edits overlap a fix
// already accepted, applies the rest and gofmts the result.

// edit replaces the bytes [start, end) of file with text.
type edit struct {
	file       string
	start, end int
	text       string
}

func (e edit) isInsertion() bool { return e.start == e.end }

// overlaps reports whether e and o cannot both be applied: their ranges
// intersect, or both insert different text at the same offset (the
// result would depend on their order).
func (e edit) overlaps(o edit) bool {
	if e.file != o.file {
		return false
	}
	if e.isInsertion() && o.isInsertion() {
		return e.start == o.start && e.text != o.text
	}
	return e.start < o.end && o.start < e.end
}

func compareEdits(a, b edit) int {
	return cmp.Or(
		cmp.Compare(a.file, b.file),
		cmp.Compare(a.start, b.start),
		cmp.Compare(a.end, b.end),
		cmp.Compare(a.text, b.text),
	)
}

// fix is the fix chosen for one diagnostic.
type fix struct {
	label string // names the diagnostic in messages: "file:line:col: analyzer: message"
	edits []edit // sorted, without duplicates, in the files to change
	// compiled holds the same edits in the files the type checker sees:
	// edits, except in a package that imports "C", whose parsed files
	// are cgo's copies of the user's files.
	compiled []edit
}

// newFix converts a suggested fix to byte offsets of the files to change
// (see locator; a nil locator takes every position at face value). It
// fails if an edit lies outside the file it starts in, or cannot be
// mapped to the user's file.
func newFix(label string, fset *token.FileSet, sf analysis.SuggestedFix, loc *locator) (*fix, error) {
	f := &fix{label: label}
	for _, te := range sf.TextEdits {
		tf := fset.File(te.Pos)
		end := te.End
		if !end.IsValid() {
			end = te.Pos
		}
		if tf == nil || int(end) > tf.Base()+tf.Size() || end < te.Pos {
			return nil, fmt.Errorf("%s: suggested fix %q has an edit outside its file", label, sf.Message)
		}
		file, start, stop, err := loc.locate(tf, te.Pos, end)
		if err != nil {
			return nil, &unmappedError{fmt.Sprintf("%s: not applying its fix: %v", label, err)}
		}
		f.edits = append(f.edits, edit{file: file, start: start, end: stop, text: string(te.NewText)})
		f.compiled = append(f.compiled, edit{file: tf.Name(), start: tf.Offset(te.Pos), end: tf.Offset(end), text: string(te.NewText)})
	}
	for _, edits := range []*[]edit{&f.edits, &f.compiled} {
		slices.SortFunc(*edits, compareEdits)
		*edits = slices.Compact(*edits)
	}
	return f, nil
}

// unmappedError is a fix that cannot be located in the user's file. The
// finding is reported unfixed; it is not an error of the run.
type unmappedError struct{ msg string }

func (e *unmappedError) Error() string { return e.msg }

// fixPlan is the set of edits that fixes can make together.
type fixPlan struct {
	accepted []bool            // per fix given to planFixes
	edits    map[string][]edit // accepted edits by file, sorted, distinct
	owner    map[edit]*fix     // the accepted fix that brought each edit
	problems []string          // one line per refused fix
}

// planFixes accepts fixes in order of position. A fix is accepted or
// refused as a whole: it is refused if one of its edits overlaps an
// edit accepted earlier (identical edits are not a conflict: they are
// the same fix reported twice) or another of its own edits.
func planFixes(fixes []*fix) *fixPlan {
	plan := &fixPlan{accepted: make([]bool, len(fixes)), edits: make(map[string][]edit), owner: make(map[edit]*fix)}
	order := make([]int, len(fixes))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return compareFixes(fixes[i], fixes[j]) })
	for _, i := range order {
		f := fixes[i]
		if problem := plan.conflict(f); problem != "" {
			plan.problems = append(plan.problems, problem)
			continue
		}
		plan.accepted[i] = true
		for _, e := range f.edits {
			if plan.owner[e] == nil {
				plan.owner[e] = f
				plan.edits[e.file] = append(plan.edits[e.file], e)
			}
		}
	}
	for _, edits := range plan.edits {
		slices.SortFunc(edits, compareEdits)
	}
	return plan
}

func compareFixes(a, b *fix) int {
	if len(a.edits) == 0 || len(b.edits) == 0 {
		return cmp.Compare(len(a.edits), len(b.edits))
	}
	return cmp.Or(compareEdits(a.edits[0], b.edits[0]), cmp.Compare(a.label, b.label))
}

// conflict explains why f cannot be accepted, or returns "".
func (plan *fixPlan) conflict(f *fix) string {
	for i, e := range f.edits {
		for _, o := range f.edits[i+1:] {
			if e.overlaps(o) {
				return fmt.Sprintf("%s: not applying its fix: its own edits overlap", f.label)
			}
		}
		for _, o := range plan.edits[e.file] {
			if e != o && e.overlaps(o) {
				return fmt.Sprintf("%s: not applying its fix: its edits overlap those of the fix for %s", f.label, plan.owner[o].label)
			}
		}
	}
	return ""
}

// apply returns the new content of every file the plan changes, gofmt'ed
// when it is Go source. read returns a file's current content.
func (plan *fixPlan) apply(read func(string) ([]byte, error)) (map[string][]byte, error) {
	out, errs := plan.applyEach(read)
	for _, file := range slices.Sorted(maps.Keys(errs)) {
		return nil, errs[file]
	}
	return out, nil
}

// applyEach is apply, with an error per file that cannot be fixed.
func (plan *fixPlan) applyEach(read func(string) ([]byte, error)) (map[string][]byte, map[string]error) {
	out := make(map[string][]byte)
	errs := make(map[string]error)
	for file, edits := range plan.edits {
		updated, err := applyFile(file, edits, read)
		if err != nil {
			errs[file] = err
			continue
		}
		out[file] = updated
	}
	return out, errs
}

func applyFile(file string, edits []edit, read func(string) ([]byte, error)) ([]byte, error) {
	old, err := read(file)
	if err != nil {
		return nil, err
	}
	updated, err := applyEdits(old, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	if strings.HasSuffix(file, ".go") {
		formatted, err := format.Source(updated)
		if err != nil {
			return nil, fmt.Errorf("%s: the suggested fixes do not produce valid Go (%v); file left unchanged", file, err)
		}
		updated = formatted
	}
	return updated, nil
}

// applyEdits applies sorted, non-overlapping edits to content.
func applyEdits(content []byte, edits []edit) ([]byte, error) {
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(content) {
			return nil, fmt.Errorf("edit at bytes %d-%d lies outside the file or overlaps another (was it changed during the run?)", e.start, e.end)
		}
		b.Write(content[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(content[last:])
	return []byte(b.String()), nil
}
