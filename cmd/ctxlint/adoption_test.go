package main

// End-to-end tests of the behaviours Go teams expect from lint tooling
// (issue 15): versions, build tags, verbose output, stable JSON, errors in
// the output format, repository-relative paths, new-code filters,
// baselines and //nolint.

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ctxlint/ctxlint"
)

// stampedVersion returns the version the go command recorded in the
// binary, read with go version -m, as ctxlint should print it.
func stampedVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", ctxlintBin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	var version, revision, modified string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod" && f[1] == "github.com/ctxlint/ctxlint":
			version = f[2]
		case len(f) == 2 && f[0] == "build" && strings.HasPrefix(f[1], "vcs.revision="):
			revision = strings.TrimPrefix(f[1], "vcs.revision=")
		case len(f) == 2 && f[0] == "build" && f[1] == "vcs.modified=true":
			modified = " modified"
		}
	}
	if version == "" {
		t.Fatalf("go version -m names no main module:\n%s", out)
	}
	if revision != "" {
		version += " revision " + revision + modified
	}
	return version
}

// TestVersionFlag: -version prints the module version and VCS revision
// the build recorded ("(devel)" for a build from a checkout without VCS
// stamping), and the Go version.
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	want := "ctxlint " + stampedVersion(t) + ", built with go"
	r := run(t, t.TempDir(), "-version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, "\n") != 1 || r.stderr != "" {
		t.Errorf("-version: want one line starting %q, got %v", want, r)
	}
}

// TestVetVersion: -V=full names the version, and go vet's cache key (the
// whole line, since the word after "version" is not "devel") carries the
// SHA-256 of the executable, so it changes whenever the binary does.
func TestVetVersion(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(ctxlintBin)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("ctxlint version %s buildID=%x\n", stampedVersion(t), sha256.Sum256(data))
	for _, args := range [][]string{{"-V=full"}, {"-json", "-V=full", "./..."}} {
		r := run(t, t.TempDir(), args...)
		if r.code != 0 || r.stdout != want {
			t.Errorf("%q: want %q, got %v", args, want, r)
		}
		if f := strings.Fields(r.stdout); len(f) < 3 || f[2] == "devel" {
			t.Errorf("%q: go vet would key its cache on the build ID alone: %q", args, r.stdout)
		}
	}
}

// TestSARIFToolVersionAndHelp: SARIF's tool.driver carries the version,
// and every rule a helpUri, the analyzer's generated page.
func TestSARIFToolVersionAndHelp(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-format=sarif", "-test=false", "./leak")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct{ ID, HelpURI string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("stdout is not a SARIF log with one run (%v): %v", err, r)
	}
	d := log.Runs[0].Tool.Driver
	if want := stampedVersion(t); d.Version != want {
		t.Errorf("tool.driver.version = %q, want %q", d.Version, want)
	}
	for _, rule := range d.Rules {
		if want := "https://github.com/ctxlint/ctxlint/blob/main/docs/analyzers/" + rule.ID + ".md"; rule.HelpURI != want {
			t.Errorf("rule %s: helpUri %q, want %q", rule.ID, rule.HelpURI, want)
		}
	}
	if len(d.Rules) != len(ctxlint.Analyzers()) {
		t.Errorf("%d rules, want one per analyzer", len(d.Rules))
	}
}

// TestBuildTags: -tags reaches the go command, as go vet's does: the
// finding in a file built only with a tag appears with the tag alone.
func TestBuildTags(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "tags")
	if r := run(t, dir, "./..."); r.code != 0 || r.stdout != "" {
		t.Errorf("without -tags: want exit status 0 and no finding, got %v", r)
	}
	want := "tagged/integration.go:12:7: lostcancel2: " + leakMsg + "\n"
	for _, args := range [][]string{{"-tags=integration", "./..."}, {"-tags", "linux,integration", "./..."}} {
		if r := run(t, dir, args...); r.code != 1 || r.stdout != want {
			t.Errorf("%q: want exit status 1 and\n%s\ngot %v", args, want, r)
		}
	}
}

