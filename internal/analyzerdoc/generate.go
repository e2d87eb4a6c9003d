package analyzerdoc

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Files returns every file the generator writes, by repository path:
// each analyzer's page under docs/analyzers, and readme (the README's
// current text) with its analyzer sections replaced. The sections sit
// between <!-- BEGIN NAME --> and <!-- END NAME --> markers, and the
// table of all analyzers between those of "analyzers-table".
func Files(readme string, analyzers []*analysis.Analyzer) (map[string]string, error) {
	files := make(map[string]string)
	var table strings.Builder
	table.WriteString("| analyzer | reports |\n|---|---|\n")
	for _, a := range analyzers {
		d, err := Parse(a)
		if err != nil {
			return nil, err
		}
		files[PagePath(a.Name)] = Page(a, d)
		if readme, err = replaceSection(readme, a.Name, ReadmeSection(a, d)); err != nil {
			return nil, err
		}
		fmt.Fprintf(&table, "| [`%s`](%s) | %s |\n", a.Name, PagePath(a.Name), escape(strings.TrimPrefix(d.Summary, "report ")))
	}
	readme, err := replaceSection(readme, "analyzers-table", table.String())
	if err != nil {
		return nil, err
	}
	files["README.md"] = readme
	return files, nil
}

// Paths returns the keys of files, sorted.
func Paths(files map[string]string) []string {
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// replaceSection replaces the text between the markers of section name.
func replaceSection(text, name, content string) (string, error) {
	begin, end := "<!-- BEGIN "+name+" -->\n", "<!-- END "+name+" -->"
	before, rest, ok := strings.Cut(text, begin)
	if !ok {
		return "", fmt.Errorf("README.md has no %q marker", strings.TrimSpace(begin))
	}
	_, after, ok := strings.Cut(rest, end)
	if !ok {
		return "", fmt.Errorf("README.md has no %q marker", end)
	}
	return before + begin + content + end + after, nil
}
