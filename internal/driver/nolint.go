package driver

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// directive is a parsed //nolint comment, in golangci-lint's syntax so
// that one comment works with both tools:
//
//	//nolint                          every analyzer
//	//nolint:all                      every analyzer
//	//nolint:lostcancel2,bgtimeout    the analyzers named
//	//nolint:lostcancel2 // reason    with an explanation
type directive struct {
	names  []string // the analyzers named, lower case; nil means every analyzer
	reason string
	text   string // the comment as written
}

// parseNolint parses the text of one comment (with its "//"). Like
// golangci-lint it tolerates spaces before "nolint" and takes what
// follows a second "//" as the reason. A comment that is not well formed
// suppresses nothing: a typo must not silence a finding.
func parseNolint(text string) (*directive, bool) {
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return nil, false // /* block comments */ are not directives
	}
	rest, ok := strings.CutPrefix(strings.TrimLeft(body, "/ "), "nolint")
	if !ok {
		return nil, false
	}
	d := &directive{text: strings.TrimSpace(text)}
	switch {
	case rest == "":
	case rest[0] == ' ' || rest[0] == '\t':
		// Only an explanation may follow, after "//": prose that happens
		// to start with the word nolint must not silence everything.
		comment, ok := strings.CutPrefix(strings.TrimSpace(rest), "//")
		if !ok {
			return nil, false
		}
		d.reason = strings.TrimSpace(comment)
	case rest[0] == ':':
		list, comment, _ := strings.Cut(rest[1:], "//")
		names, ok := parseNames(list)
		if !ok {
			return nil, false
		}
		if !slices.Contains(names, "all") {
			d.names = names
		}
		d.reason = strings.TrimSpace(comment)
	default:
		return nil, false // "//nolintfoo"
	}
	return d, true
}

// parseNames parses a comma-separated list of analyzer names.
func parseNames(list string) ([]string, bool) {
	var names []string
	for _, n := range strings.Split(list, ",") {
		n = strings.TrimSpace(n)
		if n == "" || strings.IndexFunc(n, func(r rune) bool { return !isNameRune(r) }) >= 0 {
			return nil, false
		}
		names = append(names, strings.ToLower(n))
	}
	return names, true
}

func isNameRune(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
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
// apply to: the comment's own line and, when the comment stands alone on
// its line, the line below.
type suppressions struct {
	byLine map[string]map[int][]*directive // file name -> line -> directives
}

// indexSuppressions reads the directives of every file of pkgs.
func indexSuppressions(pkgs []*packages.Package, src *sources) *suppressions {
	s := &suppressions{byLine: make(map[string]map[int][]*directive)}
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			tf := p.Fset.File(f.FileStart)
			if tf == nil || s.byLine[tf.Name()] != nil {
				continue
			}
			s.byLine[tf.Name()] = fileDirectives(f, tf, src)
		}
	}
	return s
}

// fileDirectives returns the directives of one file by the lines they
// apply to. Positions are unadjusted (//line directives ignored) because
// the comments sit in this very file.
func fileDirectives(f *ast.File, tf *token.File, src *sources) map[int][]*directive {
	lines := make(map[int][]*directive)
	content, _ := src.read(tf.Name())
	for _, group := range f.Comments {
		for _, c := range group.List {
			d, ok := parseNolint(c.Text)
			if !ok {
				continue
			}
			line := tf.PositionFor(c.Slash, false).Line
			lines[line] = append(lines[line], d)
			if standsAlone(content, tf, c.Slash) {
				lines[line+1] = append(lines[line+1], d)
			}
		}
	}
	return lines
}

// standsAlone reports whether only blanks precede pos on its line.
func standsAlone(content []byte, tf *token.File, pos token.Pos) bool {
	off := tf.Offset(pos)
	start := tf.Offset(tf.LineStart(tf.PositionFor(pos, false).Line))
	if content == nil || off > len(content) || start > off {
		return false
	}
	return strings.TrimLeft(string(content[start:off]), " \t") == ""
}

// lookup returns the directive that suppresses analyzer's finding in
// category at posn (an unadjusted position), or nil.
func (s *suppressions) lookup(posn token.Position, analyzer, category string) *directive {
	for _, dir := range s.byLine[posn.Filename][posn.Line] {
		if dir.covers(analyzer, category) {
			return dir
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
