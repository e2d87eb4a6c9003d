package driver

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadMode loads every package, dependencies included, from source:
// ctxlint's analyzers exchange facts, which must be computed on the
// dependencies too. NeedForTest tells analysisRoots which packages are
// test variants.
const loadMode = packages.LoadAllSyntax | packages.NeedModule | packages.NeedForTest

// loadPackages loads the packages matching patterns and returns the ones
// to analyze, or the problems that prevent analyzing them (one line each).
// buildFlags go to the go command (-tags=...).
func loadPackages(patterns []string, tests bool, buildFlags []string, paths *pathShortener) ([]*packages.Package, []string) {
	cfg := &packages.Config{Mode: loadMode, Tests: tests, BuildFlags: buildFlags}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, []string{oneLine(goCommandFailure.ReplaceAllString(err.Error(), ""))}
	}
	pkgs = analysisRoots(pkgs)
	if len(pkgs) == 0 {
		return nil, []string{fmt.Sprintf("%s matched no packages", strings.Join(patterns, " "))}
	}
	if problems := packageErrors(pkgs, paths); len(problems) > 0 {
		return nil, problems
	}
	return pkgs, nil
}

// goCommandFailure is how go/packages prefixes the go command's own
// error message, which says everything.
var goCommandFailure = regexp.MustCompile(`^err: exit status \d+: stderr: `)

// analysisRoots returns the packages go vet would analyze among those
// go list matched: it drops the test main packages go list synthesizes
// ("p.test", generated code only), and a package whose internal test
// variant ("p [p.test]") was loaded too, because the variant holds every
// file of the package and its tests. Analyzing both would double the work
// and the memory on test-heavy packages for no extra finding in vettool
// mode, where go vet makes the same choice.
func analysisRoots(pkgs []*packages.Package) []*packages.Package {
	hasTestVariant := make(map[string]bool)
	for _, p := range pkgs {
		if p.ForTest != "" && p.PkgPath == p.ForTest {
			hasTestVariant[p.PkgPath] = true
		}
	}
	var keep []*packages.Package
	for _, p := range pkgs {
		isTestMain := p.Name == "main" && strings.HasSuffix(p.ID, ".test") && p.ID == p.PkgPath
		if isTestMain || (p.ID == p.PkgPath && hasTestVariant[p.PkgPath]) {
			continue
		}
		keep = append(keep, p)
	}
	return keep
}

// packageErrors returns, one line per package, the first error of each
// package that fails to load, parse or type-check while its dependencies
// do not: the errors of packages that import a broken one follow from
// it. A file shared by a package and its test variant reports once.
func packageErrors(pkgs []*packages.Package, paths *pathShortener) []string {
	var problems []string
	seen := make(map[string]bool)
	failed := make(map[*packages.Package]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		errs := p.Errors
		if p.Module != nil && p.Module.Error != nil {
			errs = append(errs, packages.Error{Msg: p.Module.Error.Err})
		}
		depFailed := false
		for _, dep := range p.Imports {
			depFailed = depFailed || failed[dep]
		}
		failed[p] = depFailed || len(errs) > 0
		if depFailed || len(errs) == 0 {
			return
		}
		line := formatPackageError(errs[0], paths)
		if n := len(errs) - 1; n > 0 {
			line += fmt.Sprintf(" (and %d more %s)", n, plural(n, "error", "errors"))
		}
		if !seen[line] {
			seen[line] = true
			problems = append(problems, line)
		}
	})
	return problems
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// formatPackageError renders e as "file:line:col: message", or the
// message alone when it has no position; errors that name no file (such
// as "no Go files in DIR") get the package path for context.
func formatPackageError(e packages.Error, paths *pathShortener) string {
	msg := oneLine(paths.inText(e.Msg))
	if e.Pos == "" || e.Pos == "-" {
		return msg
	}
	return paths.position(e.Pos) + ": " + msg
}

// oneLine keeps an error message on one line: the go command sometimes
// explains at length on following lines, and heads the output of a
// failed build step with "# package".
func oneLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 1 && strings.HasPrefix(lines[0], "# ") {
		return strings.TrimPrefix(lines[0], "# ") + ": " + strings.TrimSpace(lines[1])
	}
	first := strings.TrimSpace(lines[0])
	if i := strings.LastIndex(first, "; "); i >= 0 && len(lines) > 1 && strings.HasSuffix(first, ":") {
		first = first[:i] // "...; to add it:" announces the lines we drop
	}
	return first
}

// errNoPatterns is the error for a command line without packages.
var errNoPatterns = errors.New("no packages to analyze: give package patterns such as ./... (run 'ctxlint help' for usage)")
