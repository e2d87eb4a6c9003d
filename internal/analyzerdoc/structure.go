package analyzerdoc

import (
	"fmt"
	"go/doc/comment"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Doc is an analyzer's documentation in the one shape every doc.go
// follows, after its "# Analyzer NAME" heading:
//
//	NAME: report ...                  the summary, one paragraph
//	intro paragraphs                  what the mistake is and costs
//	# Rule 1: title                   one section per rule, numbered from 1,
//	...                               each with at least one code example
//	# Any other title                 optional closing sections (suggested
//	...                               fixes, policies), after the rules
//
// Flags are not a section: their usage strings document them, and the
// generator and `ctxlint help` print them from the analyzer's FlagSet.
type Doc struct {
	Name     string
	Summary  string // "report ...", on one line
	Intro    []comment.Block
	Rules    []Section // Rules[i] is rule i+1
	Sections []Section // the closing sections
}

// A Section is a heading and the blocks up to the next heading.
type Section struct {
	Title  string // for a rule, the words after "Rule N: "
	Blocks []comment.Block
}

var (
	ruleHeading   = regexp.MustCompile(`^Rule ([0-9]+): (.+)$`)
	ruleParagraph = regexp.MustCompile(`^Rule [0-9]+[,.:]`) // a rule written without its heading
)

// Parse splits a's Doc into its parts and reports the first way in which
// it departs from the shape Doc describes.
func Parse(a *analysis.Analyzer) (*Doc, error) {
	blocks := new(comment.Parser).Parse(a.Doc).Content
	d := &Doc{Name: a.Name}
	summary, ok := paragraphText(blocks)
	if !ok || !strings.HasPrefix(summary, "report ") {
		return nil, fmt.Errorf("%s: the doc must start with a summary paragraph %q", a.Name, a.Name+": report ...")
	}
	d.Summary = summary
	blocks = blocks[1:]
	for len(blocks) > 0 {
		if _, ok := blocks[0].(*comment.Heading); ok {
			break
		}
		d.Intro = append(d.Intro, blocks[0])
		blocks = blocks[1:]
	}
	if len(d.Intro) == 0 {
		return nil, fmt.Errorf("%s: no introduction between the summary and the first rule", a.Name)
	}
	for len(blocks) > 0 {
		title := plainText(blocks[0].(*comment.Heading).Text)
		s := Section{Title: title}
		for blocks = blocks[1:]; len(blocks) > 0; blocks = blocks[1:] {
			if _, ok := blocks[0].(*comment.Heading); ok {
				break
			}
			s.Blocks = append(s.Blocks, blocks[0])
		}
		if err := d.add(title, s); err != nil {
			return nil, err
		}
	}
	if len(d.Rules) == 0 {
		return nil, fmt.Errorf("%s: no %q section", a.Name, "# Rule 1: title")
	}
	return d, nil
}

// add appends s as the next rule or closing section.
func (d *Doc) add(title string, s Section) error {
	for _, b := range s.Blocks {
		if text, ok := paragraphText([]comment.Block{b}); ok && ruleParagraph.MatchString(text) {
			return fmt.Errorf("%s: %q: a rule needs its own %q heading", d.Name, text[:min(len(text), 30)], "# Rule N: title")
		}
	}
	m := ruleHeading.FindStringSubmatch(title)
	if m == nil {
		if strings.HasPrefix(title, "Rule") {
			return fmt.Errorf("%s: heading %q is not %q", d.Name, title, "Rule N: title")
		}
		if title == "Flags" {
			return fmt.Errorf("%s: no Flags section: the flags' usage strings document them", d.Name)
		}
		d.Sections = append(d.Sections, s)
		return nil
	}
	if n, _ := strconv.Atoi(m[1]); n != len(d.Rules)+1 {
		return fmt.Errorf("%s: %q follows rule %d", d.Name, title, len(d.Rules))
	}
	if len(d.Sections) > 0 {
		return fmt.Errorf("%s: %q comes after the closing section %q", d.Name, title, d.Sections[0].Title)
	}
	if !hasCode(s.Blocks) {
		return fmt.Errorf("%s: %q has no code example", d.Name, title)
	}
	s.Title = m[2]
	d.Rules = append(d.Rules, s)
	return nil
}

// paragraphText returns the text of blocks[0] on one line, if it is a paragraph.
func paragraphText(blocks []comment.Block) (string, bool) {
	if len(blocks) == 0 {
		return "", false
	}
	p, ok := blocks[0].(*comment.Paragraph)
	if !ok {
		return "", false
	}
	return strings.Join(strings.Fields(plainText(p.Text)), " "), true
}

func plainText(text []comment.Text) string {
	var b strings.Builder
	for _, t := range text {
		switch t := t.(type) {
		case comment.Plain:
			b.WriteString(string(t))
		case comment.Italic:
			b.WriteString(string(t))
		case *comment.Link:
			b.WriteString(plainText(t.Text))
		case *comment.DocLink:
			b.WriteString(plainText(t.Text))
		}
	}
	return b.String()
}

func hasCode(blocks []comment.Block) bool {
	for _, b := range blocks {
		if _, ok := b.(*comment.Code); ok {
			return true
		}
	}
	return false
}
