package driver

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// directive is a parsed //nolint comment. It reads as golangci-lint v2
// reads it, so that one comment means the same in both tools:
//
//	//nolint                          every analyzer
//	//nolint because it is fine       every analyzer (any text after a space)
//	//nolint:all                      every analyzer
//	//nolint:lostcancel2,bgtimeout,   the analyzers named (an empty name is ignored)
//	//nolint:lostcancel2 // reason    with an explanation
type directive struct {
	names  []string // the analyzers named, lower case; nil means every analyzer
	reason string
	text   string // the comment as written
}

// nolintPrefix is golangci-lint's test for a directive, after the leading
// slashes and spaces: "nolint" alone, or followed by a space or a colon.
var nolintPrefix = regexp.MustCompile(`^nolint( |:|$)`)

// parseNolint parses the text of one comment (with its "//"), following
// golangci-lint v2's nolint filter: slashes and spaces before "nolint"
// are skipped, anything but "nolint:" followed by a list (or by "all")
// covers every analyzer, and the list ends at a second "//".
func parseNolint(text string) (*directive, bool) {
	if !strings.HasPrefix(text, "//") {
		return nil, false // /* block comments */ are not directives
	}
	body := strings.TrimLeft(text, "/ ")
	if !nolintPrefix.MatchString(body) {
		return nil, false
	}
	d := &directive{text: strings.TrimSpace(text)}
	list, comment, hasComment := strings.Cut(body, "//")
	if hasComment {
		d.reason = strings.TrimSpace(comment)
	}
	if strings.HasPrefix(body, "nolint:all") || !strings.HasPrefix(body, "nolint:") {
		if !hasComment && !strings.HasPrefix(body, "nolint:") {
			d.reason = strings.TrimSpace(strings.TrimPrefix(body, "nolint")) // "//nolint because ..."
		}
		return d, true
	}
	for _, n := range strings.Split(strings.TrimPrefix(list, "nolint:"), ",") {
		switch n = strings.ToLower(strings.TrimSpace(n)); n {
		case "":
		case "all":
			d.names = nil
			return d, true
		default:
			d.names = append(d.names, n)
		}
	}
	if d.names == nil {
		d.names = []string{} // "//nolint:" names nothing and covers nothing
	}
	return d, true
}

// covers reports whether d suppresses a finding of analyzer in category.
// A finding whose category names one of go vet's analyzers (lostcancel2
// marks the findings vet's lostcancel makes too) is also covered by
// golangci-lint's name for vet, so that a team's existing
// //nolint:govet comments keep working when ctxlint takes over.
func (d *directive) covers(analyzer, category string) bool {
	return d.names == nil || slices.Contains(d.names, strings.ToLower(analyzer)) ||
		vetAnalyzers[category] && slices.Contains(d.names, "govet")
}

// vetAnalyzers are the go vet analyzers whose findings ours repeat, by the
// category our analyzers give those findings.
var vetAnalyzers = map[string]bool{"lostcancel": true}

// suppressions indexes //nolint directives by file and by the lines they
// cover, as golangci-lint computes them: the lines of the comment group
// holding the directive and, when a declaration, statement or any other
// node starts on the line after the group, in the group's column, every
// line of that node.
type suppressions struct {
	byFile map[string][]nolintRange // file name -> ranges
}

// A nolintRange is a directive and the lines it covers.
type nolintRange struct {
	from, to int
	dir      *directive
}

// indexSuppressions reads the directives of every file of pkgs.
func indexSuppressions(pkgs []*packages.Package) *suppressions {
	s := &suppressions{byFile: make(map[string][]nolintRange)}
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			tf := p.Fset.File(f.FileStart)
			if tf == nil {
				continue
			}
			if _, done := s.byFile[tf.Name()]; !done {
				s.byFile[tf.Name()] = fileRanges(f, tf)
			}
		}
	}
	return s
}

// fileRanges returns the ranges of one file's directives. Positions are
// unadjusted (//line directives ignored) because the comments sit in this
// very file.
func fileRanges(f *ast.File, tf *token.File) []nolintRange {
	type groupRange struct {
		nolintRange
		col int
	}
	var groups []groupRange
	for _, g := range f.Comments {
		start, end := tf.PositionFor(g.Pos(), false), tf.PositionFor(g.End(), false)
		for _, c := range g.List {
			if d, ok := parseNolint(c.Text); ok {
				groups = append(groups, groupRange{nolintRange{start.Line, end.Line, d}, start.Column})
			}
		}
	}
	if len(groups) == 0 {
		return []nolintRange{}
	}
	var ranges []nolintRange
	for _, g := range groups {
		ranges = append(ranges, g.nolintRange)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		start, end := tf.PositionFor(n.Pos(), false), tf.PositionFor(n.End(), false)
		for _, g := range groups {
			if g.to == start.Line-1 && g.col == start.Column {
				ranges = append(ranges, nolintRange{g.from, max(g.to, end.Line), g.dir})
				break
			}
		}
		return true
	})
	return ranges
}

// lookup returns the directive that suppresses analyzer's finding in
// category at posn (an unadjusted position), or nil.
func (s *suppressions) lookup(posn token.Position, analyzer, category string) *directive {
	for _, r := range s.byFile[posn.Filename] {
		if r.from <= posn.Line && posn.Line <= r.to && r.dir.covers(analyzer, category) {
			return r.dir
		}
	}
	return nil
}

// suppress removes the suppressed diagnostics from the root actions, so
// that every output format (the JSON of checker.Graph included) leaves
// them out, and returns them.
func suppress(graph *checker.Graph, s *suppressions) []finding {
	var ignored []finding
	for _, act := range graph.Roots {
		kept := act.Diagnostics[:0:0]
		for _, d := range act.Diagnostics {
			if dir := s.lookup(act.Package.Fset.PositionFor(d.Pos, false), act.Analyzer.Name, d.Category); dir != nil {
				f := newFinding(act, d)
				f.suppressedBy = dir
				ignored = append(ignored, f)
				continue
			}
			kept = append(kept, d)
		}
		act.Diagnostics = kept
	}
	return distinct(ignored)
}