// TestVerbose: -v (and multichecker's -debug=v) says on stderr what was
// loaded and analyzed, with durations, by either engine; stdout is
// unchanged.
func TestVerbose(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "basic")
	cacheOff := regexp.MustCompile(`^ctxlint: cache: off \(CTXLINT_CACHE=off\)$`) // the tests' default (TestMain)
	checkVerbose(t, dir, "-engine=checker", []*regexp.Regexp{
		cacheOff,
		regexp.MustCompile(`^ctxlint: loading ./leak with go list \(tests: false, build flags: -tags=x\)$`),
		regexp.MustCompile(`^ctxlint: loaded 1 package to analyze and [1-9][0-9]* dependencies in [0-9.]+m?s$`),
		regexp.MustCompile(`^ctxlint:   example.com/e2e/basic/leak$`),
		regexp.MustCompile(`^ctxlint: ran [1-9][0-9]* analyses \(4 on the packages to analyze, [1-9][0-9]* on dependencies and prerequisites, for facts and results\) in [0-9.]+[mµn]?s$`),
	})
	checkVerbose(t, dir, "-engine=incremental", []*regexp.Regexp{
		cacheOff,
		regexp.MustCompile(`^ctxlint: engine: 1 package to analyze, [1-9][0-9]* in the run, planned in [0-9.]+[mµn]?s$`),
		regexp.MustCompile(`^ctxlint: engine: 0 packages from the cache, [1-9][0-9]* type-checked from source, 1 analyzed, in [0-9.]+[mµn]?s$`),
	})
}

func checkVerbose(t *testing.T, dir, engine string, lines []*regexp.Regexp) {
	t.Helper()
	for _, flag := range []string{"-v", "-debug=v"} {
		r := run(t, dir, engine, flag, "-tags=x", "-test=false", "./leak")
		if r.code != 1 || r.stdout != leakLine {
			t.Errorf("%s %s: want the usual finding and exit status 1, got %v", engine, flag, r)
		}
		got := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		if len(got) != len(lines) {
			t.Fatalf("%s %s: want %d lines on stderr, got %v", engine, flag, len(lines), r)
		}
		for i, re := range lines {
			if !re.MatchString(got[i]) {
				t.Errorf("%s %s: stderr line %d = %q, want it to match %s", engine, flag, i+1, got[i], re)
			}
		}
	}
}

// TestDebugAndTrace: multichecker's -debug letters and -trace work as
// they do there: f logs facts, t lists the slowest actions, p and s are
// accepted; an unknown letter is an error; -trace writes a trace.
func TestDebugAndTrace(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "facts"), "-debug=fpst", "./...")
	if r.code != 1 || !strings.Contains(r.stdout, "client/client.go:13:7: lostcancel2: ") {
		t.Errorf("-debug=fpst: want the usual finding, got %v", r)
	}
	if !regexp.MustCompile(`(?m)^.*NewTimeout.*has fact`).MatchString(r.stderr) {
		t.Errorf("-debug=f: no fact logged for timeouts.NewTimeout: %v", r)
	}
	if !regexp.MustCompile(`(?m)^[0-9.]+[mµn]?s\tlostcancel2@example.com/e2e/facts/client$`).MatchString(r.stderr) &&
		!regexp.MustCompile(`(?m)^[0-9.]+[mµn]?s\tall others$`).MatchString(r.stderr) {
		t.Errorf("-debug=t: no timings: %v", r)
	}
	checkOneLineError(t, "-debug=x", run(t, fixture(t, "facts"), "-debug=vx", "./..."), `unknown letter 'x'`)

	trace := filepath.Join(t.TempDir(), "trace.out")
	if r := run(t, fixture(t, "basic"), "-trace", trace, "-test=false", "./leak"); r.code != 1 || r.stdout != leakLine {
		t.Errorf("-trace: want the usual finding, got %v", r)
	}
	if data, err := os.ReadFile(trace); err != nil || !bytes.HasPrefix(data, []byte("go 1.")) {
		t.Errorf("-trace: want an execution trace, got %d bytes (%v)", len(data), err)
	}
}

