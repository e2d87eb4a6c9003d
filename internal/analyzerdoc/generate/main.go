// Command generate writes docs/analyzers/NAME.md and the README's analyzer
// sections from each analyzer's doc.go. Run it with go generate from the
// repository root (ctxlint.go holds the directive).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run() error {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return err
	}
	files, err := analyzerdoc.Files(string(readme), ctxlint.Analyzers())
	if err != nil {
		return err
	}
	if err := removeStalePages(files); err != nil {
		return err
	}
	for _, path := range analyzerdoc.Paths(files) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(files[path]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// removeStalePages deletes the pages of analyzers that no longer exist.
func removeStalePages(files map[string]string) error {
	pages, _ := filepath.Glob(filepath.Join("docs", "analyzers", "*.md"))
	for _, p := range pages {
		if _, ok := files[filepath.ToSlash(p)]; !ok {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}
