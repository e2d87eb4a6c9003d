// Package analyzerdoc turns an analyzer package's doc.go into the
// analyzer's Doc, so that `ctxlint help NAME`, golangci-lint and go doc
// show one text.
package analyzerdoc

import (
	"go/parser"
	"go/token"
	"strings"
)

// FromPackageDoc returns the "# Analyzer NAME" section of the package
// comment of src (the source of doc.go), the convention x/tools' own
// analyzers follow: a first line "NAME: summary", then the rules with
// their examples. The "NAME: " prefix, which go doc shows, is dropped,
// so the summary reads as the analyzer's title. It panics if src has no
// such section: the analyzer would have no documentation.
func FromPackageDoc(name, src string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(name + ": doc.go has no package comment")
	}
	heading := "# Analyzer " + name + "\n"
	_, section, ok := strings.Cut(f.Doc.Text(), heading)
	if !ok {
		panic(name + ": doc.go has no " + strings.TrimSpace(heading) + " section")
	}
	return strings.TrimPrefix(strings.TrimSpace(section), name+": ")
}
