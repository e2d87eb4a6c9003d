package driver

import (
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestEscapeGitHub(t *testing.T) {
	if got, want := escapeGitHubData("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b"; got != want {
		t.Errorf("escapeGitHubData = %q, want %q", got, want)
	}
	if got, want := escapeGitHubProperty("dir,x/a:b%.go"), "dir%2Cx/a%3Ab%25.go"; got != want {
		t.Errorf("escapeGitHubProperty = %q, want %q", got, want)
	}
}

func TestWriteGitHub(t *testing.T) {
	dir := t.TempDir()
	paths := &pathShortener{cwd: dir}
	a := &analysis.Analyzer{Name: "lostcancel2"}
	f := finding{
		analyzer: a,
		diag:     analysis.Diagnostic{Message: "line one\nline two, 100%"},
		posn:     token.Position{Filename: filepath.Join(dir, "p", "a.go"), Line: 3, Column: 7},
		end:      token.Position{Filename: filepath.Join(dir, "p", "a.go"), Line: 3, Column: 8},
	}
	var out strings.Builder
	writeGitHub(&out, []finding{f}, paths)
	want := "::error file=p/a.go,line=3,col=7,endLine=3,endColumn=8,title=lostcancel2::line one%0Aline two, 100%25\n"
	if out.String() != want {
		t.Errorf("got  %q\nwant %q", out.String(), want)
	}
}

func TestUTF16Column(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	writeFile(t, name, "package p\n\nvar s = \"é😀\" + x\n")
	src := newSources()
	// x is at byte column 20: 'é' is 2 bytes (1 unit), '😀' 4 bytes (2 units).
	if got := utf16Column(src, name, 3, 20); got != 17 {
		t.Errorf("utf16Column = %d, want 17", got)
	}
	if got := utf16Column(src, name, 1, 1); got != 1 {
		t.Errorf("utf16Column at line start = %d, want 1", got)
	}
	if got := utf16Column(src, filepath.Join(dir, "missing.go"), 3, 20); got != 20 {
		t.Errorf("utf16Column of an unreadable file = %d, want the byte column", got)
	}
}

func TestPathShortener(t *testing.T) {
	p := &pathShortener{cwd: "/w/mod"}
	for in, want := range map[string]string{
		"/w/mod/a/b.go":    "a/b.go",
		"/w/modother/x.go": "/w/modother/x.go",
		"/elsewhere/x.go":  "/elsewhere/x.go",
		"rel/x.go":         "rel/x.go",
	} {
		if got := p.file(in); got != want {
			t.Errorf("file(%q) = %q, want %q", in, got, want)
		}
	}
	if got := p.inText("no Go files in /w/mod/empty"); got != "no Go files in ./empty" {
		t.Errorf("inText = %q", got)
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         "plain",
		"first\nsecond": "first",
		"# runtime/cgo\ncgo: C compiler not found":                      "runtime/cgo: cgo: C compiler not found",
		"no required module provides package x; to add it:\n\tgo get x": "no required module provides package x",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGoCommandFailure(t *testing.T) {
	in := "err: exit status 1: stderr: go: parsing $GOFLAGS: unknown flag -bogus\n"
	if got := oneLine(goCommandFailure.ReplaceAllString(in, "")); got != "go: parsing $GOFLAGS: unknown flag -bogus" {
		t.Errorf("got %q", got)
	}
}

func TestSourcesLine(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.go")
	writeFile(t, name, "one\r\ntwo\n\nfour\n")
	src := newSources()
	for n, want := range map[int]string{1: "one", 2: "two", 3: "", 4: "four"} {
		if got, ok := src.line(name, n); !ok || got != want {
			t.Errorf("line %d = %q, %v; want %q", n, got, ok, want)
		}
	}
	for _, n := range []int{0, 5} {
		if got, ok := src.line(name, n); ok {
			t.Errorf("line %d = %q, want none", n, got)
		}
	}
}
