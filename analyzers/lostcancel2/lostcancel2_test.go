package lostcancel2_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/lostcancel2"
)

func TestDiscarded(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), lostcancel2.Analyzer, "discard")
}

func TestPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostcancel2.Analyzer, "diepkg", "errkinds", "paths", "mainpkg")
}

func TestDeferInLoop(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostcancel2.Analyzer, "loops")
}

func TestStores(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostcancel2.Analyzer, "fields", "pkgvars")
}

func TestContainers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostcancel2.Analyzer, "containers")
}
