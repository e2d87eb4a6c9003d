package ctxmodel_test

import (
	"fmt"
	"go/ast"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// probe reports what the model says about the fixtures, so that the
// fixtures' // want comments state the model's answers:
//   - probe(e): the origin of e and the predicates that hold for it;
//   - any call producing a cancel: "producer N";
//   - any expression statement passing a context: "inert" or "active",
//     plus "cleanup" for cleanup calls.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports the context model's answers for tests",
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
	Run:      runProbe,
}

var extraInert = ctxmodel.NameList{"calls.Store.Ping"}
var extraCleanup = ctxmodel.NameList{"Purge"}

func runProbe(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				probeCall(pass, m, n)
			case *ast.ExprStmt:
				probeStmt(pass, m, n)
			}
			return true
		})
	}
	return nil, nil
}

func probeCall(pass *analysis.Pass, m *ctxmodel.Model, call *ast.CallExpr) {
	if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "probe" && len(call.Args) == 1 {
		m.Report(pass, analysis.Diagnostic{Pos: call.Pos(), Message: describe(m.Origin(call.Args[0]))})
		return
	}
	// The generated fixture is probed too: Model.Report must drop what
	// it would say there.
	if name := pass.Pkg.Name(); name != "producers" && name != "generated" {
		return
	}
	if i, ok := m.CancelResult(call); ok {
		m.Report(pass, analysis.Diagnostic{Pos: call.Pos(), Message: fmt.Sprintf("producer %d %s", i, m.ProducerName(call))})
	}
}

func probeStmt(pass *analysis.Pass, m *ctxmodel.Model, st *ast.ExprStmt) {
	call, ok := st.X.(*ast.CallExpr)
	if !ok || !m.TakesContext(call) {
		return
	}
	if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "probe" {
		return
	}
	verdict := "inert"
	for _, a := range m.ContextArgs(call) {
		if m.MattersWhenCancelled(call, a, extraInert) {
			verdict = "active"
		}
	}
	if m.IsCleanup(call, extraCleanup) {
		verdict += " cleanup"
	}
	m.Report(pass, analysis.Diagnostic{Pos: call.Pos(), Message: verdict})
}

func describe(o *ctxmodel.Origin) string {
	words := []string{o.Kind.String()}
	for _, p := range []struct {
		name string
		ok   bool
	}{
		{"unbounded", o.IsUnbounded()},
		{"cancellable", o.IsCancellable()},
		{"selfowned", o.IsSelfOwned()},
		{"testscoped", o.IsTestScoped()},
		{"deadline", o.HasDeadline()},
	} {
		if p.ok {
			words = append(words, p.name)
		}
	}
	return strings.Join(words, " ")
}

func TestModel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "origins", "producers", "calls", "generated")
}

// The helpers fixture's // want comments name the functions that carry a
// ReturnsCancel or CleanupHelper fact; analysistest fails on any other fact.
func TestHelperFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxmodel.Analyzer, "helpers")
}

func TestNameListSplitsAndTrims(t *testing.T) {
	var l ctxmodel.NameList
	if err := l.Set(" a.F, b.T.M ,,"); err != nil {
		t.Fatal(err)
	}
	if err := l.Set("c"); err != nil {
		t.Fatal(err)
	}
	if want := (ctxmodel.NameList{"a.F", "b.T.M", "c"}); !reflect.DeepEqual(l, want) {
		t.Fatalf("got %q, want %q", l, want)
	}
	if !l.Has("b.T.M") || l.Has("b") {
		t.Fatalf("Has is wrong for %q", l)
	}
}
