package main

// End-to-end tests: build the ctxlint binary once, run it on the fixture
// modules under testdata/e2e (each its own module, so the repository's
// ./... skips them) and check what a user sees: output, files, exit
// status.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ctxlint/ctxlint"
)

var ctxlintBin string // the binary built by TestMain

func TestMain(m *testing.M) {
	if code, ok := runAsTestDriver(); ok {
		os.Exit(code)
	}
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	// The tests check what an analysis prints, so the result cache is
	// off unless a test turns it on (cache_test.go); nor may a test
	// write to the user's cache directory.
	os.Setenv("CTXLINT_CACHE", "off")
	dir, err := os.MkdirTemp("", "ctxlint-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	ctxlintBin = filepath.Join(dir, "ctxlint")
	if out, err := exec.Command("go", "build", "-o", ctxlintBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building ctxlint: %v\n%s", err, out)
		return 2
	}
	return m.Run()
}

// fixture returns the absolute path of a fixture module.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e", name))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs the ctxlint binary in dir.
func run(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return runCmd(t, exec.Command(ctxlintBin, args...), dir)
}

func runCmd(t *testing.T, cmd *exec.Cmd, dir string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exitErr := new(exec.ExitError); errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("running %v: %v", cmd.Args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

func (r result) String() string {
	return fmt.Sprintf("exit status %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

const (
	leakMsg     = "the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak"
	quietMsg    = "the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak"
	leakLine    = "leak/leak.go:12:7: lostcancel2: " + leakMsg + "\n"
	otherLine   = "quiet/quiet.go:39:7: lostcancel2: " + quietMsg + "\n"
	testingLine = "testonly/testonly_test.go:10:7: lostcancel2: " + leakMsg + "\n"
)

// TestTextOutput: diagnostics on stdout, one line each, once even for a
// file of a package with tests (analyzed as its test variant); exit status 1.
// //nolint comments suppress the rest, and -show-ignored lists those on
// stderr.
func TestTextOutput(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-show-ignored", "./...")
	if r.code != 1 || r.stdout != leakLine+otherLine+testingLine {
		t.Errorf("want exit status 1 and three findings, got %v", r)
	}
	var ignored []string
	for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		ignored = append(ignored, line[:strings.Index(line, ": ")]+" "+line[strings.Index(line, "(ignored: "):])
	}
	want := []string{
		"quiet/quiet.go:14:7 (ignored: //nolint:lostcancel2 // released when the process exits)",
		"quiet/quiet.go:21:7 (ignored: //nolint:all // the deadline releases it)",
		"quiet/quiet.go:27:7 (ignored: //nolint:bgtimeout,lostcancel2)",
		"quiet/quiet.go:33:7 (ignored: //nolint)",
		"quiet/quiet.go:46:7 (ignored: //nolint:govet // the caller's parent is cancelled soon)",
	}
	if !slices.Equal(ignored, want) {
		t.Errorf("-show-ignored listed\n%s\nwant\n%s", strings.Join(ignored, "\n"), strings.Join(want, "\n"))
	}
}

// TestExitStatuses: 0 for a clean package, 0 with -exit-zero despite a
// finding, and -test=false skips a finding in a test file.
func TestExitStatuses(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "basic")
	if r := run(t, dir, "./clean"); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("clean package: want exit status 0 and no output, got %v", r)
	}
	if r := run(t, dir, "-exit-zero", "-test=false", "./leak"); r.code != 0 || r.stdout != leakLine {
		t.Errorf("-exit-zero: want exit status 0 and the finding, got %v", r)
	}
	if r := run(t, dir, "-test=false", "./testonly"); r.code != 0 || r.stdout != "" {
		t.Errorf("-test=false: want the test file skipped, got %v", r)
	}
}

// TestSelectAnalyzers: -NAME=false disables an analyzer, -NAME selects it
// alone.
func TestSelectAnalyzers(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "basic")
	if r := run(t, dir, "-lostcancel2=false", "-test=false", "./leak"); r.code != 0 || r.stdout != "" {
		t.Errorf("-lostcancel2=false: want no findings, got %v", r)
	}
	if r := run(t, dir, "-lostcancel2", "-test=false", "./leak"); r.code != 1 || r.stdout != leakLine {
		t.Errorf("-lostcancel2: want its finding, got %v", r)
	}
	if r := run(t, dir, "-bgtimeout", "-test=false", "./leak"); r.code != 0 || r.stdout != "" {
		t.Errorf("-bgtimeout alone: want no lostcancel2 finding, got %v", r)
	}
}

// TestJSON: the JSON shape of multichecker's -json (package ID ->
// analyzer -> diagnostics with posn, message, suggested_fixes).
func TestJSON(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-json", "-test=false", "./leak", "./quiet")
	if r.code != 1 {
		t.Errorf("want exit status 1, got %v", r)
	}
	type jsonEdit struct {
		Filename   string `json:"filename"`
		Start, End int
		New        string `json:"new"`
	}
	type jsonDiag struct {
		Posn           string `json:"posn"`
		End            string `json:"end"`
		Message        string `json:"message"`
		SuggestedFixes []struct {
			Message string     `json:"message"`
			Edits   []jsonEdit `json:"edits"`
		} `json:"suggested_fixes"`
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatalf("stdout is not the JSON tree: %v\n%s", err, r.stdout)
	}
	var diags []jsonDiag
	if err := json.Unmarshal(tree["example.com/e2e/basic/leak"]["lostcancel2"], &diags); err != nil || len(diags) != 1 {
		t.Fatalf("want one lostcancel2 diagnostic for the package (%v), got\n%s", err, r.stdout)
	}
	d := diags[0]
	if !strings.HasSuffix(d.Posn, filepath.Join("leak", "leak.go")+":12:7") || d.Message != leakMsg {
		t.Errorf("diagnostic = %+v", d)
	}
	if len(d.SuggestedFixes) != 1 || len(d.SuggestedFixes[0].Edits) == 0 || d.SuggestedFixes[0].Edits[0].New != "cancel" {
		t.Errorf("suggested fixes = %+v", d.SuggestedFixes)
	}
	// Suppressed diagnostics are left out of the JSON too.
	diags = nil
	if err := json.Unmarshal(tree["example.com/e2e/basic/quiet"]["lostcancel2"], &diags); err != nil ||
		len(diags) != 1 || !strings.HasSuffix(diags[0].Posn, "quiet.go:39:7") {
		t.Errorf("want only the unsuppressed diagnostic of quiet (%v), got\n%s", err, r.stdout)
	}
}

// TestContextLines: -c=N prints the offending line with N lines around.
func TestContextLines(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-c=1", "-test=false", "./leak")
	want := leakLine +
		"11\tfunc Fetch(parent context.Context, fetch func(context.Context) error) error {\n" +
		"12\t\tctx, _ := context.WithTimeout(parent, time.Second)\n" +
		"13\t\treturn fetch(ctx)\n"
	if r.code != 1 || r.stdout != want {
		t.Errorf("want exit status 1 and\n%s\ngot %v", want, r)
	}
}

// The subset of SARIF 2.1.0 the test validates.
type sarifLog struct {
	Schema  *string `json:"$schema"`
	Version *string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  *string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results *[]struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Message   struct {
				Text *string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Suppressions []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

// TestSARIF validates the SARIF log: required fields, one rule per
// analyzer with its documentation as help, results pointing at rules and
// at locations relative to the working directory; with -show-ignored,
// suppressed findings are results marked as suppressed in source.
func TestSARIF(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-format=sarif", "-root=.", "-show-ignored", "-test=false", "./leak", "./quiet")
	if r.code != 1 {
		t.Errorf("want exit status 1, got %v", r)
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	if log.Schema == nil || !strings.Contains(*log.Schema, "sarif") || log.Version == nil || *log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("bad SARIF header: $schema %v, version %v, %d runs", log.Schema, log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "ctxlint" || run.Results == nil {
		t.Fatalf("run lacks tool.driver.name or results")
	}
	docs := make(map[string]string)
	for _, a := range ctxlint.Analyzers() {
		docs[a.Name] = strings.TrimSpace(a.Doc)
	}
	var ids []string
	for _, rule := range run.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
		if rule.Help.Text != docs[rule.ID] || rule.ShortDescription.Text == "" {
			t.Errorf("rule %s: help is not the analyzer's Doc, or no short description", rule.ID)
		}
	}
	if len(ids) != len(docs) {
		t.Errorf("rules %q, want one per analyzer", ids)
	}
	type loc struct {
		rule, uri  string
		line, col  int
		suppressed string
	}
	var got []loc
	for _, res := range *run.Results {
		if res.RuleIndex == nil || *res.RuleIndex >= len(ids) || ids[*res.RuleIndex] != res.RuleID {
			t.Errorf("result of %s: ruleIndex %v does not point at its rule", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == nil || *res.Message.Text == "" || len(res.Locations) != 1 {
			t.Fatalf("result of %s lacks a message or a location", res.RuleID)
		}
		pl := res.Locations[0].PhysicalLocation
		l := loc{res.RuleID, pl.ArtifactLocation.URI, pl.Region.StartLine, pl.Region.StartColumn, ""}
		for _, s := range res.Suppressions {
			l.suppressed = s.Kind + ":" + s.Justification
		}
		got = append(got, l)
	}
	want := []loc{
		{"lostcancel2", "leak/leak.go", 12, 7, ""},
		{"lostcancel2", "quiet/quiet.go", 39, 7, ""},
		{"lostcancel2", "quiet/quiet.go", 14, 7, "inSource:released when the process exits"},
		{"lostcancel2", "quiet/quiet.go", 21, 7, "inSource:the deadline releases it"},
		{"lostcancel2", "quiet/quiet.go", 27, 7, "inSource:"},
		{"lostcancel2", "quiet/quiet.go", 33, 7, "inSource:"},
		{"lostcancel2", "quiet/quiet.go", 46, 7, "inSource:the caller's parent is cancelled soon"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("results\n%v\nwant\n%v", got, want)
	}
}

// TestGitHub: one workflow command per finding, message escaped.
func TestGitHub(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-format=github", "-root=.", "-test=false", "./leak")
	want := "::error file=leak/leak.go,line=12,col=7,endLine=12,endColumn=8,title=lostcancel2::" + leakMsg + "\n"
	if r.code != 1 || r.stdout != want {
		t.Errorf("want exit status 1 and\n%s\ngot %v", want, r)
	}
}

// copyDir copies a fixture module to a temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

const fixedLeak = `// Package leak fetches a resource with a time budget and never releases
// the budget's timer.
package leak

import (
	"context"
	"time"
)

// Fetch calls fetch with a one-second budget.
func Fetch(parent context.Context, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return fetch(ctx)
}
`

// TestFix applies the suggested fix once although the package and its
// test variant both suggest it, gofmt'ed; the fixed package is clean.
func TestFix(t *testing.T) {
	t.Parallel()
	dir := copyDir(t, fixture(t, "basic"))
	r := run(t, dir, "-fix", "./leak")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("-fix: want exit status 0 and no output (everything fixed), got %v", r)
	}
	got, err := os.ReadFile(filepath.Join(dir, "leak", "leak.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != fixedLeak {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, fixedLeak)
	}
	if r := run(t, dir, "-test=false", "./leak"); r.code != 0 {
		t.Errorf("after -fix: %v", r)
	}
}

// TestDiff prints the fix as a unified diff and changes nothing.
func TestDiff(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "basic")
	before, err := os.ReadFile(filepath.Join(dir, "leak", "leak.go"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "-diff", "-test=false", "./leak")
	want := `--- a/leak/leak.go
+++ b/leak/leak.go
@@ -9,6 +9,7 @@
 
 // Fetch calls fetch with a one-second budget.
 func Fetch(parent context.Context, fetch func(context.Context) error) error {
-	ctx, _ := context.WithTimeout(parent, time.Second)
+	ctx, cancel := context.WithTimeout(parent, time.Second)
+	defer cancel()
 	return fetch(ctx)
 }
`
	if r.code != 1 || r.stdout != want || r.stderr != "" {
		t.Errorf("-diff: want exit status 1 and\n%s\ngot %v", want, r)
	}
	after, err := os.ReadFile(filepath.Join(dir, "leak", "leak.go"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("-diff changed the file (%v)", err)
	}
}

// TestHelp: "help" lists every analyzer with its summary and the flags;
// "help NAME" shows the analyzer's documentation and flags.
func TestHelp(t *testing.T) {
	t.Parallel()
	r := run(t, t.TempDir(), "help")
	if r.code != 0 {
		t.Errorf("help: %v", r)
	}
	for _, a := range ctxlint.Analyzers() {
		if !strings.Contains(r.stdout, "  "+a.Name+" ") {
			t.Errorf("help does not list %s:\n%s", a.Name, r.stdout)
		}
	}
	for _, flag := range []string{"-format", "-json", "-fix", "-diff", "-test", "-show-ignored", "-exit-zero", "-cpuprofile", "-memprofile"} {
		if !strings.Contains(r.stdout, "  "+flag+" ") && !strings.Contains(r.stdout, "  "+flag+"\n") {
			t.Errorf("help does not list %s", flag)
		}
	}
	r = run(t, t.TempDir(), "help", "lostcancel2")
	if doc := ctxlint.Analyzers()[0].Doc; r.code != 0 || !strings.Contains(r.stdout, strings.TrimSpace(doc)) {
		t.Errorf("help lostcancel2 lacks the analyzer's Doc: %v", r)
	}
	if r := run(t, t.TempDir(), "help", "nosuch"); r.code != 2 || !strings.Contains(r.stderr, `no analyzer named "nosuch"`) {
		t.Errorf("help nosuch: %v", r)
	}
}

// TestProfiles: -cpuprofile and -memprofile write pprof profiles (gzipped
// protocol buffers) without changing the run's result; a profile that
// cannot be created is a one-line error before any analysis.
func TestProfiles(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	cpu, mem := filepath.Join(out, "cpu.pprof"), filepath.Join(out, "mem.pprof")
	r := run(t, fixture(t, "basic"), "-cpuprofile", cpu, "-memprofile", mem, "./...")
	if r.code != 1 || r.stdout != leakLine+otherLine+testingLine {
		t.Errorf("with profiles: want the usual findings and exit status 1, got %v", r)
	}
	for _, path := range []string{cpu, mem} {
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("%s: want a gzipped profile, got %d bytes (%v)", filepath.Base(path), len(data), err)
		}
	}
	r = run(t, fixture(t, "basic"), "-cpuprofile", filepath.Join(out, "missing", "cpu.pprof"), "./...")
	checkOneLineError(t, "-cpuprofile in a missing directory", r, "ctxlint: -cpuprofile: open ")
}

// TestVersion answers go vet's -V=full with a content-addressed version.
func TestVersion(t *testing.T) {
	t.Parallel()
	r := run(t, t.TempDir(), "-V=full")
	if r.code != 0 || !regexp.MustCompile(`^ctxlint version \S.* buildID=[0-9a-f]{64}\n$`).MatchString(r.stdout) {
		t.Errorf("-V=full: %v", r)
	}
}

// checkOneLineError asserts exit status 2 and a single line on stderr
// containing want, with no trace of a panic.
func checkOneLineError(t *testing.T, what string, r result, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if r.code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "ctxlint: ") || !strings.Contains(lines[0], want) || r.stdout != "" {
		t.Errorf("%s: want exit status 2 and one line containing %q, got %v", what, want, r)
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic:") {
		t.Errorf("%s: stack trace in the output: %v", what, r)
	}
}

func TestBadFlag(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-nosuch", "./...")
	checkOneLineError(t, "unknown flag", r, "flag provided but not defined: -nosuch")
}

// TestBadInput: broken packages and patterns each get one line naming
// the problem and exit status 2.
func TestBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":           "module example.com/e2e/bad\n\ngo 1.26\n",
		"broken/a.go":      "package broken\n\nfun Start() {}\n",
		"typeerr/a.go":     "package typeerr\n\nfunc Count() int {\n\treturn \"one\"\n}\n",
		"docs/README.md":   "no Go here\n",
		"cgo/cgo.go":       "package cgo\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc Free() { C.free(nil) }\n",
		"empty/.gitignore": "",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(filepath.Join(dir, "empty", ".gitignore")) // an empty directory

	checkOneLineError(t, "syntax error", run(t, dir, "./broken"), "broken/a.go:3:1: expected declaration")
	checkOneLineError(t, "type error", run(t, dir, "./typeerr"), `typeerr/a.go:4:9: cannot use "one"`)
	checkOneLineError(t, "empty directory", run(t, dir, "./empty"), "no Go files in ./empty")
	checkOneLineError(t, "pattern matching nothing", run(t, dir, "./docs/..."), "./docs/... matched no packages")
	checkOneLineError(t, "missing directory", run(t, dir, "./nosuch/..."), "nosuch")

	cmd := exec.Command(ctxlintBin, "./cgo")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "CC="+filepath.Join(dir, "no-such-cc"))
	checkOneLineError(t, "cgo without a C compiler", runCmd(t, cmd, dir), "C compiler")
}

// TestFactsAcrossPackages: package client discards the cancel function
// that timeouts.NewTimeout returns as a plain func(); lostcancel2 knows it
// is one only through the ReturnsCancel fact exported while analyzing
// timeouts. Checked standalone and under go vet -vettool.
func TestFactsAcrossPackages(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "facts")
	const msg = "the cancel function returned by timeouts.NewTimeout should be called, not discarded, to avoid a context leak"
	r := run(t, dir, "./...")
	if want := "client/client.go:13:7: lostcancel2: " + msg + "\n"; r.code != 1 || r.stdout != want {
		t.Errorf("standalone: want exit status 1 and\n%s\ngot %v", want, r)
	}

	vet := exec.Command("go", "vet", "-vettool="+ctxlintBin, "./...")
	vet.Env = append(os.Environ(), "GOFLAGS=")
	r = runCmd(t, vet, dir)
	if r.code != 1 || !strings.Contains(r.stderr, "client/client.go:13:7: "+msg) {
		t.Errorf("go vet -vettool: want exit status 1 and the finding in client, got %v", r)
	}
	if strings.Contains(r.stderr, "timeouts.go") {
		t.Errorf("go vet -vettool: a finding in the helper itself: %v", r)
	}
}
