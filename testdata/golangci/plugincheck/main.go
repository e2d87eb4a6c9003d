// Command plugincheck checks what a golangci-lint built with ctxlint's plugin
// reported on the fixture module (the parent directory), for
// scripts/golangci-plugin-test.sh. It needs nothing but the standard
// library, so the script depends on nothing but go.
//
// Expectations live in the fixture's source:
//
//	defer tx.Rollback(ctx) // want detachedcleanup "regexp of the message"
//
// means the line reports a detachedcleanup diagnostic matching the regexp
// (a Go string literal, double-quoted or raw, as analysistest's),
// and a line carrying //nolint:NAME would report a NAME diagnostic if the
// comment were not there (the script checks that in a copy without the
// comments).
//
// Usage:
//
//	plugincheck hash < files          print a hash of the named files
//	plugincheck strip-nolint DIR      remove //nolint comments under DIR
//	plugincheck check -fixture DIR [-root DIR] -mode MODE -disabled NAME -text FILE [-sarif FILE]
//
// check modes: "enabled" (the configuration as written: every want of an
// enabled analyzer, nothing else), "disabled-only" (only the disabled
// analyzer runs: its wants, nothing else), "nolint-stripped" (as "enabled",
// plus a diagnostic on each line whose //nolint comment was removed).
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fatalf("usage: plugincheck hash|strip-nolint|check ...")
	}
	var err error
	switch os.Args[1] {
	case "hash":
		err = hashFiles(os.Stdin, os.Stdout)
	case "strip-nolint":
		if len(os.Args) != 3 {
			fatalf("usage: plugincheck strip-nolint DIR")
		}
		err = stripNolint(os.Args[2])
	case "check":
		err = check(os.Args[2:])
	default:
		fatalf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "plugincheck: "+format+"\n", args...)
	os.Exit(1)
}

// hashFiles prints a SHA-256 over the names and contents of the files listed
// one per line on r.
func hashFiles(r io.Reader, w io.Writer) error {
	h := sha256.New()
	sc := bufio.NewScanner(r)
	var names []string
	for sc.Scan() {
		if name := strings.TrimSpace(sc.Text()); name != "" {
			names = append(names, name)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.Sort(names)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(name), len(data))
		h.Write(data)
	}
	_, err := fmt.Fprintf(w, "%x\n", h.Sum(nil)[:8])
	return err
}

var nolintComment = regexp.MustCompile(`\s*//nolint:[\w,-]+.*$`)

func stripNolint(dir string) error {
	return forEachGoFile(dir, func(path string, data []byte) error {
		lines := strings.Split(string(data), "\n")
		for i, l := range lines {
			lines[i] = nolintComment.ReplaceAllString(l, "")
		}
		return os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	})
}

// forEachGoFile calls f on each .go file of the fixture, skipping nested
// modules (this checker's own).
func forEachGoFile(dir string, f func(path string, data []byte) error) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return f(path, data)
	})
}

// An expectation is a diagnostic the fixture says one of its lines reports.
type expectation struct {
	file    string // slash-separated, relative to the fixture
	line    int
	linter  string
	message *regexp.Regexp // nil: any message (a line under //nolint)
	nolint  bool           // the line carries //nolint:linter
}

func (e expectation) String() string {
	s := fmt.Sprintf("%s:%d: %s", e.file, e.line, e.linter)
	if e.message != nil {
		s += fmt.Sprintf(" %q", e.message)
	}
	if e.nolint {
		s += " (under //nolint)"
	}
	return s
}

var (
	wantComment   = regexp.MustCompile("// want ([\\w-]+) (\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)")
	nolintLinters = regexp.MustCompile(`//nolint:([\w,-]+)`)
)

