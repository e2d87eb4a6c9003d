//go:build unix

package main

import (
	"reflect"
	"testing"
)

func TestParseJSONStream(t *testing.T) {
	// go vet -json prints one tree per package between "# pkg" lines; a
	// test variant repeats the diagnostics of the package's own files.
	out := []byte(`# example.com/m/a
{
	"example.com/m/a": {
		"lostcancel": [
			{"posn": "/w/m/a/a.go:3:20", "message": "the cancel function is not used on all paths (possible context leak)"},
			{"posn": "/w/m/a/a.go:9:2", "message": "this return statement may be reached without using the cancel var defined on line 3"}
		]
	}
}
# example.com/m/a [example.com/m/a.test]
{
	"example.com/m/a [example.com/m/a.test]": {
		"lostcancel": [
			{"posn": "/w/m/a/a.go:3:20", "message": "the cancel function is not used on all paths (possible context leak)"}
		],
		"other": {"error": "boom"}
	}
}
{
	"example.com/m/b": {
		"lostcancel2": [
			{"posn": "b/b.go:7:1", "message": "m", "suggested_fixes": [{"message": "f"}], "related": [{"posn": "b/b.go:9:2", "message": "r"}]}
		]
	}
}
`)
	diags, errs, err := parseJSON(out, moduleNamer("/w/m", "example.com/m"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"example.com/m/a/a.go:3: lostcancel: the cancel function is not used on all paths (possible context leak)",
		"example.com/m/a/a.go:9: lostcancel: this return statement may be reached without using the cancel var defined on line 3",
		"example.com/m/b/b.go:7: lostcancel2: m",
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\ngot  %q\nwant %q", got, want)
	}
	if len(errs) != 1 || errs[0] != "example.com/m/a [example.com/m/a.test]: other: boom" {
		t.Errorf("errors = %q", errs)
	}
	if d := diags[2]; d.Fixes != 1 || !reflect.DeepEqual(d.Related, []pos{{"example.com/m/b/b.go", 9}}) {
		t.Errorf("fixes/related of %v = %d, %v", d, d.Fixes, d.Related)
	}
}

func TestVetMisses(t *testing.T) {
	vet := []diag{
		{Analyzer: "lostcancel", File: "m/a.go", Line: 3},
		{Analyzer: "lostcancel", File: "m/a.go", Line: 9},
		{Analyzer: "lostcancel", File: "m/b.go", Line: 4},
	}
	ours := []diag{
		{Analyzer: "lostcancel2", File: "m/a.go", Line: 3, Related: []pos{{"m/a.go", 9}}},
		{Analyzer: "bgtimeout", File: "m/b.go", Line: 4}, // another analyzer does not cover it
	}
	misses := vetMisses(vet, ours)
	if len(misses) != 1 || misses[0].File != "m/b.go" {
		t.Errorf("misses = %v, want only m/b.go:4", misses)
	}
}

func TestSplitPosn(t *testing.T) {
	for in, want := range map[string]pos{
		"/a/b.go:12:3": {"/a/b.go", 12},
		"b.go:7":       {"b.go", 7},
		"b.go":         {"b.go", 0},
	} {
		f, l, _ := splitPosn(in)
		if (pos{f, l}) != want {
			t.Errorf("splitPosn(%q) = %s, %d; want %v", in, f, l, want)
		}
	}
}

func TestIsPanic(t *testing.T) {
	if !isPanic([]byte("panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n")) {
		t.Error("a Go panic is not recognised")
	}
	if isPanic([]byte("ctxlint: a/a.go:3:1: expected declaration\n")) {
		t.Error("a one-line error is taken for a panic")
	}
}

func TestNewLines(t *testing.T) {
	before := "# m/a\na.go:1:1: old finding\n"
	after := "# m/a\na.go:1:1: old finding\na.go:9:2: new finding\n"
	if got := newLines(before, after); !reflect.DeepEqual(got, []string{"a.go:9:2: new finding"}) {
		t.Errorf("newLines = %q", got)
	}
}

func TestChangedPackages(t *testing.T) {
	got := changedPackages([]string{"example.com/m/a.go", "example.com/m/x/b.go", "example.com/m/x/c_test.go"}, "example.com/m")
	if !reflect.DeepEqual(got, []string{"./.", "./x"}) {
		t.Errorf("changedPackages = %q", got)
	}
}

func TestParseIgnored(t *testing.T) {
	stderr := []byte("ctxlint: some warning\n" +
		"tools/cache/wait_test.go:186:9: lostcancel2: the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak (ignored: //nolint:govet // test)\n")
	got := parseIgnored(stderr, moduleNamer("/w/client-go", "k8s.io/client-go"))
	want := []diag{{Analyzer: "lostcancel2", File: "k8s.io/client-go/tools/cache/wait_test.go", Line: 186, Col: 9,
		Message: "the cancel function returned by context.WithTimeout should be called, not discarded, to avoid a context leak"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseIgnored = %+v, want %+v", got, want)
	}
	vet := []diag{{Analyzer: "lostcancel", File: "k8s.io/client-go/tools/cache/wait_test.go", Line: 186}}
	if misses := vetMisses(vet, got); len(misses) != 0 {
		t.Errorf("a suppressed finding still counts as reported; got misses %v", misses)
	}
}
