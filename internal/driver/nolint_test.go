package driver

import (
	"go/parser"
	"go/token"
	"os"
	"slices"
	"testing"
)

func TestParseNolint(t *testing.T) {
	tests := []struct {
		comment string
		ok      bool
		names   []string // nil: every analyzer
		reason  string
	}{
		{"//nolint", true, nil, ""},
		{"//nolint:all", true, nil, ""},
		{"//nolint:lostcancel2", true, []string{"lostcancel2"}, ""},
		{"//nolint:lostcancel2,bgtimeout", true, []string{"lostcancel2", "bgtimeout"}, ""},
		{"//nolint:lostcancel2, bgtimeout", true, []string{"lostcancel2", "bgtimeout"}, ""},
		{"//nolint:LostCancel2", true, []string{"lostcancel2"}, ""},
		{"//nolint:lostcancel2 // the process exits right after", true, []string{"lostcancel2"}, "the process exits right after"},
		{"//nolint:lostcancel2,all // reason", true, nil, "reason"},
		{"//nolint // reason", true, nil, "reason"},
		{"// nolint:lostcancel2", true, []string{"lostcancel2"}, ""}, // golangci-lint accepts it too
		{"//nolint:golangci-lint_x", true, []string{"golangci-lint_x"}, ""},

		{"//nolint:", false, nil, ""},
		{"//nolint:lostcancel2,", false, nil, ""},
		{"//nolint:lostcancel2 bgtimeout", false, nil, ""}, // golangci-lint reads one name "lostcancel2 bgtimeout"
		{"//nolint:lost.cancel", false, nil, ""},
		{"//nolintfoo", false, nil, ""},
		{"//nolint because it is fine", false, nil, ""}, // a reason follows "//"
		{"// nolint is a word here", false, nil, ""},
		{"// not a nolint comment", false, nil, ""},
		{"/* nolint */", false, nil, ""},
		{"//lint:ignore lostcancel2 reason", false, nil, ""},
	}
	for _, tt := range tests {
		d, ok := parseNolint(tt.comment)
		if ok != tt.ok {
			t.Errorf("parseNolint(%q) ok = %v, want %v", tt.comment, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if !slices.Equal(d.names, tt.names) || (d.names == nil) != (tt.names == nil) {
			t.Errorf("parseNolint(%q) names = %q, want %q", tt.comment, d.names, tt.names)
		}
		if d.reason != tt.reason {
			t.Errorf("parseNolint(%q) reason = %q, want %q", tt.comment, d.reason, tt.reason)
		}
	}
}

func TestDirectiveCovers(t *testing.T) {
	d, _ := parseNolint("//nolint:lostcancel2,bgtimeout")
	for name, want := range map[string]bool{"lostcancel2": true, "bgtimeout": true, "detachedcleanup": false} {
		if got := d.covers(name, ""); got != want {
			t.Errorf("%q covers %s = %v, want %v", d.text, name, got, want)
		}
	}
	all, _ := parseNolint("//nolint")
	if !all.covers("detachedcleanup", "") {
		t.Errorf("bare //nolint does not cover detachedcleanup")
	}

	// //nolint:govet covers the findings in vet's lostcancel category only.
	govet, _ := parseNolint("//nolint:govet // vet's lostcancel is wrong here")
	for _, tc := range []struct {
		analyzer, category string
		want               bool
	}{
		{"lostcancel2", "lostcancel", true},
		{"lostcancel2", "", false},
		{"bgtimeout", "", false},
		{"detachedcleanup", "copylocks", false},
	} {
		if got := govet.covers(tc.analyzer, tc.category); got != tc.want {
			t.Errorf("%q covers %s in category %q = %v, want %v", govet.text, tc.analyzer, tc.category, got, tc.want)
		}
	}
}

// TestSuppressionLines checks which lines a directive covers: its own, and
// the next one only when the comment stands alone on its line.
func TestSuppressionLines(t *testing.T) {
	const src = `package p

func f() {
	a() //nolint:lostcancel2
	b()
	//nolint:lostcancel2 // reason
	c()
	d()
	e() // nolint is a word in this sentence, not at its start
}
`
	dir := t.TempDir()
	name := dir + "/p.go"
	writeFile(t, name, src)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	s := &suppressions{byLine: map[string]map[int][]*directive{
		name: fileDirectives(f, fset.File(f.FileStart), newSources()),
	}}
	for line, want := range map[int]bool{4: true, 5: false, 6: true, 7: true, 8: false, 9: false} {
		got := s.lookup(token.Position{Filename: name, Line: line}, "lostcancel2", "") != nil
		if got != want {
			t.Errorf("line %d suppressed = %v, want %v", line, got, want)
		}
	}
	if s.lookup(token.Position{Filename: name, Line: 4}, "bgtimeout", "") != nil {
		t.Errorf("//nolint:lostcancel2 suppresses bgtimeout")
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
