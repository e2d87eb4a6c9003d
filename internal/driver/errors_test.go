package driver

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestAnalyzerFailureInOutputFormats: an analyzer that fails on a package
// is reported in the chosen format too: a ::error annotation, a failed
// SARIF invocation with the failure as its notification, and the error in
// the JSON tree (multichecker's shape).
func TestAnalyzerFailureInOutputFormats(t *testing.T) {
	tinyModule(t, "package p\n\nfunc F() {}\n")
	boom := &analysis.Analyzer{Name: "boom", Doc: "boom fails.", Run: func(*analysis.Pass) (any, error) {
		var m map[string]int
		m["x"]++
		return nil, nil
	}}
	const failure = "analyzer boom failed on package example.com/tiny/p: panic: assignment to entry in nil map"

	code, stdout, _ := runDriver([]*analysis.Analyzer{boom}, "-format=github", "./...")
	if want := "::error title=ctxlint::" + failure + "\n"; code != exitError || stdout != want {
		t.Errorf("github: exit status %d, stdout %q; want %q", code, stdout, want)
	}

	code, stdout, _ = runDriver([]*analysis.Analyzer{boom}, "-format=sarif", "./...")
	var log sarifLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != exitError || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("sarif: exit status %d, stdout %s (%v)", code, stdout, err)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || inv.ToolExecutionNotifications[0].Message.Text != failure {
		t.Errorf("sarif invocation = %+v", inv)
	}

	code, stdout, _ = runDriver([]*analysis.Analyzer{boom}, "-json", "./...")
	if code != exitError || !strings.Contains(stdout, `"error": "`+failure) {
		t.Errorf("json: exit status %d, stdout %s; want the failure in the tree", code, stdout)
	}
}
