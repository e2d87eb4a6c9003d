//go:build unix

package main

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseVerdict(t *testing.T) {
	v, err := parseVerdict("FP | example.com/m/a.go:3: bgtimeout | the callee bounds itself | callee applies its own timeout")
	want := verdict{"FP", "example.com/m/a.go:3: bgtimeout", "the callee bounds itself", "callee applies its own timeout"}
	if err != nil || v != want {
		t.Errorf("with a family: %+v, %v; want %+v", v, err, want)
	}
	v, err = parseVerdict("TP | example.com/m/a.go:3: bgtimeout | real")
	if err != nil || v.Family != "" || v.Reason != "real" {
		t.Errorf("without a family: %+v, %v", v, err)
	}
	for _, bad := range []string{
		"TP | example.com/m/a.go:3: bgtimeout",
		"maybe | example.com/m/a.go:3: bgtimeout | why",
		"FP | example.com/m/a.go:3: bgtimeout | why | ",
		"FP |  | why",
		"? | example.com/m/a.go:3: bgtimeout | an untriaged line pasted as is",
	} {
		if _, err := parseVerdict(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// validationReport is a validation group's report with one module, three
// findings whose positions, messages and reasons all contain "secret".
func validationReport() *report {
	m := &moduleResult{
		Mod:      module{"example.com/v", "v1.0.0", groupValidation},
		Packages: 3, Lines: 1000, TestLines: 500,
		Diags: []diag{
			{Analyzer: "bgtimeout", File: "example.com/v/secretfile.go", Line: 10, Message: "goroutine calls secretFunc"},
			{Analyzer: "bgtimeout", File: "example.com/v/secretfile.go", Line: 20, Message: "goroutine calls secretFunc2"},
			{Analyzer: "lostcancel2", File: "example.com/v/secretpkg/x_test.go", Line: 5, Message: "defer secretCancel() inside a loop"},
			{Analyzer: "lostcancel2", File: "example.com/v/secretpkg/x_test.go", Line: 9, Message: "untriaged secret"},
		},
		Misses:   []diag{{Analyzer: "lostcancel", File: "example.com/v/secretvet.go", Line: 4, Message: "secret"}},
		Errors:   []string{"example.com/v/secretpkg: bgtimeout: secret error"},
		VetDiags: []diag{{Analyzer: "lostcancel", File: "example.com/v/secretvet.go", Line: 4}},
	}
	r := &report{Group: groupValidation, Command: "scripts/corpus/run -group validation", Commit: "abc1234", Modules: []*moduleResult{m},
		Dropped: []dropped{{module{"example.com/gone", "v1", groupValidation}, "does not build"}}, Sample: 150}
	r.triage(map[string]verdict{
		"example.com/v/secretfile.go:10: bgtimeout":        {"FP", "example.com/v/secretfile.go:10: bgtimeout", "secretFunc only waits on Done", "stop-signal use taken for work"},
		"example.com/v/secretfile.go:20: bgtimeout":        {"TP", "example.com/v/secretfile.go:20: bgtimeout", "secretFunc2 hangs", ""},
		"example.com/v/secretpkg/x_test.go:5: lostcancel2": {"debatable", "example.com/v/secretpkg/x_test.go:5: lostcancel2", "secret table loop", "short table loop in a test"},
		"example.com/v/secretold.go:1: lostcancel2":        {"FP", "example.com/v/secretold.go:1: lostcancel2", "secret stale", "x"},
	})
	return r
}

func TestValidationSectionNamesNoCode(t *testing.T) {
	r := validationReport()
	s := r.section()
	if strings.Contains(strings.ToLower(s), "secret") {
		t.Errorf("the validation section names code:\n%s", s)
	}
	for _, want := range []string{
		"## Validation group",
		"| example.com/v@v1.0.0 | 3 | 1000 | 500 |",
		"example.com/gone@v1 (does not build)",
		"| bgtimeout | 2 | 1 | 1 | 0 | 0 | 50% (1/2) | 50% |",
		"| lostcancel2 | 2 | 0 | 0 | 1 | 1 | n/a | 0% |",
		"| bgtimeout | FP | stop-signal use taken for work | 1 |",
		"| lostcancel2 | debatable | short table loop in a test | 1 |",
		"| go vet -lostcancel positions not reported by lostcancel2 | 0 | 1 (of 1) |",
		"| internal errors | 0 | 1 |",
		"| verdicts on positions no longer reported | | 1 |",
		"- example.com/v@v1.0.0: lostcancel2 misses a go vet finding (1)",
		"- example.com/v@v1.0.0: internal error (1)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the validation section lacks %q:\n%s", want, s)
		}
	}
	// The full listing, for the work directory only, does name them.
	if full := r.fullMarkdown(); !strings.Contains(full, "secretfile.go:10") || !strings.Contains(full, "secretFunc only waits on Done") {
		t.Errorf("the full listing lacks the findings and verdicts:\n%s", full)
	}
	// So does the terminal for the tuning group, not for the validation group.
	for _, l := range r.failureLines() {
		if strings.Contains(l, "secret") {
			t.Errorf("failure line %q names code", l)
		}
	}
	r.Group = groupTuning
	if ls := r.failureLines(); len(ls) != 2 || !strings.Contains(strings.Join(ls, "\n"), "secretvet.go:4") {
		t.Errorf("tuning failure lines = %q, want both in full", ls)
	}
}

func TestUntriagedLines(t *testing.T) {
	got := validationReport().untriagedLines()
	want := "? | example.com/v/secretpkg/x_test.go:9: lostcancel2 | untriaged secret\n"
	if !strings.HasSuffix(got, want) || strings.Count(got, "\n?") != 1 {
		t.Errorf("untriagedLines = %q, want one line %q", got, want)
	}
}

func TestTallyFindingsWhenSampled(t *testing.T) {
	r := validationReport()
	r.Sample = 2
	r.triage(map[string]verdict{})
	if !r.Sampled || len(r.Triaged) != 2 {
		t.Fatalf("sampled %v, %d triaged; want a sample of 2", r.Sampled, len(r.Triaged))
	}
	if b, l := r.tally("bgtimeout"), r.tally("lostcancel2"); b.Findings != 2 || l.Findings != 2 || b.Untriaged+l.Untriaged != 2 {
		t.Errorf("tallies %+v %+v: want 2 findings each, 2 untriaged in all", *b, *l)
	}
}

func TestDocumentKeepsTheOtherGroup(t *testing.T) {
	// A first report with both groups.
	tuning := &report{Group: groupTuning, Command: "scripts/corpus/run", Commit: "old1111", Modules: []*moduleResult{{
		Mod:   module{"example.com/t", "v1", groupTuning},
		Diags: []diag{{Analyzer: "lostcancel2", File: "example.com/t/open.go", Line: 3, Message: "m"}},
	}}}
	tuning.triage(map[string]verdict{})
	first := document(map[string]*report{groupTuning: tuning, groupValidation: validationReport()}, "")
	sections := groupSections(first)
	if !strings.Contains(sections[groupTuning], "example.com/t/open.go:3: lostcancel2") || !strings.Contains(sections[groupValidation], "## Validation group") {
		t.Fatalf("sections of the first report:\n%v", sections)
	}

	// A run of the validation group alone keeps the tuning part verbatim.
	v := validationReport()
	v.Commit = "new2222"
	second := document(map[string]*report{groupValidation: v}, first)
	again := groupSections(second)
	if again[groupTuning] != sections[groupTuning] {
		t.Errorf("the tuning part changed:\nbefore %q\nafter  %q", sections[groupTuning], again[groupTuning])
	}
	if !strings.Contains(again[groupValidation], "new2222") || strings.Contains(again[groupValidation], "abc1234") {
		t.Errorf("the validation part was not rewritten:\n%s", again[groupValidation])
	}
	if strings.Count(second, "## Validation group") != 1 || strings.Count(second, "## Tuning group") != 1 {
		t.Errorf("a group's part appears more than once:\n%s", second)
	}

	// With no earlier report, a group not run says so.
	if s := groupSections(document(map[string]*report{groupValidation: v}, ""))[groupTuning]; !strings.Contains(s, "Not measured yet.") {
		t.Errorf("tuning part with nothing to keep = %q", s)
	}
}

func TestSnapshots(t *testing.T) {
	r := validationReport()
	r.Modules[0].Commit = "abc1234"
	var s snapshots
	s = s.record(groupValidation, "before the change", r)
	s = s.record(groupTuning, "before the change", r)
	r.tallyOf("bgtimeout").TP = 7
	s = s.record(groupValidation, "before the change", r) // replaces the first
	text := s.format()
	back, err := parseSnapshots("snapshots.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", back, s)
	}
	v := back.of(groupValidation)
	if len(v) != len(analyzerNames()) {
		t.Fatalf("%d validation entries, want one per analyzer (%d):\n%s", len(v), len(analyzerNames()), text)
	}
	for _, x := range v {
		if x.Analyzer == "bgtimeout" && (x.Counts != tally{Findings: 2, TP: 7, FP: 1} || x.Commit != "abc1234") {
			t.Errorf("bgtimeout entry = %+v", x)
		}
	}
	r.Snapshots = v
	if sec := r.section(); !strings.Contains(sec, "| before the change | abc1234 | bgtimeout | 2 | 7 | 1 | 0 | 0 | 88% (7/8) | 88% |") {
		t.Errorf("the section does not show the recorded figures:\n%s", sec)
	}
	for _, bad := range []string{
		"validation | l | c | bgtimeout | 1 2 3 4",
		"validation | l | c | bgtimeout | 1 2 x 4 5",
		"holdout | l | c | bgtimeout | 1 2 3 4 5",
		"validation | l | bgtimeout | 1 2 3 4 5",
	} {
		if _, err := parseSnapshots("snapshots.txt", bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestHeader(t *testing.T) {
	mod := func(path, commit, command string, reused bool) *moduleResult {
		return &moduleResult{Mod: module{path, "v1", groupValidation}, Commit: commit, Command: command, Reused: reused, Took: 60e9}
	}
	header := func(r *report) string {
		var b strings.Builder
		r.writeHeader(func(format string, args ...any) { b.WriteString(fmt.Sprintf(format, args...) + "\n") })
		return b.String()
	}
	// A report of saved results names the command and commit that measured them.
	r := &report{Group: groupValidation, Command: "scripts/corpus/run -reportonly=true", Commit: "new",
		Modules: []*moduleResult{mod("a", "old", "scripts/corpus/run -group=validation", true), mod("b", "old", "scripts/corpus/run -group=validation", true)}}
	if h := header(r); !strings.Contains(h, "- measured by `scripts/corpus/run -group=validation` at ctxlint commit old (2m0s): all of the group's modules\n") {
		t.Errorf("saved results:\n%s", h)
	}
	// A fresh run of part of the group, with one module reused and one missing.
	r = &report{Group: groupValidation, Command: "scripts/corpus/run -modules=a -reuse=true", Commit: "new",
		Modules: []*moduleResult{mod("a", "new", "", false), mod("b", "old", "", true)},
		Missing: []module{{"c", "v1", groupValidation}}}
	h := header(r)
	for _, want := range []string{
		"- measured by this command at ctxlint commit new (1m0s): a@v1\n",
		"- measured by an earlier run at ctxlint commit old (1m0s): b@v1\n",
		"- **subset**: not measured (neither run nor reused from a saved result): c@v1\n",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("partial run: no %q in\n%s", want, h)
		}
	}
}

func TestCommandArg(t *testing.T) {
	for _, tc := range []struct{ name, value, want string }{
		{"group", "validation", "-group=validation"},
		{"work", "relative/dir", ""},
		{"out", "x.md", ""},
		{"list", "/home/someone/list.txt", "-list=PATH"},
		{"snapshot", "before the change", "-snapshot='before the change'"},
		{"snapshot", "it's", `-snapshot='it'\''s'`},
	} {
		if got := strings.Join(commandArg(tc.name, tc.value), " "); got != tc.want {
			t.Errorf("commandArg(%q, %q) = %q, want %q", tc.name, tc.value, got, tc.want)
		}
	}
}
