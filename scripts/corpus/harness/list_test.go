//go:build unix

package main

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const sampleList = `# header
example.com/a@v1.0.0
example.com/b@v1.1.0

[validation]
example.com/v@v2.0.0
drop example.com/gone@v0.1.0: does not build with go1.26.8: needs cgo
example.com/w/sub@v0.3.0

[tuning]
example.com/c@v1.2.0

[holdout]
example.com/h@v0.9.0
drop example.com/huge@v3.0.0: too large
`

func TestParseModules(t *testing.T) {
	list, err := parseModules("modules.txt", sampleList)
	if err != nil {
		t.Fatal(err)
	}
	want := []module{
		{"example.com/a", "v1.0.0", groupTuning},
		{"example.com/b", "v1.1.0", groupTuning},
		{"example.com/v", "v2.0.0", groupValidation},
		{"example.com/w/sub", "v0.3.0", groupValidation},
		{"example.com/c", "v1.2.0", groupTuning},
		{"example.com/h", "v0.9.0", groupHoldout},
	}
	if !reflect.DeepEqual(list.Modules, want) {
		t.Errorf("modules:\ngot  %v\nwant %v", list.Modules, want)
	}
	wantDrop := []dropped{
		{module{"example.com/gone", "v0.1.0", groupValidation}, "does not build with go1.26.8: needs cgo"},
		{module{"example.com/huge", "v3.0.0", groupHoldout}, "too large"},
	}
	if !reflect.DeepEqual(list.Dropped, wantDrop) {
		t.Errorf("dropped = %v, want %v", list.Dropped, wantDrop)
	}
}

func TestParseModulesErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unknown group", "example.com/a@v1\n[staging]\n", "modules.txt:2: want a group line [tuning], [validation], [holdout]"},
		{"unclosed group", "example.com/a@v1\n[validation\n", "modules.txt:2: want a group line"},
		{"drop without reason", "example.com/a@v1\ndrop example.com/b@v1\n", "modules.txt:2: want drop MODULE@VERSION: REASON"},
		{"drop with empty reason", "example.com/a@v1\ndrop example.com/b@v1:  \n", "modules.txt:2: want drop"},
		{"no version", "example.com/a\n", "modules.txt:1: want MODULE@VERSION"},
		{"trailing words", "example.com/a@v1 validation\n", "modules.txt:1: want MODULE@VERSION"},
		{"listed twice", "example.com/a@v1\n[validation]\nexample.com/a@v2\n", "modules.txt:3: example.com/a is listed twice"},
		{"in two blind groups", "example.com/a@v1\n[validation]\nexample.com/v@v1\n[holdout]\nexample.com/v@v1\n", "modules.txt:5: example.com/v is listed twice"},
		{"dropped and listed", "example.com/a@v1\ndrop example.com/b@v1: x\nexample.com/b@v1\n", "modules.txt:3: example.com/b is listed twice"},
		{"no tuning module", "[validation]\nexample.com/a@v1\n", "lists no module of the tuning group"},
	} {
		_, err := parseModules("modules.txt", tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestSelectModules(t *testing.T) {
	list, err := parseModules("modules.txt", "[validation]\nexample.com/v@v1\n[tuning]\nexample.com/a@v1\n[holdout]\nexample.com/h@v1\n[tuning]\nexample.com/b@v1\n")
	if err != nil {
		t.Fatal(err)
	}
	paths := func(ms []module) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.Path)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		names, group string
		quick        bool
		want         string
	}{
		{"", "", false, "example.com/v,example.com/a,example.com/h,example.com/b"},
		{"", "validation", false, "example.com/v"},
		{"", "holdout", false, "example.com/h"},
		{"example.com/h@v1", "holdout", false, "example.com/h"},
		{"", "tuning", false, "example.com/a,example.com/b"},
		{"example.com/b", "tuning", false, "example.com/b"},
		{"example.com/b,example.com/v@v1", "", false, "example.com/b,example.com/v"},
		{"", "", true, "example.com/a"}, // the first module of the tuning group, wherever the blind groups are
	} {
		got, err := selectModules(list.Modules, tc.names, tc.group, tc.quick)
		if err != nil {
			t.Errorf("%+v: %v", tc, err)
			continue
		}
		if paths(got) != tc.want {
			t.Errorf("%+v: got %s, want %s", tc, paths(got), tc.want)
		}
	}
	for _, tc := range []struct {
		names, group string
		quick        bool
	}{
		{"example.com/v", "tuning", false},
		{"example.com/h", "validation", false},
		{"example.com/v", "holdout", false},
		{"", "staging", false},
		{"", "holdout", true},
		{"example.com/x", "", false},
		{"", "validation", true},
	} {
		if _, err := selectModules(list.Modules, tc.names, tc.group, tc.quick); err == nil {
			t.Errorf("%+v: no error", tc)
		}
	}
}

// TestCorpusList checks the committed list: it parses, its first tuning
// module is the one CI runs, it has both blind groups, and the triage and
// snapshot files parse.
func TestCorpusList(t *testing.T) {
	list, err := readModules("../modules.txt")
	if err != nil {
		t.Fatal(err)
	}
	q, err := selectModules(list.Modules, "", "", true)
	if err != nil || q[0].Path != "golang.org/x/sync" {
		t.Errorf("-quick runs %v (%v), want golang.org/x/sync", q, err)
	}
	// Each triage file holds verdicts on its own group's modules only: a
	// verdict on a blind group's finding in the tuning file (or in the
	// other blind group's) would be in the open.
	groupOf := func(key string) string {
		best := module{}
		for _, m := range append(slices.Clone(list.Modules), droppedModules(list)...) {
			if strings.HasPrefix(key, m.Path+"/") && len(m.Path) > len(best.Path) {
				best = m
			}
		}
		return best.Group
	}
	files := map[string]string{groupTuning: "../triage.txt"}
	for _, g := range blindGroups {
		if v, _ := selectModules(list.Modules, "", g, false); len(v) == 0 {
			t.Errorf("the list has no %s group", g)
		}
		files[g] = "../triage-" + g + ".txt"
	}
	for g, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
		verdicts, err := readTriage(f)
		if err != nil {
			t.Error(err)
		}
		for key := range verdicts {
			if got := groupOf(key); got != g {
				t.Errorf("%s: verdict on %s, a finding of the %q group", f, key, got)
			}
		}
	}
	if _, err := readSnapshots("../snapshots.txt"); err != nil {
		t.Error(err)
	}
}

func droppedModules(list *corpusList) []module {
	var out []module
	for _, d := range list.Dropped {
		out = append(out, d.Mod)
	}
	return out
}
