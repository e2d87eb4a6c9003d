//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
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

// validationReport is a validation group's report with one module, four
// findings whose positions, messages and reasons all contain "secret".
func validationReport() *report { return blindReport(groupValidation) }

// blindReport is validationReport's report as one of blind group g.
func blindReport(g string) *report {
	m := &moduleResult{
		Mod:      module{"example.com/v", "v1.0.0", g},
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
	r := &report{Group: g, Command: "scripts/corpus/run -group " + g, Commit: "abc1234", Modules: []*moduleResult{m},
		Dropped: []dropped{{module{"example.com/gone", "v1", g}, "does not build"}}, Sample: 150}
	r.triage(map[string]verdict{
		"example.com/v/secretfile.go:10: bgtimeout":        {"FP", "example.com/v/secretfile.go:10: bgtimeout", "secretFunc only waits on Done", "stop-signal use taken for work"},
		"example.com/v/secretfile.go:20: bgtimeout":        {"TP", "example.com/v/secretfile.go:20: bgtimeout", "secretFunc2 hangs", ""},
		"example.com/v/secretpkg/x_test.go:5: lostcancel2": {"debatable", "example.com/v/secretpkg/x_test.go:5: lostcancel2", "secret table loop", "short table loop in a test"},
		"example.com/v/secretold.go:1: lostcancel2":        {"FP", "example.com/v/secretold.go:1: lostcancel2", "secret stale", "x"},
	})
	return r
}

func TestBlindSectionNamesNoCode(t *testing.T) {
	for _, g := range blindGroups {
		t.Run(g, func(t *testing.T) { testBlindSection(t, g) })
	}
}

func testBlindSection(t *testing.T, g string) {
	r := blindReport(g)
	s := r.section()
	if strings.Contains(strings.ToLower(s), "secret") {
		t.Errorf("the %s section names code:\n%s", g, s)
	}
	if intro := blindIntro[g]; intro == "" || !strings.Contains(s, "\n"+intro+"\n") {
		t.Errorf("the %s section lacks its introduction %q:\n%s", g, intro, s)
	}
	for _, want := range []string{
		"## " + title(g) + " group",
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
			t.Errorf("the %s section lacks %q:\n%s", g, want, s)
		}
	}
	// The full listing, for the work directory only, does name them.
	if full := r.fullMarkdown(); !strings.Contains(full, "secretfile.go:10") || !strings.Contains(full, "secretFunc only waits on Done") || !strings.Contains(full, "the "+g+" group is never used") {
		t.Errorf("the full listing lacks the findings and verdicts:\n%s", full)
	}
	// So does the terminal for the tuning group, not for a blind group.
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

func TestDocumentKeepsTheOtherGroups(t *testing.T) {
	// A first report with all three groups.
	tuning := &report{Group: groupTuning, Command: "scripts/corpus/run", Commit: "old1111", Modules: []*moduleResult{{
		Mod:   module{"example.com/t", "v1", groupTuning},
		Diags: []diag{{Analyzer: "lostcancel2", File: "example.com/t/open.go", Line: 3, Message: "m"}},
	}}}
	tuning.triage(map[string]verdict{})
	first := document(map[string]*report{groupTuning: tuning, groupValidation: validationReport(), groupHoldout: blindReport(groupHoldout)}, "")
	sections := groupSections(first)
	if !strings.Contains(sections[groupTuning], "example.com/t/open.go:3: lostcancel2") || !strings.Contains(sections[groupValidation], "## Validation group") || !strings.Contains(sections[groupHoldout], "## Holdout group") {
		t.Fatalf("sections of the first report:\n%v", sections)
	}
	for _, want := range []string{"The list has three groups", "scripts/corpus/triage-holdout.txt", "holdout-untriaged.txt", "`-group holdout`"} {
		if !strings.Contains(first, want) {
			t.Errorf("the preamble lacks %q", want)
		}
	}

	// A run of one group alone keeps the others' parts verbatim.
	for _, g := range groups {
		var rep *report
		if g == groupTuning {
			rep = &report{Group: g, Command: "scripts/corpus/run -group tuning", Commit: "new2222"}
			rep.triage(map[string]verdict{})
		} else {
			rep = blindReport(g)
			rep.Commit = "new2222"
		}
		second := document(map[string]*report{g: rep}, first)
		again := groupSections(second)
		for _, other := range groups {
			if other != g && again[other] != sections[other] {
				t.Errorf("a run of the %s group changed the %s part:\nbefore %q\nafter  %q", g, other, sections[other], again[other])
			}
		}
		if !strings.Contains(again[g], "new2222") || strings.Contains(again[g], "abc1234") || strings.Contains(again[g], "old1111") {
			t.Errorf("the %s part was not rewritten:\n%s", g, again[g])
		}
		for _, other := range groups {
			if n := strings.Count(second, "## "+title(other)+" group"); n != 1 {
				t.Errorf("after a run of the %s group, the %s part appears %d times:\n%s", g, other, n, second)
			}
		}
	}

	// With no earlier report, a group not run says so.
	v := validationReport()
	for _, g := range []string{groupTuning, groupHoldout} {
		if s := groupSections(document(map[string]*report{groupValidation: v}, ""))[g]; !strings.Contains(s, "Not measured yet.") {
			t.Errorf("%s part with nothing to keep = %q", g, s)
		}
	}
}

// TestDocumentKeepsOldMarkers: a report written when the markers read
// otherwise (two groups: "a run of the other group") keeps its parts.
func TestDocumentKeepsOldMarkers(t *testing.T) {
	old := "# ctxlint on a real-world corpus\n\nold preamble\n\n" +
		"<!-- corpus group tuning: written by scripts/corpus/run; a run of the other group keeps it as it is -->\n## Tuning group\n\nold tuning part\n<!-- end of corpus group tuning -->\n\n" +
		"<!-- corpus group validation: written by scripts/corpus/run; a run of the other group keeps it as it is -->\n## Validation group\n\nold validation part\n<!-- end of corpus group validation -->\n"
	doc := document(map[string]*report{groupHoldout: blindReport(groupHoldout)}, old)
	s := groupSections(doc)
	if s[groupTuning] != "## Tuning group\n\nold tuning part\n" || s[groupValidation] != "## Validation group\n\nold validation part\n" {
		t.Errorf("the old parts were not kept:\n%s", doc)
	}
	if strings.Contains(doc, "old preamble") || strings.Contains(doc, "the other group keeps") {
		t.Errorf("the preamble or a marker was not rewritten:\n%s", doc)
	}
	if !strings.Contains(s[groupHoldout], "## Holdout group") {
		t.Errorf("no holdout part:\n%s", doc)
	}
}

func TestSnapshots(t *testing.T) {
	r := validationReport()
	r.Modules[0].Commit = "abc1234"
	var s snapshots
	s = s.record(groupValidation, "before the change", r)
	s = s.record(groupTuning, "before the change", r)
	s = s.record(groupHoldout, "holdout baseline", r)
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
	if h := back.of(groupHoldout); len(h) != len(analyzerNames()) || h[0].Label != "holdout baseline" {
		t.Errorf("holdout entries = %+v, want one per analyzer", h)
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
		"staging | l | c | bgtimeout | 1 2 3 4 5",
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

func TestBlindTriageFile(t *testing.T) {
	if got := blindTriageFile(groupHoldout); got != "scripts/corpus/triage-holdout.txt" {
		t.Errorf("holdout triage file = %q", got)
	}
	if got := blindTriageFile(groupValidation); got != "scripts/corpus/triage-validation.txt" {
		t.Errorf("validation triage file = %q", got)
	}
}

// TestBlindListings: a blind group's full listing and untriaged findings go
// to the work directory, under the group's name; the tuning group's do not.
func TestBlindListings(t *testing.T) {
	work := t.TempDir()
	tuning := &report{Group: groupTuning}
	tuning.triage(map[string]verdict{})
	if err := writeBlindListings(work, map[string]*report{groupTuning: tuning, groupHoldout: blindReport(groupHoldout)}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"holdout-untriaged.txt", "holdout.md"}; !reflect.DeepEqual(names, want) {
		t.Errorf("work directory holds %v, want %v", names, want)
	}
	untriaged, _ := os.ReadFile(filepath.Join(work, "holdout-untriaged.txt"))
	if !strings.HasPrefix(string(untriaged), "# holdout group:") || !strings.Contains(string(untriaged), "? | example.com/v/secretpkg/x_test.go:9: lostcancel2 |") {
		t.Errorf("holdout-untriaged.txt:\n%s", untriaged)
	}
	full, _ := os.ReadFile(filepath.Join(work, "holdout.md"))
	if !strings.Contains(string(full), "holdout group, full listing") {
		t.Errorf("holdout.md:\n%s", full)
	}
}

// TestFailuresCountsEachOnce: each failure is listed once.
func TestFailuresCountsEachOnce(t *testing.T) {
	r := &report{Group: groupTuning, Modules: []*moduleResult{{
		Mod:   module{"example.com/t", "v1", groupTuning},
		Cache: cacheResult{Mismatch: []string{"warm run"}},
	}}}
	if fs := r.failures(); len(fs) != 1 {
		t.Errorf("failures = %v, want the one cache mismatch", fs)
	}
}
