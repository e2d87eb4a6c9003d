package main

// End-to-end tests of the behaviours Go teams expect from lint tooling
// (issue 15): versions, build tags, verbose output, stable JSON, errors in
// the output format, repository-relative paths, new-code filters,
// baselines and //nolint.

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/ctxlint/ctxlint"
)

// stampedVersion returns the version the go command recorded in the
// binary, read with go version -m, as ctxlint should print it.
func stampedVersion(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "version", "-m", ctxlintBin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	var version, revision, modified string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 3 && f[0] == "mod" && f[1] == "github.com/ctxlint/ctxlint":
			version = f[2]
		case len(f) == 2 && f[0] == "build" && strings.HasPrefix(f[1], "vcs.revision="):
			revision = strings.TrimPrefix(f[1], "vcs.revision=")
		case len(f) == 2 && f[0] == "build" && f[1] == "vcs.modified=true":
			modified = " modified"
		}
	}
	if version == "" {
		t.Fatalf("go version -m names no main module:\n%s", out)
	}
	if revision != "" {
		version += " revision " + revision + modified
	}
	return version
}

// TestVersionFlag: -version prints the module version and VCS revision
// the build recorded ("(devel)" for a build from a checkout without VCS
// stamping), and the Go version.
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	want := "ctxlint " + stampedVersion(t) + ", built with go"
	r := run(t, t.TempDir(), "-version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, "\n") != 1 || r.stderr != "" {
		t.Errorf("-version: want one line starting %q, got %v", want, r)
	}
}

// TestVetVersion: -V=full names the version, and go vet's cache key (the
// whole line, since the word after "version" is not "devel") carries the
// SHA-256 of the executable, so it changes whenever the binary does.
func TestVetVersion(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(ctxlintBin)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("ctxlint version %s buildID=%x\n", stampedVersion(t), sha256.Sum256(data))
	for _, args := range [][]string{{"-V=full"}, {"-json", "-V=full", "./..."}} {
		r := run(t, t.TempDir(), args...)
		if r.code != 0 || r.stdout != want {
			t.Errorf("%q: want %q, got %v", args, want, r)
		}
		if f := strings.Fields(r.stdout); len(f) < 3 || f[2] == "devel" {
			t.Errorf("%q: go vet would key its cache on the build ID alone: %q", args, r.stdout)
		}
	}
}

// TestSARIFToolVersionAndHelp: SARIF's tool.driver carries the version,
// and every rule a helpUri, the analyzer's generated page.
func TestSARIFToolVersionAndHelp(t *testing.T) {
	t.Parallel()
	r := run(t, fixture(t, "basic"), "-format=sarif", "-test=false", "./leak")
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct{ ID, HelpURI string }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("stdout is not a SARIF log with one run (%v): %v", err, r)
	}
	d := log.Runs[0].Tool.Driver
	if want := stampedVersion(t); d.Version != want {
		t.Errorf("tool.driver.version = %q, want %q", d.Version, want)
	}
	for _, rule := range d.Rules {
		if want := "https://github.com/ctxlint/ctxlint/blob/main/docs/analyzers/" + rule.ID + ".md"; rule.HelpURI != want {
			t.Errorf("rule %s: helpUri %q, want %q", rule.ID, rule.HelpURI, want)
		}
	}
	if len(d.Rules) != len(ctxlint.Analyzers()) {
		t.Errorf("%d rules, want one per analyzer", len(d.Rules))
	}
}