// TestJSONOrder: -json lists each analyzer's diagnostics in the text
// output's order (by position), the same in every run. lostcancel2
// reports the fixture's findings rule by rule, not line by line, so an
// unsorted list shows at once.
func TestJSONOrder(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "order")
	text := run(t, dir, "./...")
	var want []string // "jobs/jobs.go:18:7", in text order
	for _, line := range strings.Split(strings.TrimSuffix(text.stdout, "\n"), "\n") {
		want = append(want, strings.SplitN(line, ": ", 2)[0])
	}
	if text.code != 1 || len(want) < 5 {
		t.Fatalf("want several findings in text, got %v", text)
	}
	var first string
	for i := range 3 {
		r := run(t, dir, "-json", "./...")
		var tree map[string]map[string][]struct{ Posn string }
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil || r.code != 1 {
			t.Fatalf("run %d: stdout is not the JSON tree (%v): %v", i, err, r)
		}
		var got []string
		for _, d := range tree["example.com/e2e/order/jobs"]["lostcancel2"] {
			rel, err := filepath.Rel(dir, d.Posn[:strings.Index(d.Posn, ".go:")+3])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, filepath.ToSlash(rel)+d.Posn[strings.Index(d.Posn, ".go:")+3:])
		}
		if !slices.Equal(got, want) {
			t.Errorf("run %d: -json lists\n%s\nwant the text order\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if i == 0 {
			first = r.stdout
		} else if r.stdout != first {
			t.Errorf("run %d: -json output differs from the first run's", i)
		}
	}
}

