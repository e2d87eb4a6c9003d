package plugin

import (
	"flag"
	"strconv"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// testFlags mirrors the shape of detachedcleanup's flags on a private
// FlagSet, so the decoding is tested whatever the analyzers define today.
func testFlags() (*flag.FlagSet, *ctxmodel.NameList, *ctxmodel.NameList, *bool) {
	fs := flag.NewFlagSet("detachedcleanup", flag.ContinueOnError)
	var names, inert ctxmodel.NameList
	fs.Var(&names, "names", "extra cleanup names")
	fs.Var(&inert, "inert", "extra inert functions")
	keep := fs.Bool("keepvalues", false, "report cleanup contexts that drop values")
	return fs, &names, &inert, keep
}

func TestApplySettings(t *testing.T) {
	fs, names, inert, keep := testFlags()
	settings := map[string]any{
		"names":      []any{"Purge", "Flush"},
		"inert":      "example.com/log.Printf",
		"keepvalues": true,
	}
	if err := applySettings("detachedcleanup", fs, settings); err != nil {
		t.Fatal(err)
	}
	if got := names.String(); got != "Purge,Flush" {
		t.Errorf("names = %q, want Purge,Flush", got)
	}
	if got := inert.String(); got != "example.com/log.Printf" {
		t.Errorf("inert = %q, want example.com/log.Printf", got)
	}
	if !*keep {
		t.Errorf("keepvalues = false, want true")
	}
}

func TestApplySettingsScalars(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	n := fs.Int("depth", 0, "")
	s := fs.String("mode", "", "")
	b := fs.Bool("tests", true, "")
	err := applySettings("x", fs, map[string]any{"depth": 3, "mode": "strict", "tests": "false"})
	if err != nil {
		t.Fatal(err)
	}
	if *n != 3 || *s != "strict" || *b {
		t.Errorf("got depth=%d mode=%q tests=%v, want 3 strict false", *n, *s, *b)
	}
}

// golangci-lint's configuration loader lower-cases keys.
func TestApplySettingsKeyCase(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	b := fs.Bool("keepValues", false, "")
	if err := applySettings("x", fs, map[string]any{"keepvalues": true}); err != nil {
		t.Fatal(err)
	}
	if !*b {
		t.Error("keepValues not set by key keepvalues")
	}
}

func TestApplySettingsNil(t *testing.T) {
	fs, names, _, keep := testFlags()
	if err := applySettings("detachedcleanup", fs, nil); err != nil {
		t.Fatal(err)
	}
	if len(*names) != 0 || *keep {
		t.Errorf("nil settings changed flags: names=%q keepvalues=%v", names, *keep)
	}
}

func TestApplySettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     []string // substrings of the error
	}{
		{
			name:     "unknown key",
			settings: map[string]any{"names": []any{"Purge"}, "nmes": []any{"Flush"}},
			want:     []string{"detachedcleanup", `unknown setting "nmes"`, "known settings: inert, keepvalues, names"},
		},
		{
			// Map order is random: the first unknown key in sorted order is named.
			name:     "several unknown keys",
			settings: map[string]any{"zz": 1, "names": "x", "keepvalue": true, "mm": 2},
			want:     []string{`unknown setting "keepvalue"`},
		},
		{
			name:     "not a map",
			settings: []any{"names"},
			want:     []string{"detachedcleanup", "settings must map flag names to values"},
		},
		{
			name:     "bad bool",
			settings: map[string]any{"keepvalues": "yes please"},
			want:     []string{"detachedcleanup", "setting keepvalues", `invalid value "yes please"`},
		},
		{
			name:     "nested map",
			settings: map[string]any{"names": map[string]any{"a": 1}},
			want:     []string{"setting names", "got map"},
		},
		{
			name:     "null value",
			settings: map[string]any{"names": nil},
			want:     []string{"setting names", "no value given"},
		},
		{
			name:     "comma inside a list element",
			settings: map[string]any{"names": []any{"Purge,Flush"}},
			want:     []string{"setting names", `"Purge,Flush" contains a comma`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs, names, _, keep := testFlags()
			err := applySettings("detachedcleanup", fs, tc.settings)
			if err == nil {
				t.Fatalf("no error for %v", tc.settings)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if len(*names) != 0 || *keep {
				t.Errorf("failed settings changed flags: names=%q keepvalues=%v", names, *keep)
			}
		})
	}
}

func TestUnknownSettingWithoutFlags(t *testing.T) {
	err := applySettings("ctxvaluecancel", flag.NewFlagSet("x", flag.ContinueOnError), map[string]any{"names": "x"})
	if err == nil || !strings.Contains(err.Error(), "ctxvaluecancel takes no settings") {
		t.Fatalf("got %v, want an error saying ctxvaluecancel takes no settings", err)
	}
}

// TestRegistered checks, for every analyzer of the suite, that a linter of
// the same name is registered, builds exactly that analyzer, asks for type
// information, and decodes a setting for each of the analyzer's flags.
func TestRegistered(t *testing.T) {
	for _, a := range ctxlint.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			newPlugin, err := register.GetPlugin(a.Name)
			if err != nil {
				t.Fatal(err)
			}
			p, err := newPlugin(nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != a {
				t.Errorf("linter %s builds %v, want only the analyzer %s", a.Name, got, a.Name)
			}
			if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
				t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
			}

			_, err = newPlugin(map[string]any{"no-such-setting": true})
			if err == nil || !strings.Contains(err.Error(), a.Name) || !strings.Contains(err.Error(), "no-such-setting") {
				t.Errorf("unknown setting: got error %v, want one naming %s and the key", err, a.Name)
			}

			a.Flags.VisitAll(func(f *flag.Flag) {
				t.Run(f.Name, func(t *testing.T) { testFlagSetting(t, newPlugin, f) })
			})
		})
	}
}

// testFlagSetting sets f through the plugin's settings with a value of f's
// kind and checks that the flag took it, then restores f. It is driven by
// the analyzers' flags as they are, so new flags are covered as they land.
func testFlagSetting(t *testing.T, newPlugin register.NewPlugin, f *flag.Flag) {
	var setting any
	var want string
	switch v := f.Value.(type) {
	case *ctxmodel.NameList:
		old := *v
		defer func() { *v = old }()
		*v = nil
		setting, want = []any{"example.com/pkg.Func", "Purge"}, "example.com/pkg.Func,Purge"
	case interface{ IsBoolFlag() bool }:
		if !v.IsBoolFlag() {
			t.Skipf("flag %s of type %T: no test value", f.Name, f.Value)
		}
		defer f.Value.Set(f.Value.String())
		flipped := f.Value.String() != "true"
		setting, want = flipped, strconv.FormatBool(flipped)
	default:
		t.Skipf("flag %s of type %T: no test value", f.Name, f.Value)
	}
	if _, err := newPlugin(map[string]any{f.Name: setting}); err != nil {
		t.Fatal(err)
	}
	if got := f.Value.String(); got != want {
		t.Errorf("after setting %s: %v, flag value is %q, want %q", f.Name, setting, got, want)
	}
}
