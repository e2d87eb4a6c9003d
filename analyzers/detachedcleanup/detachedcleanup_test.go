package detachedcleanup_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/detachedcleanup"
)

func TestDoneRegions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), detachedcleanup.Analyzer, "done")
}
