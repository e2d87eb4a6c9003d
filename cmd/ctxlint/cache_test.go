package main

// End-to-end tests of the result cache: a run served from the cache
// prints exactly what an analysis prints, in every format; whatever
// changes a package's findings makes it miss; damaged entries are misses;
// concurrent runs share a cache safely.

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// runCached runs the ctxlint binary bin in dir with the result cache in
// cache.
func runCached(t *testing.T, bin, cache, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "CTXLINT_CACHE="+cache)
	return runCmd(t, cmd, dir)
}

var fromCache = regexp.MustCompile(`(?m)^ctxlint: ([0-9]+) packages? from cache, 0 analyzed$`)

// hits reports whether a -v run was served from the cache entirely.
func hits(r result) bool { return fromCache.MatchString(r.stderr) }

// sameResult fails the test unless got printed and exited as want.
func sameResult(t *testing.T, what string, got, want result) {
	t.Helper()
	if got.code != want.code || got.stdout != want.stdout || got.stderr != want.stderr {
		t.Errorf("%s: the cached run differs from the uncached one\ncached: %v\nuncached: %v", what, got, want)
	}
}

// cachedRuns are the fixture modules and arguments on which a cached
// run, and the incremental engine, must print what an uncached one does.
var cachedRuns = []struct {
	name string
	args []string
}{
	{"basic", []string{"./..."}},
	{"facts", []string{"./..."}},
	{"order", []string{"./..."}},
	{"tags", []string{"-tags=integration", "./..."}},
	{"basic", []string{"-test=false", "./leak", "./quiet"}},
}

// TestCacheSameOutput: in every format and with every option that
// shapes the output, a run served from the cache prints, on stdout and
// stderr, what a run with -cache=false prints, and exits the same way;
// -v shows that the second run analyzed nothing.
func TestCacheSameOutput(t *testing.T) {
	t.Parallel()
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	if r := run(t, fixture(t, "basic"), "-write-baseline", baseline, "./leak"); r.code != 0 {
		t.Fatalf("-write-baseline: %v", r)
	}
	formats := [][]string{
		{},
		{"-json"},
		{"-format=sarif"},
		{"-format=sarif", "-show-ignored"},
		{"-format=github"},
		{"-c=1"},
		{"-show-ignored"},
		{"-exit-zero"},
		{"-baseline", baseline},
		{"-json", "-baseline", baseline},
	}
	for _, fx := range cachedRuns {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			dir, cache := fixture(t, fx.name), t.TempDir()
			for _, format := range formats {
				args := append(append([]string{}, format...), fx.args...)
				what := strings.Join(args, " ")
				want := run(t, dir, append([]string{"-cache=false"}, args...)...)
				for i := range 2 {
					sameResult(t, fmt.Sprintf("%s (cached run %d)", what, i+1), runCached(t, ctxlintBin, cache, dir, args...), want)
				}
				if r := runCached(t, ctxlintBin, cache, dir, append([]string{"-v"}, args...)...); !hits(r) || r.stdout != want.stdout || r.code != want.code {
					t.Errorf("%s -v: want the output served from the cache, got %v", what, r)
				}
			}
		})
	}
}

// TestCheckerCache: the checker (-engine=checker) stores results that a
// later run, of either engine, is served from, printing what the
// checker prints with the cache off.
func TestCheckerCache(t *testing.T) {
	t.Parallel()
	for _, fx := range cachedRuns {
		t.Run(fx.name, func(t *testing.T) {
			t.Parallel()
			dir, cache := fixture(t, fx.name), t.TempDir()
			args := append([]string{"-json", "-show-ignored"}, fx.args...)
			checker := append([]string{"-engine=checker"}, args...)
			want := run(t, dir, append([]string{"-cache=false"}, checker...)...)
			if r := runCached(t, ctxlintBin, cache, dir, append([]string{"-v"}, checker...)...); hits(r) || r.stdout != want.stdout || r.code != want.code {
				t.Errorf("cold: want the checker's output, analyzed, got %v, want %v", r, want)
			}
			for _, engine := range []string{"-engine=checker", "-engine=incremental"} {
				if r := runCached(t, ctxlintBin, cache, dir, append([]string{"-v", engine}, args...)...); !hits(r) || r.stdout != want.stdout || r.code != want.code {
					t.Errorf("warm, %s: want the checker's output served from the cache, got %v", engine, r)
				}
			}
		})
	}
}