func readExpectations(fixture string) ([]expectation, error) {
	var exps []expectation
	err := forEachGoFile(fixture, func(path string, data []byte) error {
		rel, err := filepath.Rel(fixture, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
				pattern, err := strconv.Unquote(m[2])
				if err != nil {
					return fmt.Errorf("%s:%d: bad want pattern: %v", rel, i+1, err)
				}
				re, err := regexp.Compile(pattern)
				if err != nil {
					return fmt.Errorf("%s:%d: bad want pattern: %v", rel, i+1, err)
				}
				exps = append(exps, expectation{file: rel, line: i + 1, linter: m[1], message: re})
			}
			for _, m := range nolintLinters.FindAllStringSubmatch(line, -1) {
				for _, name := range strings.Split(m[1], ",") {
					exps = append(exps, expectation{file: rel, line: i + 1, linter: name, nolint: true})
				}
			}
		}
		return nil
	})
	return exps, err
}

// A diagnostic is one issue golangci-lint reported.
type diagnostic struct {
	file         string
	line, column int
	linter       string
	message      string
}

func (d diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s (%s)", d.file, d.line, d.column, d.message, d.linter)
}

// textIssue is golangci-lint's text format without source lines:
// file:line:col: message (linter).
var textIssue = regexp.MustCompile(`^(.+\.go):(\d+):(\d+): (.*) \(([\w-]+)\)$`)

func readText(path, root string) ([]diagnostic, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var diags []diagnostic
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := textIssue.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("%s: line not in the form file:line:col: message (linter): %q", path, line)
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		diags = append(diags, diagnostic{file: relPath(root, m[1]), line: l, column: c, message: m[4], linter: m[5]})
	}
	return diags, nil
}