// writeTree writes files (slash-separated paths relative to dir).
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sarifOutput decodes the parts of a SARIF log these tests look at.
type sarifOutput struct {
	Runs []struct {
		Invocations []struct {
			ExecutionSuccessful        *bool `json:"executionSuccessful"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []sarifLocationOutput `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results *[]struct {
			Locations []sarifLocationOutput `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifLocationOutput struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func decodeSARIF(t *testing.T, r result) sarifOutput {
	t.Helper()
	var log sarifOutput
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 || log.Runs[0].Results == nil || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("stdout is not a SARIF log with one run, results and one invocation (%v): %v", err, r)
	}
	return log
}

// TestErrorsInOutputFormat: an error that stops the run is on stderr as
// before and, in the chosen format, on stdout: a ::error annotation (on
// the file and line when the error has them), a SARIF log whose
// invocation failed with a notification, a JSON object of errors.
func TestErrorsInOutputFormat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		".git/HEAD":      "ref: refs/heads/main\n",
		"go.mod":         "module example.com/e2e/errs\n\ngo 1.26\n",
		"broken/a.go":    "package broken\n\nfun Start() {}\n",
		"clean/clean.go": "package clean\n",
	})
	const syntaxErr = "expected declaration, found fun"
	stderrLine := "ctxlint: broken/a.go:3:1: " + syntaxErr + "\n"

	r := run(t, dir, "-format=github", "./broken")
	if want := "::error file=broken/a.go,line=3,col=1,title=ctxlint::" + syntaxErr + "\n"; r.code != 2 || r.stdout != want || r.stderr != stderrLine {
		t.Errorf("github: want exit status 2, stdout %q and the stderr line, got %v", want, r)
	}
	r = run(t, dir, "-format=github", "./nosuch/...")
	if !regexp.MustCompile(`^::error title=ctxlint::.*nosuch.*\n$`).MatchString(r.stdout) || r.code != 2 {
		t.Errorf("github, an error without a position: got %v", r)
	}

	r = run(t, dir, "-format=sarif", "./broken")
	log := decodeSARIF(t, r)
	inv := log.Runs[0].Invocations[0]
	if r.code != 2 || inv.ExecutionSuccessful == nil || *inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 || r.stderr != stderrLine {
		t.Fatalf("sarif: want exit status 2 and a failed invocation with one notification, got %v", r)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != syntaxErr || len(n.Locations) != 1 ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "broken/a.go" || n.Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("sarif notification = %+v", n)
	}
	if r := run(t, dir, "-format=sarif", "./clean"); r.code != 0 {
		t.Errorf("sarif on a clean package: %v", r)
	} else if inv := decodeSARIF(t, r).Runs[0].Invocations[0]; inv.ExecutionSuccessful == nil || !*inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 0 {
		t.Errorf("sarif on a clean package: want a successful invocation, got %+v", inv)
	}

	r = run(t, dir, "-json", "./broken")
	var errs struct{ Errors []string }
	if err := json.Unmarshal([]byte(r.stdout), &errs); err != nil || r.code != 2 || len(errs.Errors) != 1 || errs.Errors[0] != "broken/a.go:3:1: "+syntaxErr {
		t.Errorf("json: want exit status 2 and {\"errors\": [the error]} (%v), got %v", err, r)
	}
}

// TestRepositoryRootPaths: with the module in a subdirectory of the
// repository, github and SARIF name files relative to the repository root
// (found by walking up to .git, a directory or a worktree's file, or set
// with -root), so GitHub places them; text stays relative to the working
// directory.
func TestRepositoryRootPaths(t *testing.T) {
	t.Parallel()
	for _, gitEntry := range []string{".git/HEAD", ".git"} {
		repo := t.TempDir()
		writeTree(t, repo, map[string]string{
			gitEntry:                  "ref: refs/heads/main\n",
			"services/api/go.mod":     "module example.com/e2e/basic\n\ngo 1.26\n",
			"services/api/leak/a.go":  mustRead(t, filepath.Join(fixture(t, "basic"), "leak", "leak.go")),
			"services/api/README.txt": "the module is not at the repository root\n",
		})
		mod := filepath.Join(repo, "services", "api")
		if r := run(t, mod, "./leak"); r.code != 1 || r.stdout != "leak/a.go:12:7: lostcancel2: "+leakMsg+"\n" {
			t.Errorf("%s: text output: want the path relative to the working directory, got %v", gitEntry, r)
		}
		for root, want := range map[string]string{"": "services/api/leak/a.go", "..": "api/leak/a.go", ".": "leak/a.go"} {
			args := []string{"-root=" + root}
			if root == "" {
				args = nil
			}
			r := run(t, mod, append(args, "-format=github", "./leak")...)
			if !strings.HasPrefix(r.stdout, "::error file="+want+",line=12,") || r.code != 1 {
				t.Errorf("%s, -root=%q: github: want file=%s, got %v", gitEntry, root, want, r)
			}
			r = run(t, mod, append(args, "-format=sarif", "./leak")...)
			res := *decodeSARIF(t, r).Runs[0].Results
			if len(res) != 1 || res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != want ||
				res[0].Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
				t.Errorf("%s, -root=%q: sarif: want uri %s relative to %%SRCROOT%%, got %v", gitEntry, root, want, r)
			}
		}
	}
	checkOneLineError(t, "-root of a missing directory", run(t, fixture(t, "basic"), "-root=nosuch", "./leak"), "-root: nosuch is not a directory")
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// gitIn runs git in dir, failing the test on error.
func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

const leakFunc = `
// %s calls fetch with a one-second budget.
func %s(parent context.Context, fetch func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return fetch(ctx)
}
`

// TestNewFromRev: -new-from-rev=REV reports only the findings on lines
// git diff REV adds or changes (committed or not) and in untracked files.
func TestNewFromRev(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	old := mustRead(t, filepath.Join(fixture(t, "basic"), "leak", "leak.go"))
	writeTree(t, repo, map[string]string{
		"go.mod":       "module example.com/e2e/newcode\n\ngo 1.26\n",
		"leak/leak.go": old,
	})
	gitIn(t, repo, "init", "-q")
	gitIn(t, repo, "add", ".")
	gitIn(t, repo, "commit", "-q", "-m", "old code")

	// A change in the working tree, and a file git does not track yet.
	writeTree(t, repo, map[string]string{
		"leak/leak.go":   old + fmt.Sprintf(leakFunc, "Again", "Again"),
		"fresh/fresh.go": "package fresh\n\nimport (\n\t\"context\"\n\t\"time\"\n)\n" + fmt.Sprintf(leakFunc, "Fresh", "Fresh"),
	})
	const oldLine, againLine, freshLine = "leak/leak.go:12:7: ", "leak/leak.go:18:7: ", "fresh/fresh.go:10:7: "
	want := freshLine + "lostcancel2: " + leakMsg + "\n" + againLine + "lostcancel2: " + leakMsg + "\n"
	if r := run(t, repo, "-new-from-rev=HEAD", "./..."); r.code != 1 || r.stdout != want {
		t.Errorf("uncommitted change: want only the new findings\n%s\ngot %v", want, r)
	}
	if r := run(t, repo, "./..."); r.code != 1 || !strings.Contains(r.stdout, oldLine) {
		t.Errorf("without -new-from-rev: want the old finding too, got %v", r)
	}

	gitIn(t, repo, "add", ".")
	gitIn(t, repo, "commit", "-q", "-m", "new code")
	if r := run(t, repo, "-new-from-rev=HEAD~1", "./..."); r.code != 1 || r.stdout != want {
		t.Errorf("committed change: want only the new findings\n%s\ngot %v", want, r)
	}
	if r := run(t, repo, "-new-from-rev=HEAD", "-format=sarif", "./..."); r.code != 0 || len(*decodeSARIF(t, r).Runs[0].Results) != 0 {
		t.Errorf("nothing changed since HEAD: want no results and exit status 0, got %v", r)
	}
	checkOneLineError(t, "unknown revision", run(t, repo, "-new-from-rev=nosuch", "./..."), "-new-from-rev: git diff: ")
}

// TestBaseline: -write-baseline records today's findings and exits 0;
// -baseline hides exactly those, wherever their lines move, and a second
// finding equal to a recorded one is reported.
func TestBaseline(t *testing.T) {
	t.Parallel()
	dir := copyDir(t, fixture(t, "basic"))
	file := filepath.Join(t.TempDir(), "baseline.json")
	r := run(t, dir, "-write-baseline", file, "./...")
	if r.code != 0 || r.stdout != "" || r.stderr != "ctxlint: wrote 3 findings to the baseline "+file+"\n" {
		t.Fatalf("-write-baseline: want exit status 0 and the count on stderr, got %v", r)
	}
	if r := run(t, dir, "-baseline", file, "./..."); r.code != 0 || r.stdout != "" {
		t.Errorf("-baseline: want every recorded finding hidden, got %v", r)
	}

	// Lines move, and a second finding with the same file, analyzer and
	// message appears below the first.
	leak := filepath.Join(dir, "leak", "leak.go")
	src := strings.Replace(mustRead(t, leak), "package leak\n", "package leak\n\n// Two lines\n// added.\n", 1)
	writeTree(t, dir, map[string]string{"leak/leak.go": src + fmt.Sprintf(leakFunc, "Again", "Again")})
	want := "leak/leak.go:21:7: lostcancel2: " + leakMsg + "\n"
	if r := run(t, dir, "-baseline", file, "./..."); r.code != 1 || r.stdout != want {
		t.Errorf("-baseline after edits: want only the extra finding\n%s\ngot %v", want, r)
	}
	r = run(t, dir, "-baseline", file, "-json", "-test=false", "./leak")
	if n := strings.Count(r.stdout, `"posn"`); r.code != 1 || n != 1 {
		t.Errorf("-baseline -json: want one diagnostic in the tree, got %d: %v", n, r)
	}
	checkOneLineError(t, "missing baseline", run(t, dir, "-baseline", filepath.Join(dir, "nosuch.json"), "./..."), "-baseline: open ")
}

// TestNolintForms runs every //nolint form of the fixture the golangci-lint
// plugin test also lints (scripts/golangci-plugin-test.sh compares the
// two tools' output on it): each function named Reported... has exactly
// one finding, the Quiet... ones and VetOnly (//nolint:govet) none.
func TestNolintForms(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "golangci", "nolintforms"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "./...")
	if r.code != 1 {
		t.Fatalf("want exit status 1, got %v", r)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "forms", "forms.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	counts := make(map[string]int)
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(line, "forms/forms.go:"), "%d:", &n); err != nil {
			t.Fatalf("unexpected line %q", line)
		}
		counts[enclosingFunc(fset, f, n)]++
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		want := 0
		if strings.HasPrefix(fd.Name.Name, "Reported") {
			want = 1
		}
		if counts[fd.Name.Name] != want {
			t.Errorf("%s: %d findings, want %d", fd.Name.Name, counts[fd.Name.Name], want)
		}
	}
}

func enclosingFunc(fset *token.FileSet, f *ast.File, line int) string {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fset.Position(fd.Pos()).Line <= line && line <= fset.Position(fd.End()).Line {
			return fd.Name.Name
		}
	}
	return ""
}
