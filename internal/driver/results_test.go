package driver

import (
	"bytes"
	"errors"
	"go/ast"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// reporter reports every function declaration with everything a
// diagnostic can carry: a category, an end or none, related
// information, fixes with several edits, an edit without an end; and
// fails on a package declaring Fail.
var reporter = &analysis.Analyzer{
	Name: "reporter",
	Doc:  "reports every function (tests only)",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Scope().Lookup("Fail") != nil {
			return nil, errors.New("told to fail")
		}
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok {
					continue
				}
				d := analysis.Diagnostic{Pos: fn.Name.Pos(), Category: "funcs", Message: "function " + fn.Name.Name}
				if strings.HasPrefix(fn.Name.Name, "E") {
					d.End = fn.End()
					d.Related = []analysis.RelatedInformation{{Pos: fn.Body.Pos(), Message: "its body"}, {Pos: fn.Pos(), End: fn.Name.End(), Message: "its name"}}
					d.SuggestedFixes = []analysis.SuggestedFix{
						{Message: "rename", TextEdits: []analysis.TextEdit{{Pos: fn.Name.Pos(), End: fn.Name.End(), NewText: []byte("X")}, {Pos: fn.Body.Lbrace, NewText: []byte("{ ")}}},
						{Message: "nothing"},
					}
				}
				pass.Report(d)
			}
		}
		return nil, nil
	},
}

// TestJSONMatchesChecker: the JSON tree written from a run's results is
// the one x/tools' checker prints from the graph, byte for byte, once
// suppressed diagnostics are dropped and each list is sorted (as the
// driver printed it before results existed).
func TestJSONMatchesChecker(t *testing.T) {
	tinyModule(t, "package p\n\nfunc F() {}\n\nfunc E() {\n}\n\nfunc G() {} //nolint:reporter\n\nfunc Each() { _ = 1 }\n")
	if err := os.Mkdir("q", 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "q/q.go", "package q\n\nfunc Fail() {}\n")
	pkgs, problems := loadPackages([]string{"./..."}, true, nil, newPathShortener())
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	analyzers := []*analysis.Analyzer{reporter}
	graph, failures, err := analyze(analyzers, pkgs, nil)
	if err != nil || len(failures) != 1 {
		t.Fatalf("want one failure, got %v, %v", failures, err)
	}
	sup := indexSuppressions(pkgs)
	res := resultsOf(graph, sup, analyzers)
	var got bytes.Buffer
	if err := writeJSON(&got, res); err != nil {
		t.Fatal(err)
	}

	suppress(graph, sup)
	for _, act := range graph.Roots {
		slices.SortStableFunc(act.Diagnostics, func(a, b analysis.Diagnostic) int {
			return compareFindings(newFinding(act, a), newFinding(act, b))
		})
	}
	var want bytes.Buffer
	if err := graph.PrintJSON(&want); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("writeJSON printed\n%s\nthe checker prints\n%s", got.String(), want.String())
	}
	if !strings.Contains(want.String(), `"related"`) || !strings.Contains(want.String(), `"error": "analyzer reporter failed`) {
		t.Errorf("the fixture no longer covers related information and failures:\n%s", want.String())
	}
}
