package bgtimeout_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/bgtimeout"
	"github.com/ctxlint/ctxlint/internal/flagtest"
)

func TestServer(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/server")
	// Rule 3 attaches the inner call; rules 1 and 2 point at it already.
	chains := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, "without a deadline") {
				if len(d.Related) != 0 {
					t.Errorf("%s: unexpected related information", d.Message)
				}
				continue
			}
			chains++
			if len(d.Related) != 1 {
				t.Errorf("%s: want 1 related information, got %d", d.Message, len(d.Related))
				continue
			}
			p := r.Pass.Fset.Position(d.Related[0].Pos)
			if want := filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line); !strings.Contains(d.Message, "("+want+")") {
				t.Errorf("%s: related information at %s, want the position the message names", d.Message, want)
			}
		}
	}
	if chains == 0 {
		t.Error("no rule 3 diagnostics")
	}
}

// TestChainAcrossPackages checks rule 3 through a fact: app's goroutines
// run store functions that make an unbounded call.
func TestChainAcrossPackages(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/store", "example.com/app")
	for _, r := range results {
		if r.Pass.Pkg.Path() != "example.com/app" {
			continue
		}
		if len(r.Diagnostics) == 0 {
			t.Fatal("no diagnostics in example.com/app")
		}
		for _, d := range r.Diagnostics {
			if !strings.Contains(d.Message, ", which calls ") {
				continue // rules 1 and 2 (passing a context to a store function) have no related call
			}
			if len(d.Related) != 1 {
				t.Errorf("%s: want 1 related information, got %d", d.Message, len(d.Related))
				continue
			}
			p := r.Pass.Fset.Position(d.Related[0].Pos)
			if filepath.Base(p.Filename) != "store.go" || p.Line != 23 {
				t.Errorf("%s: related information at %s, want store.go:23", d.Message, p)
			}
		}
	}
}

// TestModules checks, in module mode, that chains follow packages of the
// same module and never enter another module.
func TestModules(t *testing.T) {
	dir := filepath.Join(analysistest.TestData(), "modules")
	analysistest.Run(t, dir, bgtimeout.Analyzer, "example.com/svc/jobs", "example.com/svc/worker")
}

// TestTestsSkipped checks rule 4's default: _test.go files are not checked.
func TestTestsSkipped(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/testsoff")
}

// TestTestsFix checks -tests and its t.Context() fix.
func TestTestsFix(t *testing.T) {
	flagtest.Set(t, bgtimeout.Analyzer, "tests", "true")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/testson")
}

// TestFlags checks -spawners (a method and a function) and -inert.
func TestFlags(t *testing.T) {
	flagtest.Set(t, bgtimeout.Analyzer, "spawners", "example.com/pool.Pool.Submit,example.com/pool.Go")
	flagtest.Set(t, bgtimeout.Analyzer, "inert", "example.com/indexer.Metrics.Record")
	analysistest.Run(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/indexer")
}
