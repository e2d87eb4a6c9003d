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

		{"//nolint:lostcancel2,", true, []string{"lostcancel2"}, ""}, // golangci-lint ignores the empty name
		{"//nolint because it is fine", true, nil, "because it is fine"},
		{"// nolint is a word here", true, nil, "is a word here"},                       // golangci-lint reads it as a bare //nolint
		{"//nolint:", true, []string{}, ""},                                             // names nothing
		{"//nolint:lostcancel2 bgtimeout", true, []string{"lostcancel2 bgtimeout"}, ""}, // one name, which no analyzer has

		{"//nolintfoo", false, nil, ""},
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

// TestSuppressionLines checks which lines a directive covers, as
// golangci-lint v2 computes it: its comment group's lines, and the whole
// node (declaration, statement, ...) that starts on the next line in the
// group's column.
func TestSuppressionLines(t *testing.T) {
	const src = `package p

func f() {
	a() //nolint:lostcancel2
	b()
	//nolint:lostcancel2 // reason
	c(1,
		2)
	d()
	e() // not a directive: nolint is not at the start
		//nolint:lostcancel2 // a column that starts no node
	g()
}

//nolint:lostcancel2
func h() {
	i()
}

func j() {}
`
	dir := t.TempDir()
	name := dir + "/p.go"
	writeFile(t, name, src)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	s := &suppressions{byFile: map[string][]nolintRange{name: fileRanges(f, fset.File(f.FileStart))}}
	for line, want := range map[int]bool{4: true, 5: false, 6: true, 7: true, 8: true, 9: false, 10: false, 11: true, 12: false,
		15: true, 16: true, 17: true, 18: true, 20: false} {
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
