package detachedcleanup_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"
)

// goldenPackages are the fixture packages whose suggested fixes have
// .golden files.
var goldenPackages = []string{"deferred", "derived", "values", "tcleanup", "flags", "tenants"}

// TestGoldenCompiles type-checks every fixture package with its .golden
// files in place of the sources they fix: analysistest compares the fixed
// text but does not check that it compiles.
func TestGoldenCompiles(t *testing.T) {
	src := filepath.Join(analysistest.TestData(), "src")
	gopath := t.TempDir()
	goldens := 0
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(gopath, "src", rel)
		if strings.HasSuffix(dst, ".golden") {
			dst = strings.TrimSuffix(dst, ".golden")
			goldens++
		} else if _, err := os.Stat(path + ".golden"); err == nil {
			return nil // replaced by its golden file
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if goldens == 0 {
		t.Fatal("no .golden files found")
	}
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:   gopath,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, goldenPackages...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < len(goldenPackages) {
		t.Fatalf("loaded %d packages, want at least %d", len(pkgs), len(goldenPackages))
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("fixed code does not compile: %v", e)
		}
	})
}
