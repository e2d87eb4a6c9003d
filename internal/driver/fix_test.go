package driver

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

const fixSrc = `package p

import "context"

func f(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent)
	return ctx
}
`

// editAt returns an edit of fixSrc replacing the first occurrence of old.
func editAt(file, old, text string) edit {
	i := strings.Index(fixSrc, old)
	if i < 0 {
		panic(old)
	}
	return edit{file: file, start: i, end: i + len(old), text: text}
}

func insertAt(file, before, text string) edit {
	e := editAt(file, before, text)
	e.end = e.start
	return e
}

func readerOf(files map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
}

// nameCancel is the fix lostcancel2 suggests for fixSrc.
func nameCancel(label string) *fix {
	return &fix{label: label, edits: []edit{
		editAt("p.go", "_", "cancel"),
		insertAt("p.go", "\n\treturn", "\n\tdefer cancel()"),
	}}
}

// TestPlanFixesDeduplicates applies once the same fix reported for a
// package and for its test variant.
func TestPlanFixesDeduplicates(t *testing.T) {
	plan := planFixes([]*fix{nameCancel("p.go:6:7: lostcancel2: m"), nameCancel("p.go:6:7: lostcancel2: m")})
	if !plan.accepted[0] || !plan.accepted[1] || len(plan.problems) > 0 {
		t.Fatalf("accepted = %v, problems = %q; want both accepted", plan.accepted, plan.problems)
	}
	got, err := plan.apply(readerOf(map[string]string{"p.go": fixSrc}))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(fixSrc, "ctx, _ := context.WithCancel(parent)\n", "ctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n", 1)
	if string(got["p.go"]) != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got["p.go"], want)
	}
}

// TestPlanFixesRejectsOverlap refuses, as a whole, a fix that overlaps
// one accepted before it, and says which.
func TestPlanFixesRejectsOverlap(t *testing.T) {
	first := nameCancel("p.go:6:7: lostcancel2: first")
	second := &fix{label: "p.go:6:7: other: second", edits: []edit{
		editAt("p.go", "_ :=", "stop :="),
		insertAt("p.go", "\n}", "\n\t// unrelated"),
	}}
	plan := planFixes([]*fix{second, first}) // accepted in position order, not input order
	if !plan.accepted[1] || plan.accepted[0] {
		t.Fatalf("accepted = %v, want only the first fix by position", plan.accepted)
	}
	if len(plan.problems) != 1 || !strings.Contains(plan.problems[0], "p.go:6:7: other: second: not applying its fix") ||
		!strings.Contains(plan.problems[0], "lostcancel2: first") {
		t.Errorf("problems = %q, want one naming both fixes", plan.problems)
	}
	got, err := plan.apply(readerOf(map[string]string{"p.go": fixSrc}))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(got["p.go"]); strings.Contains(s, "unrelated") || !strings.Contains(s, "defer cancel()") {
		t.Errorf("the refused fix was partly applied, or the accepted one not:\n%s", s)
	}
}

func TestEditOverlaps(t *testing.T) {
	tests := []struct {
		a, b edit
		want bool
	}{
		{edit{"f", 0, 5, "x"}, edit{"f", 5, 9, "y"}, false}, // adjacent
		{edit{"f", 0, 5, "x"}, edit{"f", 4, 9, "y"}, true},
		{edit{"f", 0, 9, "x"}, edit{"f", 3, 4, "y"}, true}, // nested
		{edit{"f", 0, 5, "x"}, edit{"g", 0, 5, "y"}, false},
		{edit{"f", 3, 3, "x"}, edit{"f", 3, 3, "y"}, true},  // two insertions, order unknown
		{edit{"f", 3, 3, "x"}, edit{"f", 3, 3, "x"}, false}, // the same insertion twice
		{edit{"f", 3, 3, "x"}, edit{"f", 0, 5, "y"}, true},  // insertion inside a replacement
		{edit{"f", 5, 5, "x"}, edit{"f", 0, 5, "y"}, false}, // insertion at its end
		{edit{"f", 0, 0, "x"}, edit{"f", 0, 5, "y"}, false}, // insertion at its start
	}
	for _, tt := range tests {
		if got := tt.a.overlaps(tt.b); got != tt.want {
			t.Errorf("%v overlaps %v = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.overlaps(tt.a); got != tt.want {
			t.Errorf("%v overlaps %v = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestPlanFixesOwnOverlap refuses a fix whose own edits overlap.
func TestPlanFixesOwnOverlap(t *testing.T) {
	bad := &fix{label: "bad", edits: []edit{editAt("p.go", "ctx, _", "a"), editAt("p.go", "_ :=", "b")}}
	plan := planFixes([]*fix{bad})
	if plan.accepted[0] || len(plan.problems) != 1 || !strings.Contains(plan.problems[0], "its own edits overlap") {
		t.Errorf("accepted = %v, problems = %q", plan.accepted, plan.problems)
	}
}

// TestApplyGofmts formats the result, and refuses to write invalid Go.
func TestApplyGofmts(t *testing.T) {
	plan := planFixes([]*fix{{label: "l", edits: []edit{insertAt("p.go", "\n\treturn", "\n      defer   cancel( )")}}})
	got, err := plan.apply(readerOf(map[string]string{"p.go": fixSrc}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got["p.go"]), "\n\tdefer cancel()\n") {
		t.Errorf("result not gofmt'ed:\n%s", got["p.go"])
	}

	plan = planFixes([]*fix{{label: "l", edits: []edit{editAt("p.go", "return ctx", "return ctx +")}}})
	if _, err := plan.apply(readerOf(map[string]string{"p.go": fixSrc})); err == nil || !strings.Contains(err.Error(), "do not produce valid Go") {
		t.Errorf("apply of a fix breaking the syntax: err = %v", err)
	}
}

// TestNewFix converts token positions to offsets, keeping the file name.
func TestNewFix(t *testing.T) {
	fset := token.NewFileSet()
	name := filepath.Join("dir", "p.go")
	tf := fset.AddFile(name, -1, len(fixSrc))
	tf.SetLinesForContent([]byte(fixSrc))
	e := editAt(name, "_", "cancel")
	sf := analysis.SuggestedFix{TextEdits: []analysis.TextEdit{
		{Pos: tf.Pos(e.start), End: tf.Pos(e.end), NewText: []byte("cancel")},
		{Pos: tf.Pos(e.start), End: tf.Pos(e.end), NewText: []byte("cancel")}, // twice
	}}
	f, err := newFix("l", fset, sf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.edits) != 1 || f.edits[0] != e {
		t.Errorf("edits = %v, want [%v]", f.edits, e)
	}
}
