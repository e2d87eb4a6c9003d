//go:build unix

package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// The corpus's groups. The tuning group is the corpus ctxlint's rules are
// designed on: its findings are listed and triaged in the open. The other
// groups are blind: measured but never used to guide a change, their part
// of the report gives aggregate numbers only, and their findings are kept
// out of the repository's report (see blindSection). The validation group
// is re-measured after changes; the holdout group is never run before the
// change it measures, and is measured once per change set.
const (
	groupTuning     = "tuning"
	groupValidation = "validation"
	groupHoldout    = "holdout"
)

// groups are the corpus's groups, in the report's order.
var groups = []string{groupTuning, groupValidation, groupHoldout}

// blindGroups are the groups reported in aggregate only.
var blindGroups = []string{groupValidation, groupHoldout}

// isBlind reports whether group g is reported in aggregate only.
func isBlind(g string) bool { return slices.Contains(blindGroups, g) }

// module is one MODULE@VERSION of the corpus, with its group.
type module struct {
	Path, Version string
	Group         string
}

func (m module) String() string { return m.Path + "@" + m.Version }

// dropped is a module the list names but does not run, with the reason.
type dropped struct {
	Mod    module
	Reason string
}

// corpusList is the parsed module list.
type corpusList struct {
	Modules []module // in the file's order
	Dropped []dropped
}

// readModules reads the module list. Its syntax (also described in the
// file's header):
//
//	# comment
//	[GROUP]                        the following lines belong to GROUP
//	MODULE@VERSION                 a module to run
//	drop MODULE@VERSION: REASON    a module of the group that is not run
//
// Lines before the first [GROUP] line belong to the tuning group.
func readModules(file string) (*corpusList, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return parseModules(file, string(data))
}

func parseModules(file, data string) (*corpusList, error) {
	list := &corpusList{}
	group := groupTuning
	seen := map[string]bool{}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		errorf := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", file, i+1, fmt.Sprintf(format, args...))
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			name, ok := strings.CutSuffix(strings.TrimPrefix(line, "["), "]")
			name = strings.TrimSpace(name)
			if !ok || !slices.Contains(groups, name) {
				return nil, errorf("want a group line [%s], got %q", strings.Join(groups, "], ["), line)
			}
			group = name
			continue
		}
		reason, isDrop := "", false
		if rest, ok := strings.CutPrefix(line, "drop "); ok {
			mod, why, ok := strings.Cut(rest, ":")
			if !ok || strings.TrimSpace(why) == "" {
				return nil, errorf("want drop MODULE@VERSION: REASON, got %q", line)
			}
			line, reason, isDrop = strings.TrimSpace(mod), strings.TrimSpace(why), true
		}
		path, version, ok := strings.Cut(line, "@")
		if !ok || path == "" || version == "" || strings.ContainsAny(line, " \t") {
			return nil, errorf("want MODULE@VERSION, got %q", line)
		}
		if seen[path] {
			return nil, errorf("%s is listed twice", path)
		}
		seen[path] = true
		m := module{path, version, group}
		if isDrop {
			list.Dropped = append(list.Dropped, dropped{m, reason})
		} else {
			list.Modules = append(list.Modules, m)
		}
	}
	if !slices.ContainsFunc(list.Modules, func(m module) bool { return m.Group == groupTuning }) {
		return nil, fmt.Errorf("%s lists no module of the tuning group", file)
	}
	return list, nil
}

// selectModules picks the modules to run: with quick, the first module of
// the tuning group (what CI runs); else the modules named by names (all
// if empty), of the group named by group (any if empty).
func selectModules(all []module, names, group string, quick bool) ([]module, error) {
	if group != "" && !slices.Contains(groups, group) {
		return nil, fmt.Errorf("-group: %q is not one of %v", group, groups)
	}
	if quick {
		if group != "" || names != "" {
			return nil, fmt.Errorf("-quick runs the first module of the tuning group: it takes no -group or -modules")
		}
		i := slices.IndexFunc(all, func(m module) bool { return m.Group == groupTuning })
		return all[i : i+1], nil
	}
	inGroup := func(m module) bool { return group == "" || m.Group == group }
	var out []module
	if names == "" {
		for _, m := range all {
			if inGroup(m) {
				out = append(out, m)
			}
		}
		return out, nil
	}
	for _, name := range strings.Split(names, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(m module) bool { return m.Path == name || m.String() == name })
		if i < 0 {
			return nil, fmt.Errorf("-modules: %q is not in the corpus list", name)
		}
		if !inGroup(all[i]) {
			return nil, fmt.Errorf("-modules: %s is in the %s group, not in -group %s", all[i], all[i].Group, group)
		}
		out = append(out, all[i])
	}
	return out, nil
}
