package analyzerdoc

import "testing"

func TestFromPackageDoc(t *testing.T) {
	const src = `// Package demo defines an analyzer that reports demos.
//
// # Analyzer demo
//
// demo: report demos
//
// # Rule 1
//
// Details.
package demo
`
	want := "report demos\n\n# Rule 1\n\nDetails."
	if got := FromPackageDoc("demo", src); got != want {
		t.Errorf("FromPackageDoc = %q, want %q", got, want)
	}
}

func TestFromPackageDocWithoutSection(t *testing.T) {
	defer func() {
		if r := recover(); r != "demo: doc.go has no # Analyzer demo section" {
			t.Errorf("panic %v, want the missing section named", r)
		}
	}()
	FromPackageDoc("demo", "// Package demo does things.\npackage demo\n")
}
