// Package flagtest sets analyzers' flags in tests.
package flagtest

import (
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// Set sets the flag name of analyzer a to value for the duration of the
// test, restoring it afterwards. A NameList flag appends on Set, so it is
// emptied rather than set back.
func Set(t *testing.T, a *analysis.Analyzer, name, value string) {
	t.Helper()
	f := a.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("%s has no flag %q", a.Name, name)
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if l, ok := f.Value.(*ctxmodel.NameList); ok {
			*l = nil
			return
		}
		if err := f.Value.Set(old); err != nil {
			t.Errorf("restoring -%s.%s: %v", a.Name, name, err)
		}
	})
}
