package lostcancel2_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/lostcancel2"
)

func TestDiscarded(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), lostcancel2.Analyzer, "discard")
}

func TestDoc(t *testing.T) {
	doc := lostcancel2.Analyzer.Doc
	if want := "report cancel functions that are never called, wherever they are stored\n"; len(doc) < len(want) || doc[:len(want)] != want {
		t.Errorf("Doc starts %q, want %q", doc[:min(len(doc), len(want))], want)
	}
}

func TestPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lostcancel2.Analyzer, "diepkg", "paths", "mainpkg")
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
