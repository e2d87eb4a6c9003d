package detachedcleanup_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/detachedcleanup"
	"github.com/ctxlint/ctxlint/internal/flagtest"
)

func TestDoneRegions(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), detachedcleanup.Analyzer, "done")
}

func TestDeferOrder(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), detachedcleanup.Analyzer, "deferorder")
}

func TestDeferredCleanup(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "deferred")
}

func TestDerivedCleanupContext(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "derived")
}

func TestKeepValues(t *testing.T) {
	flagtest.Set(t, detachedcleanup.Analyzer, "keepvalues", "true")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "values")
}

// TestKeepValuesOff checks that rule 5 is off by default: the same fixture
// yields no diagnostics at all.
func TestKeepValuesOff(t *testing.T) {
	results := analysistest.Run(nopT{t}, analysistest.TestData(), detachedcleanup.Analyzer, "values")
	if len(results) == 0 || results[0].Err != nil {
		t.Fatalf("values did not load and analyze: %v", results)
	}
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("%v: unexpected diagnostic without -keepvalues: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
}

// nopT ignores analysistest's complaints about unmatched want comments,
// for runs that check the diagnostics themselves.
type nopT struct{ *testing.T }

func (nopT) Errorf(string, ...any) {}

func TestTestCleanup(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "tcleanup")
}

func TestNamesAndInertFlags(t *testing.T) {
	flagtest.Set(t, detachedcleanup.Analyzer, "names", "Revoke,purge")
	flagtest.Set(t, detachedcleanup.Analyzer, "inert", "flags.Metrics.Finish,flags.closeFeed")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "flags")
}

// TestFlagsMatter runs the flags fixture with default flags: Revoke and
// PurgeExpired are not cleanups, and Finish and closeFeed are not inert.
func TestFlagsMatter(t *testing.T) {
	results := analysistest.Run(nopT{t}, analysistest.TestData(), detachedcleanup.Analyzer, "flags")
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			got = append(got, d.Message)
		}
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{"m.Finish is called with ctx", "closeFeed is called with ctx", "conn.Close is called with ctx"} {
		if !strings.Contains(joined, want) {
			t.Errorf("without -inert, missing %q in:\n%s", want, joined)
		}
	}
	for _, unwanted := range []string{"lease.Revoke", "c.PurgeExpired"} {
		if strings.Contains(joined, unwanted) {
			t.Errorf("without -names, unexpected %q in:\n%s", unwanted, joined)
		}
	}
}

// TestNoFixBeforeGo121 checks that a module whose Go version predates
// context.WithoutCancel gets the report without a fix.
func TestNoFixBeforeGo121(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "oldgo"), detachedcleanup.Analyzer, "./...")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: got a fix in a go1.20 module", d.Message)
			}
		}
	}
	if n == 0 {
		t.Error("no diagnostics in the go1.20 module")
	}
}

// TestCleanupHelperFacts checks that a helper returning nothing, which
// cleans up with its context parameter, is known as one in the packages
// that defer it.
func TestCleanupHelperFacts(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), detachedcleanup.Analyzer, "sqlchelpers", "tenants")
}
