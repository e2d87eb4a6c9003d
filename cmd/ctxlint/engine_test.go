package main

// End-to-end tests of -engine=incremental, the default: on every fixture module, cold
// (empty cache), warm, and after each file in turn is edited (so that
// the packages importing it are analyzed against dependencies read from
// the cache: type data and facts), it prints byte for byte what the
// checker prints with the cache off, and exits the same way.

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameAsChecker fails the test unless the engine's run in dir, with the
// cache in cache, prints and exits as the checker's run with the cache
// off. The engine's -v lines are left out of the comparison.
func sameAsChecker(t *testing.T, what, dir, cache string, args ...string) result {
	t.Helper()
	want := run(t, dir, append([]string{"-engine=checker", "-cache=false"}, args...)...)
	got := runCached(t, ctxlintBin, cache, dir, append([]string{"-engine=incremental", "-v"}, args...)...)
	var stderr []string
	for line := range strings.Lines(got.stderr) {
		if strings.HasPrefix(line, "ctxlint: engine:") {
			if strings.Contains(line, "analyzing with the checker") {
				t.Errorf("%s: the engine fell back to the checker: %s", what, line)
			}
			continue
		}
		if strings.HasPrefix(line, "ctxlint: cache:") || fromCache.MatchString(line) {
			continue
		}
		stderr = append(stderr, line)
	}
	filtered := result{stdout: got.stdout, stderr: strings.Join(stderr, ""), code: got.code}
	if filtered != want {
		t.Errorf("%s: -engine=incremental differs from the checker\nengine: %v\nchecker: %v", what, got, want)
	}
	return got
}

func TestEngineSameOutput(t *testing.T) {
	t.Parallel()
	for _, fx := range cachedRuns {
		t.Run(fx.name+" "+strings.Join(fx.args, " "), func(t *testing.T) {
			t.Parallel()
			dir, cache := copyDir(t, fixture(t, fx.name)), t.TempDir()
			jsonArgs := append([]string{"-json", "-show-ignored"}, fx.args...)
			sameAsChecker(t, "cold", dir, cache, jsonArgs...)
			if r := sameAsChecker(t, "warm", dir, cache, jsonArgs...); !hits(r) {
				t.Errorf("warm: want every package from the cache, got %v", r)
			}
			sameAsChecker(t, "cold, text", dir, t.TempDir(), append([]string{"-show-ignored"}, fx.args...)...)
			var files []string
			filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(path, ".go") {
					files = append(files, path)
				}
				return nil
			})
			slices.Sort(files)
			for i, file := range files {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, fmt.Appendf(data, "\n// Edit %d.\n", i), 0o644); err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(dir, file)
				sameAsChecker(t, rel+" edited", dir, cache, jsonArgs...)
			}
		})
	}
}

// TestEngineFallback: a package that does not type-check is left to the
// checker, which reports it as without the engine.
func TestEngineFallback(t *testing.T) {
	t.Parallel()
	dir, cache := copyDir(t, fixture(t, "basic")), t.TempDir()
	writeTree(t, dir, map[string]string{"quiet/broken.go": "package quiet\n\nvar _ int = \"not an int\"\n"})
	want := run(t, dir, "-engine=checker", "-cache=false", "-json", "./...")
	got := runCached(t, ctxlintBin, cache, dir, "-engine=incremental", "-json", "./...")
	if got != want {
		t.Errorf("a package with a type error: want the checker's output, got %v, want %v", got, want)
	}
}
