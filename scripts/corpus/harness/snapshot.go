//go:build unix

package main

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// snapshot is a group's triage counts for one analyzer, recorded under a
// label (-snapshot) so that later reports show them beside their own: the
// figures of a group before a change stay in the report once the change
// has moved the findings.
type snapshot struct {
	Group, Label, Commit, Analyzer string
	Counts                         tally
}

type snapshots []snapshot

const snapshotHeader = `# Precision figures recorded by scripts/corpus/run -snapshot LABEL; the
# report shows them beside the current ones. One analyzer of one group a line:
#
#   GROUP | LABEL | COMMIT | ANALYZER | FINDINGS TP FP DEBATABLE UNTRIAGED
#
# COMMIT is the ctxlint commit the group's findings were measured at.
`

func readSnapshots(file string) (snapshots, error) {
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseSnapshots(file, string(data))
}

func parseSnapshots(file, data string) (snapshots, error) {
	var out snapshots
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) != 5 {
			return nil, fmt.Errorf("%s:%d: want GROUP | LABEL | COMMIT | ANALYZER | FINDINGS TP FP DEBATABLE UNTRIAGED", file, i+1)
		}
		for j := range parts {
			parts[j] = strings.TrimSpace(parts[j])
		}
		var n []int
		for _, f := range strings.Fields(parts[4]) {
			v, err := strconv.Atoi(f)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("%s:%d: count %q is not a number", file, i+1, f)
			}
			n = append(n, v)
		}
		if len(n) != 5 {
			return nil, fmt.Errorf("%s:%d: want five counts (findings, TP, FP, debatable, untriaged), got %d", file, i+1, len(n))
		}
		if !slices.Contains(groups, parts[0]) {
			return nil, fmt.Errorf("%s:%d: group %q is not one of %v", file, i+1, parts[0], groups)
		}
		out = append(out, snapshot{parts[0], parts[1], parts[2], parts[3], tally{n[0], n[1], n[2], n[3], n[4]}})
	}
	return out, nil
}

// record replaces the entries of group g labelled label by r's counts.
// The commit is the one r's modules were measured at.
func (s snapshots) record(g, label string, r *report) snapshots {
	out := slices.DeleteFunc(slices.Clone(s), func(x snapshot) bool { return x.Group == g && x.Label == label })
	var commits []string
	for _, m := range r.Modules {
		if !slices.Contains(commits, m.Commit) {
			commits = append(commits, m.Commit)
		}
	}
	for _, n := range analyzerNames() {
		out = append(out, snapshot{g, label, strings.Join(commits, ", "), n, *r.tally(n)})
	}
	return out
}

// of returns the entries of group g, in the file's order.
func (s snapshots) of(g string) snapshots {
	var out snapshots
	for _, x := range s {
		if x.Group == g {
			out = append(out, x)
		}
	}
	return out
}

func (s snapshots) format() string {
	var b strings.Builder
	b.WriteString(snapshotHeader)
	for _, x := range s {
		c := x.Counts
		fmt.Fprintf(&b, "%s | %s | %s | %s | %d %d %d %d %d\n", x.Group, x.Label, x.Commit, x.Analyzer, c.Findings, c.TP, c.FP, c.Debatable, c.Untriaged)
	}
	return b.String()
}