// TestCacheInvalidation: editing a package, editing a dependency of the
// module (a function body, which export data would not show), changing
// an analyzer flag, the analyzers enabled, -test, -tags, or ctxlint's
// executable each makes the next run analyze again and print what an
// uncached run prints; putting things back hits again.
func TestCacheInvalidation(t *testing.T) {
	t.Parallel()
	dir, cache := copyDir(t, fixture(t, "facts")), t.TempDir()
	// A copy of the binary that the test may change.
	bin := filepath.Join(t.TempDir(), "ctxlint")
	copyFile(t, ctxlintBin, bin)

	check := func(what string, wantHit bool, args ...string) result {
		t.Helper()
		args = append([]string{"-v"}, args...)
		got := runCached(t, bin, cache, dir, args...)
		if hits(got) != wantHit {
			t.Errorf("%s: want served from the cache %t, got %v", what, wantHit, got)
		}
		want := runCached(t, bin, "off", dir, args...)
		if got.stdout != want.stdout || got.code != want.code {
			t.Errorf("%s: the cached run printed\n%v\nthe uncached one\n%v", what, got, want)
		}
		return got
	}
	check("first run", false, "./...")
	first := check("second run", true, "./...")
	if !strings.Contains(first.stdout, "client/client.go:13:7: lostcancel2: ") {
		t.Fatalf("the fixture's finding is gone: %v", first)
	}

	client := filepath.Join(dir, "client", "client.go")
	original := mustRead(t, client)
	writeTree(t, dir, map[string]string{"client/client.go": strings.Replace(original, "// Get calls", "// Moved down.\n// Get calls", 1)})
	if r := check("client edited", false, "./..."); !strings.Contains(r.stdout, "client/client.go:14:7: lostcancel2: ") ||
		!strings.Contains(r.stderr, analyzedOnly("-engine=incremental", "1 package")) {
		t.Errorf("client edited: want only client analyzed, and its finding one line down, got %v", r)
	}
	check("client edited, second run", true, "./...")
	writeTree(t, dir, map[string]string{"client/client.go": original})
	check("client restored", true, "./...")

	// timeouts.NewTimeout keeps its signature but no longer returns a
	// cancel function: client's finding must go.
	timeouts := filepath.Join(dir, "timeouts", "timeouts.go")
	dep := mustRead(t, timeouts)
	writeTree(t, dir, map[string]string{"timeouts/timeouts.go": strings.Replace(dep,
		"ctx, cancel := context.WithTimeout(ctx, 5*time.Second)\n\treturn ctx, cancel",
		"_ = time.Second\n\treturn ctx, func() {}", 1)})
	if r := check("dependency edited", false, "./client"); strings.Contains(r.stdout, "lostcancel2") {
		t.Errorf("dependency edited: want client's finding gone, got %v", r)
	}
	writeTree(t, dir, map[string]string{"timeouts/timeouts.go": dep})
	check("dependency restored", true, "./client")

	check("an analyzer flag", false, "-detachedcleanup.names=Purge", "./...")
	check("an analyzer flag, second run", true, "-detachedcleanup.names=Purge", "./...")
	check("analyzers enabled", false, "-lostcancel2=false", "./...")
	check("-test=false", false, "-test=false", "./...")
	check("-tags", false, "-tags=nothing", "./...")
	check("back to the first command line", true, "./...")

	// A rebuilt ctxlint is another executable: appending bytes to an ELF
	// file leaves it runnable and changes its hash.
	f, err := os.OpenFile(bin, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("rebuilt")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	check("executable changed", false, "./...")
	check("executable changed, second run", true, "./...")
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCacheCorruptedEntries: an entry cut short, or overwritten with
// garbage, is a miss, not an error or a wrong answer; the run that
// misses writes the entry again.
func TestCacheCorruptedEntries(t *testing.T) {
	t.Parallel()
	dir, cache := fixture(t, "basic"), t.TempDir()
	want := run(t, dir, "./...")
	runCached(t, ctxlintBin, cache, dir, "./...")
	for _, damage := range []struct {
		name string
		do   func(data []byte) []byte
	}{
		{"truncated", func(data []byte) []byte { return data[:len(data)/2] }},
		{"garbage", func(data []byte) []byte { return []byte("not an entry\n{}") }},
		{"empty", func([]byte) []byte { return nil }},
		// Still valid JSON, with the right ID, but without its
		// diagnostics: only the checksum tells.
		{"payload changed", func(data []byte) []byte { return []byte(strings.Replace(string(data), `"actions":`, `"actionz":`, 1)) }},
	} {
		n := 0
		filepath.WalkDir(filepath.Join(cache, "results"), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, damage.do(data), 0o644); err != nil {
				t.Fatal(err)
			}
			n++
			return nil
		})
		if n == 0 {
			t.Fatalf("%s: no cache entries to damage", damage.name)
		}
		r := runCached(t, ctxlintBin, cache, dir, "-v", "./...")
		if hits(r) || !strings.Contains(r.stderr, "ctxlint: cache: 0 of 4 packages cached") || r.stdout != want.stdout || r.code != want.code {
			t.Errorf("%s entries: want misses and the uncached output, got %v", damage.name, r)
		}
		if r := runCached(t, ctxlintBin, cache, dir, "-v", "./..."); !hits(r) || r.stdout != want.stdout {
			t.Errorf("%s entries: want them written again, got %v", damage.name, r)
		}
	}
}

