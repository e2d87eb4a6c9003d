//go:build unix

package main

import (
	"reflect"
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
	}
	if !reflect.DeepEqual(list.Modules, want) {
		t.Errorf("modules:\ngot  %v\nwant %v", list.Modules, want)
	}
	wantDrop := []dropped{{module{"example.com/gone", "v0.1.0", groupValidation}, "does not build with go1.26.8: needs cgo"}}
	if !reflect.DeepEqual(list.Dropped, wantDrop) {
		t.Errorf("dropped = %v, want %v", list.Dropped, wantDrop)
	}
}

func TestParseModulesErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"unknown group", "example.com/a@v1\n[holdout]\n", "modules.txt:2: want a group line"},
		{"unclosed group", "example.com/a@v1\n[validation\n", "modules.txt:2: want a group line"},
		{"drop without reason", "example.com/a@v1\ndrop example.com/b@v1\n", "modules.txt:2: want drop MODULE@VERSION: REASON"},
		{"drop with empty reason", "example.com/a@v1\ndrop example.com/b@v1:  \n", "modules.txt:2: want drop"},
		{"no version", "example.com/a\n", "modules.txt:1: want MODULE@VERSION"},
		{"trailing words", "example.com/a@v1 validation\n", "modules.txt:1: want MODULE@VERSION"},
		{"listed twice", "example.com/a@v1\n[validation]\nexample.com/a@v2\n", "modules.txt:3: example.com/a is listed twice"},
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
	list, err := parseModules("modules.txt", "[validation]\nexample.com/v@v1\n[tuning]\nexample.com/a@v1\nexample.com/b@v1\n")
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
		{"", "", false, "example.com/v,example.com/a,example.com/b"},
		{"", "validation", false, "example.com/v"},
		{"", "tuning", false, "example.com/a,example.com/b"},
		{"example.com/b", "tuning", false, "example.com/b"},
		{"example.com/b,example.com/v@v1", "", false, "example.com/b,example.com/v"},
		{"", "", true, "example.com/a"}, // the first module of the tuning group, wherever the validation group is
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
		{"", "holdout", false},
		{"example.com/x", "", false},
		{"", "validation", true},
	} {
		if _, err := selectModules(list.Modules, tc.names, tc.group, tc.quick); err == nil {
			t.Errorf("%+v: no error", tc)
		}
	}
}

// TestCorpusList checks the committed list: it parses, its first tuning
// module is the one CI runs, and it has a validation group.
func TestCorpusList(t *testing.T) {
	list, err := readModules("../modules.txt")
	if err != nil {
		t.Fatal(err)
	}
	q, err := selectModules(list.Modules, "", "", true)
	if err != nil || q[0].Path != "golang.org/x/sync" {
		t.Errorf("-quick runs %v (%v), want golang.org/x/sync", q, err)
	}
	if v, _ := selectModules(list.Modules, "", groupValidation, false); len(v) == 0 {
		t.Error("the list has no validation group")
	}
	for _, f := range []string{"../triage.txt", "../triage-validation.txt"} {
		if _, err := readTriage(f); err != nil {
			t.Error(err)
		}
	}
	if _, err := readSnapshots("../snapshots.txt"); err != nil {
		t.Error(err)
	}
}
