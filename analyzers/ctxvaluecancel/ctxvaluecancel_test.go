package ctxvaluecancel_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/ctxvaluecancel"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxvaluecancel.Analyzer,
		"workmanager", "shutdown", "middleware", "clihooks", "pool", "jobs",
		"session", "session/handlers")
}

func TestDocIsPackageDoc(t *testing.T) {
	doc := ctxvaluecancel.Analyzer.Doc
	first, _, _ := strings.Cut(doc, "\n")
	if !strings.HasPrefix(first, "report cancel functions ") {
		t.Errorf("Doc does not start with the analyzer's summary line: %q", first)
	}
	for _, rule := range []string{"Rule 1,", "Rule 2,", "Rule 3,", "Rule 4,", "Suggested fixes: none."} {
		if !strings.Contains(doc, rule) {
			t.Errorf("Doc lacks %q", rule)
		}
	}
}