func relPath(root, name string) string {
	name = strings.TrimPrefix(name, "file://")
	if filepath.IsAbs(name) {
		if rel, err := filepath.Rel(root, name); err == nil {
			name = rel
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// sarifLog holds the parts of SARIF 2.1.0 that code scanning requires.
type sarifLog struct {
	Version *string `json:"version"`
	Runs    []struct {
		Tool *struct {
			Driver *struct {
				Name string `json:"name"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID  string `json:"ruleId"`
			Level   string `json:"level"`
			Message *struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation *struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func readSARIF(path, root string) ([]diagnostic, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("%s: not valid JSON: %v", path, err)
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if log.Version == nil || *log.Version != "2.1.0" {
		bad("version is not \"2.1.0\"")
	}
	if len(log.Runs) != 1 {
		bad("%d runs, want 1", len(log.Runs))
	}
	var diags []diagnostic
	for i, run := range log.Runs {
		if run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == "" {
			bad("runs[%d].tool.driver.name is missing", i)
		}
		for j, r := range run.Results {
			where := fmt.Sprintf("runs[%d].results[%d]", i, j)
			if r.RuleID == "" {
				bad("%s.ruleId is missing", where)
			}
			if !slices.Contains([]string{"none", "note", "warning", "error"}, r.Level) {
				bad("%s.level %q is not a SARIF level", where, r.Level)
			}
			if r.Message == nil || r.Message.Text == "" {
				bad("%s.message.text is missing", where)
				continue
			}
			if len(r.Locations) != 1 {
				bad("%s has %d locations, want 1", where, len(r.Locations))
				continue
			}
			pl := r.Locations[0].PhysicalLocation
			if pl == nil || pl.ArtifactLocation == nil || pl.ArtifactLocation.URI == "" || pl.Region == nil {
				bad("%s.locations[0].physicalLocation lacks artifactLocation.uri or region", where)
				continue
			}
			if pl.Region.StartLine < 1 || pl.Region.StartColumn < 1 {
				bad("%s region starts at %d:%d", where, pl.Region.StartLine, pl.Region.StartColumn)
			}
			diags = append(diags, diagnostic{
				file:    relPath(root, pl.ArtifactLocation.URI),
				line:    pl.Region.StartLine,
				column:  pl.Region.StartColumn,
				linter:  r.RuleID,
				message: r.Message.Text,
			})
		}
	}
	if problems != nil {
		return nil, fmt.Errorf("%s: invalid SARIF:\n\t%s", path, strings.Join(problems, "\n\t"))
	}
	return diags, nil
}

func check(args []string) error {
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fixture := fset.String("fixture", "", "fixture module directory, whose comments say what to expect")
	root := fset.String("root", "", "directory golangci-lint ran in (default: -fixture)")
	mode := fset.String("mode", "", "enabled, disabled-only or nolint-stripped")
	disabled := fset.String("disabled", "", "the analyzer the configuration disables")
	textPath := fset.String("text", "", "golangci-lint's text output")
	sarifPath := fset.String("sarif", "", "golangci-lint's SARIF output, if written")
	if err := fset.Parse(args); err != nil {
		return err
	}
	if *fixture == "" || *textPath == "" || *disabled == "" {
		return errors.New("check needs -fixture, -disabled and -text")
	}
	if *root == "" {
		*root = *fixture
	}
	all, err := readExpectations(*fixture)
	if err != nil {
		return err
	}
	want, err := expected(all, *mode, *disabled)
	if err != nil {
		return err
	}
	if len(want) == 0 {
		return fmt.Errorf("mode %s: the fixture expects no diagnostics, so this run proves nothing", *mode)
	}
	text, err := readText(*textPath, *root)
	if err != nil {
		return err
	}
	var failures []string
	failures = append(failures, compare("text output", want, text)...)
	if *sarifPath != "" {
		sarif, err := readSARIF(*sarifPath, *root)
		if err != nil {
			return err
		}
		failures = append(failures, compare("SARIF", want, sarif)...)
		failures = append(failures, sameIssues(text, sarif)...)
		failures = append(failures, ruleIDsPerAnalyzer(want, sarif)...)
	}
	if failures != nil {
		return fmt.Errorf("mode %s:\n\t%s", *mode, strings.Join(failures, "\n\t"))
	}
	fmt.Printf("ok: %s: %d diagnostics as expected\n", *mode, len(want))
	return nil
}

// expected selects the diagnostics a run in mode must report.
func expected(all []expectation, mode, disabled string) ([]expectation, error) {
	var want []expectation
	for _, e := range all {
		var keep bool
		switch mode {
		case "enabled":
			keep = !e.nolint && e.linter != disabled
		case "disabled-only":
			keep = !e.nolint && e.linter == disabled
		case "nolint-stripped":
			keep = e.linter != disabled
		default:
			return nil, fmt.Errorf("unknown mode %q", mode)
		}
		if keep {
			want = append(want, e)
		}
	}
	return want, nil
}

// compare matches diagnostics to expectations one to one and describes every
// expectation left unmet and every diagnostic left unexpected.
func compare(what string, want []expectation, got []diagnostic) []string {
	used := make([]bool, len(got))
	var failures []string
	for _, e := range want {
		found := false
		for i, d := range got {
			if !used[i] && d.file == e.file && d.line == e.line && d.linter == e.linter &&
				(e.message == nil || e.message.MatchString(d.message)) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			failures = append(failures, fmt.Sprintf("%s: missing %v", what, e))
		}
	}
	for i, d := range got {
		if !used[i] {
			failures = append(failures, fmt.Sprintf("%s: unexpected %v (add a // want comment to the fixture if it is right)", what, d))
		}
	}
	return failures
}

// sameIssues checks that the text and SARIF outputs of one run hold the same
// issues at the same columns with the same messages.
func sameIssues(text, sarif []diagnostic) []string {
	key := func(d diagnostic) string { return d.String() }
	a := make([]string, 0, len(text))
	for _, d := range text {
		a = append(a, key(d))
	}
	b := make([]string, 0, len(sarif))
	for _, d := range sarif {
		b = append(b, key(d))
	}
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		return []string{fmt.Sprintf("text and SARIF disagree:\n\t\ttext:  %s\n\t\tSARIF: %s",
			strings.Join(a, "\n\t\t       "), strings.Join(b, "\n\t\t       "))}
	}
	return nil
}

// ruleIDsPerAnalyzer checks that each analyzer's findings carry its own rule
// id, not one umbrella id for the suite.
func ruleIDsPerAnalyzer(want []expectation, sarif []diagnostic) []string {
	var failures []string
	for _, e := range want {
		if !slices.ContainsFunc(sarif, func(d diagnostic) bool { return d.linter == e.linter }) {
			failures = append(failures, fmt.Sprintf("SARIF: no result has ruleId %q", e.linter))
		}
	}
	return slices.Compact(failures)
}