// TestCacheOff: -cache=false and CTXLINT_CACHE=off neither read nor
// write the cache, and say so under -v; -fix and -diff never use it.
func TestCacheOff(t *testing.T) {
	t.Parallel()
	dir, cache := fixture(t, "basic"), t.TempDir()
	if r := runCached(t, ctxlintBin, cache, dir, "-v", "-cache=false", "./..."); !strings.Contains(r.stderr, "ctxlint: cache: off (-cache=false)") || r.code != 1 {
		t.Errorf("-cache=false: got %v", r)
	}
	if r := runCached(t, ctxlintBin, "off", dir, "-v", "./..."); !strings.Contains(r.stderr, "ctxlint: cache: off (CTXLINT_CACHE=off)") || r.code != 1 {
		t.Errorf("CTXLINT_CACHE=off: got %v", r)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("the cache was written with the cache off: %v", entries)
	}
	runCached(t, ctxlintBin, cache, dir, "./...")
	r := runCached(t, ctxlintBin, cache, dir, "-v", "-diff", "./...")
	if hits(r) || !strings.Contains(r.stderr, "ctxlint: cache: not used (-fix and -diff need the syntax trees)") || !strings.Contains(r.stdout, "+\tdefer cancel()") {
		t.Errorf("-diff: want an analysis and its patch, got %v", r)
	}
}

// TestCacheConcurrentRuns: runs sharing an empty cache, at once, all
// print what an uncached run prints, and leave a cache the next run is
// served from.
func TestCacheConcurrentRuns(t *testing.T) {
	t.Parallel()
	dir, cache := fixture(t, "facts"), t.TempDir()
	want := run(t, dir, "-json", "./...")
	results := make([]result, 3)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = runCached(t, ctxlintBin, cache, dir, "-json", "./...") })
	}
	wg.Wait()
	for i, r := range results {
		sameResult(t, fmt.Sprintf("concurrent run %d", i+1), r, want)
	}
	if r := runCached(t, ctxlintBin, cache, dir, "-v", "-json", "./..."); !hits(r) || r.stdout != want.stdout {
		t.Errorf("after the concurrent runs: want the output served from the cache, got %v", r)
	}
	// No temporary file is left behind.
	filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left in the cache: %s", d.Name())
		}
		return nil
	})
}

// TestCachePartialRun: when some packages are cached, only the others
// are analyzed (a test variant among them), by either engine, and the
// output in every format is what an uncached run prints.
func TestCachePartialRun(t *testing.T) {
	t.Parallel()
	for _, engine := range []string{"-engine=incremental", "-engine=checker"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			checkPartialRun(t, engine)
		})
	}
}

// analyzedOnly matches the -v line of engine saying that it analyzed
// only the packages missed (missed says how many).
func analyzedOnly(engine, missed string) string {
	if engine == "-engine=checker" {
		return "ctxlint: cache: analyzing only the " + missed + " not cached\n"
	}
	return "ctxlint: engine: " + missed + " to analyze, "
}

func checkPartialRun(t *testing.T, engine string) {
	dir, cache := copyDir(t, fixture(t, "basic")), t.TempDir()
	// An external test package, which go list loads by the path of the
	// package it tests.
	writeTree(t, dir, map[string]string{"clean/ext_test.go": "package clean_test\n\nimport _ \"example.com/e2e/basic/clean\"\n"})
	runCached(t, ctxlintBin, cache, dir, engine, "./...")
	for i, edit := range []string{"testonly/testonly_test.go", "quiet/quiet.go", "clean/ext_test.go", "clean/clean.go"} {
		missed := "1 package" // what the edit changes: the package, and those importing it
		if edit == "clean/clean.go" {
			missed = "2 packages"
		}
		data := mustRead(t, filepath.Join(dir, edit))
		writeTree(t, dir, map[string]string{edit: strings.Replace(data, "\nimport", fmt.Sprintf("\n// Edit %d.\nimport", i), 1)})
		for j, args := range [][]string{{"-show-ignored"}, {"-json"}, {"-format=sarif", "-show-ignored"}} {
			args = append([]string{engine}, append(args, "./...")...)
			want := run(t, dir, args...)
			if j == 0 {
				r := runCached(t, ctxlintBin, cache, dir, append([]string{"-v"}, args...)...)
				if !strings.Contains(r.stderr, analyzedOnly(engine, missed)) || strings.Contains(r.stderr, "loading ./...") || r.stdout != want.stdout {
					t.Errorf("%s edited: want it alone analyzed and the uncached output, got %v", edit, r)
				}
				continue
			}
			sameResult(t, edit+" edited, "+strings.Join(args, " "), runCached(t, ctxlintBin, cache, dir, args...), want)
		}
	}
}
