package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
)

// A baseline records the findings a team accepts for now, so that
// adopting ctxlint on a large codebase blocks only new ones. Entries name
// the file (relative to the repository root), the analyzer and the
// message, not the line, so editing code above a finding does not revive
// it; a count per entry makes two equal findings need two.
type baseline struct {
	Comment  string          `json:"comment"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	File     string `json:"file"`
	Analyzer string `json:"analyzer"`
	Message  string `json:"message"`
	Count    int    `json:"count"`
}

type baselineKey struct{ file, analyzer, message string }

// positionsInMessage matches the line numbers some messages carry ("the
// cancel var defined on line 48", "(refresh.go:17)"), which a baseline
// must not depend on either.
var positionsInMessage = regexp.MustCompile(`\b(line |\.go:)[0-9]+(:[0-9]+)?`)

func baselineKeyOf(f finding, paths *pathShortener) baselineKey {
	return baselineKey{
		file:     paths.repoFile(f.posn.Filename),
		analyzer: f.analyzer.Name,
		message:  positionsInMessage.ReplaceAllString(oneLineMessage(f.diag.Message), "${1}N"),
	}
}

// writeBaseline records findings in path.
func writeBaseline(path string, findings []finding, paths *pathShortener) error {
	counts := make(map[baselineKey]int)
	for _, f := range findings {
		counts[baselineKeyOf(f, paths)]++
	}
	b := baseline{
		Comment:  "Findings ctxlint -baseline hides: written by ctxlint -write-baseline. Delete an entry to report its findings again.",
		Findings: []baselineEntry{},
	}
	for k, n := range counts {
		b.Findings = append(b.Findings, baselineEntry{File: k.file, Analyzer: k.analyzer, Message: k.message, Count: n})
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Analyzer, y.Analyzer), cmp.Compare(x.Message, y.Message))
	})
	data, err := json.MarshalIndent(b, "", "\t")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("-write-baseline: %v", err)
	}
	return nil
}

// readBaseline reads a file writeBaseline wrote, as counts per key.
func readBaseline(path string) (map[baselineKey]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-baseline: %v", err)
	}
	var b baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("-baseline: %s: %v", path, err)
	}
	counts := make(map[baselineKey]int)
	for _, e := range b.Findings {
		counts[baselineKey{e.File, e.Analyzer, e.Message}] += max(e.Count, 1)
	}
	return counts, nil
}

// inBaseline returns a filter that accepts a finding while its key has
// entries left, using one up each time: findings, seen in position order,
// are hidden exactly as many times as the baseline counts them.
func inBaseline(counts map[baselineKey]int, paths *pathShortener) func(finding) bool {
	return func(f finding) bool {
		k := baselineKeyOf(f, paths)
		if counts[k] == 0 {
			return false
		}
		counts[k]--
		return true
	}
}
