package driver

import (
	"fmt"
	"os"
	"path/filepath"
)

// GitHub places annotations and code-scanning alerts by paths relative to
// the repository root, which is not the working directory when the module
// lives in a subdirectory of the repository. The github and SARIF formats
// therefore name files relative to the root, found as golangci-lint's
// relative-path-mode: gitroot finds it, or set with -root.

// findRepoRoot returns explicit, made absolute, if it is set; else the
// nearest directory at or above cwd that holds .git (a directory, or the
// file of a worktree or submodule); else cwd.
func findRepoRoot(cwd, explicit string) (string, error) {
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return "", fmt.Errorf("-root: %v", err)
		}
		if info, err := os.Stat(abs); err != nil || !info.IsDir() {
			return "", fmt.Errorf("-root: %s is not a directory", explicit)
		}
		return filepath.Clean(abs), nil
	}
	for dir := cwd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		if filepath.Dir(dir) == dir {
			return cwd, nil
		}
	}
}

// setRepoRoot makes repoFile relative to the root findRepoRoot finds.
func (p *pathShortener) setRepoRoot(explicit string) error {
	if p.cwd == "" {
		return nil
	}
	root, err := findRepoRoot(p.cwd, explicit)
	p.root = root
	return err
}

// repoFile returns name (absolute) relative to the repository root, with
// slashes, if it lies beneath it, and name unchanged otherwise.
func (p *pathShortener) repoFile(name string) string {
	root := p.root
	if root == "" {
		root = p.cwd
	}
	if root == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || !filepath.IsLocal(rel) {
		return name
	}
	return filepath.ToSlash(rel)
}

// absolute turns a name relative to the working directory, as problems
// carry them, back into an absolute one.
func (p *pathShortener) absolute(name string) string {
	if filepath.IsAbs(name) || p.cwd == "" {
		return name
	}
	return filepath.Join(p.cwd, name)
}
