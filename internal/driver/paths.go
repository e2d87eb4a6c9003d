package driver

import (
	"os"
	"path/filepath"
	"strings"
)

// pathShortener writes file names relative to the working directory when
// they lie beneath it, as go vet and editors expect, and absolute
// otherwise.
type pathShortener struct {
	cwd  string // absolute, cleaned; "" if unknown
	root string // the repository root, for repoFile (repopaths.go); "" until set
}

func newPathShortener() *pathShortener {
	cwd, err := os.Getwd()
	if err != nil {
		return &pathShortener{}
	}
	return &pathShortener{cwd: filepath.Clean(cwd)}
}

// file returns name relative to the working directory if it lies beneath
// it ("pkg/a.go"), and name unchanged otherwise.
func (p *pathShortener) file(name string) string {
	if p.cwd == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(p.cwd, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return rel
}

// position shortens the file part of a "file:line:col" position string.
func (p *pathShortener) position(pos string) string {
	if p.cwd == "" {
		return pos
	}
	return strings.TrimPrefix(pos, p.cwd+string(filepath.Separator))
}

// inText shortens absolute paths beneath the working directory that occur
// in a message, such as go list's "no Go files in DIR".
func (p *pathShortener) inText(s string) string {
	if p.cwd == "" || p.cwd == string(filepath.Separator) {
		return s
	}
	s = strings.ReplaceAll(s, p.cwd+string(filepath.Separator), "."+string(filepath.Separator))
	return s
}
