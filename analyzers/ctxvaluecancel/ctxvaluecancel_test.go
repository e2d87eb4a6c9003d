package ctxvaluecancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/ctxvaluecancel"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxvaluecancel.Analyzer,
		"workmanager", "shutdown", "middleware", "clihooks", "pool", "jobs",
		"session", "session/handlers")
}
