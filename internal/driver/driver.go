// Package driver implements the ctxlint command: the go vet -vettool
// protocol (through unitchecker) and a standalone driver built on
// golang.org/x/tools/go/analysis/checker and go/packages, with
// multichecker-compatible flags, //nolint suppressions, fixes, and text,
// JSON, SARIF and GitHub Actions output.
package driver

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
)

const progName = "ctxlint"

// Exit statuses of a standalone run.
const (
	exitClean       = 0 // no diagnostics
	exitDiagnostics = 1 // diagnostics were reported
	exitError       = 2 // bad command line, packages that do not load, analyzer failures
)

// Main runs the ctxlint command with analyzers on the command-line
// arguments args (without the program name) and returns the exit status.
// When go vet runs it as a -vettool, Main hands over to unitchecker,
// which exits the process itself.
func Main(analyzers []*analysis.Analyzer, args []string) int {
	if isVetVersionQuery(args) {
		// Answered here rather than by unitchecker, whose answer names
		// no version; alone, whatever flags surround it, in both modes.
		if err := writeVetVersion(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "%s: -V=full: %v\n", progName, err)
			return exitError
		}
		return exitClean
	}
	if isVetToolInvocation(args) {
		runVetTool(analyzers, args)
		return exitError // unreachable: unitchecker exits
	}
	stdout := bufio.NewWriter(os.Stdout)
	code := run(analyzers, args, stdout, os.Stderr)
	if err := stdout.Flush(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: writing output: %v\n", progName, err)
		return exitError
	}
	return code
}

// invocation is one standalone run.
type invocation struct {
	stdout, stderr io.Writer
	all            []*analysis.Analyzer // every analyzer of the command, enabled or not
	paths          *pathShortener
	src            *sources
	opts           *options
}

func (inv *invocation) errorf(format string, args ...any) {
	fmt.Fprintf(inv.stderr, progName+": "+format+"\n", args...)
}

// run is the standalone driver.
func run(all []*analysis.Analyzer, args []string, stdout, stderr io.Writer) int {
	inv := &invocation{stdout: stdout, stderr: stderr, all: all, paths: newPathShortener(), src: newSources()}
	opts, fs, err := parseFlags(all, args)
	switch {
	case errors.Is(err, errHelp):
		writeUsage(stdout, all, fs)
		return exitClean
	case err != nil:
		inv.errorf("%v (run '%s help' for usage)", err, progName)
		return exitError
	}
	inv.opts = opts
	if opts.version {
		writeVersion(stdout)
		return exitClean
	}
	if len(opts.patterns) > 0 && opts.patterns[0] == "help" {
		return inv.help(all, fs, opts.patterns[1:])
	}
	if len(opts.patterns) == 0 {
		return inv.fail(errNoPatterns.Error())
	}
	if len(opts.analyzers) == 0 {
		return inv.fail("every analyzer is disabled: nothing to do")
	}
	if err := inv.paths.setRepoRoot(opts.root); err != nil {
		return inv.fail(err.Error())
	}
	stopProfiles, err := inv.startProfiles()
	if err != nil {
		return inv.fail(err.Error())
	}
	code := inv.analyze()
	if err := stopProfiles(); err != nil {
		inv.errorf("%v", err)
		return exitError
	}
	return code
}

func (inv *invocation) help(all []*analysis.Analyzer, fs *flag.FlagSet, names []string) int {
	if len(names) == 0 {
		writeUsage(inv.stdout, all, fs)
		return exitClean
	}
	for _, name := range names {
		if !writeAnalyzerHelp(inv.stdout, all, name) {
			inv.errorf("no analyzer named %q (run '%s help' for the list)", name, progName)
			return exitError
		}
	}
	return exitClean
}

// analyze answers from the result cache when every package is cached,
// else loads the packages, runs the analyzers, caches their results and
// reports.
func (inv *invocation) analyze() int {
	opts := inv.opts
	cached := inv.lookupCache()
	if cached.results != nil {
		return inv.report(cached.results, nil)
	}
	if opts.engine == engineIncremental {
		res, err := inv.runEngine(cached)
		if err == nil {
			return inv.report(res, nil)
		}
		inv.verbosef("engine: %v; analyzing with the checker", err)
	}
	start := time.Now()
	pkgs, problems, partial := inv.loadMissed(cached)
	if len(problems) > 0 {
		return inv.fail(problems...)
	}
	inv.reportLoad(pkgs, time.Since(start))
	start = time.Now()
	graph, failures, err := analyze(opts.analyzers, pkgs, inv.checkerOptions())
	if err != nil {
		return inv.fail(err.Error())
	}
	inv.reportAnalysis(graph, time.Since(start))
	sup := indexSuppressions(pkgs)
	if opts.fix {
		return inv.fixAndReport(graph, sup, failures)
	}
	res := resultsOf(graph, sup, opts.analyzers)
	if len(failures) == 0 {
		inv.storeInCache(cached, res, pkgs)
	}
	if partial {
		res = cached.withCached(res)
	}
	return inv.report(res, failures)
}

// report filters and writes the results of a run in the selected format
// and returns the exit status.
func (inv *invocation) report(res *runResults, failures []string) int {
	findings, ignored := res.findings()
	findings, err := inv.filterFindings(res, findings)
	if err != nil {
		return inv.fail(err.Error())
	}
	status := exitClean
	if err := inv.write(res, findings, ignored, failures); err != nil {
		inv.errorf("writing output: %v", err)
		status = exitError
	}
	return inv.finish(status, findings, ignored, failures)
}

// fixAndReport applies (or, with -diff, shows) the fixes of the graph's
// findings and reports those that remain.
func (inv *invocation) fixAndReport(graph *checker.Graph, sup *suppressions, failures []string) int {
	ignored := suppress(graph, sup)
	findings, err := inv.filterFindings(rootActions{graph}, distinct(rootFindings(graph)))
	if err != nil {
		return inv.fail(err.Error())
	}
	status := exitClean
	findings, fixErr := inv.fix(graph, findings)
	if fixErr {
		status = exitError
	}
	return inv.finish(status, findings, ignored, failures)
}

// finish lists the ignored findings and the failures on stderr and
// returns the exit status.
func (inv *invocation) finish(status int, findings, ignored []finding, failures []string) int {
	if inv.opts.showIgnored {
		writeIgnored(inv.stderr, ignored, inv.paths)
	}
	inv.reportProblems(failures)
	switch {
	case len(failures) > 0 || status == exitError:
		return exitError
	case len(findings) > 0 && !inv.opts.exitZero:
		return exitDiagnostics
	}
	return exitClean
}

// reportProblems writes errors to stderr, one line each.
func (inv *invocation) reportProblems(problems []string) {
	for _, p := range problems {
		inv.errorf("%s", p)
	}
}

// write writes the findings in the selected format to stdout, with the
// analyzers' failures in the formats that can carry them (the JSON tree
// holds them already, as multichecker's does).
func (inv *invocation) write(res *runResults, findings, ignored []finding, failures []string) error {
	switch inv.opts.format {
	case formatJSON:
		return writeJSON(inv.stdout, res)
	case formatSARIF:
		if !inv.opts.showIgnored {
			ignored = nil
		}
		return writeSARIF(inv.stdout, sortedByName(inv.opts.analyzers), findings, ignored, failures, inv.paths, inv.src)
	case formatGitHub:
		writeGitHub(inv.stdout, findings, inv.paths)
		writeGitHubErrors(inv.stdout, failures, inv.paths)
	default:
		writeText(inv.stdout, findings, inv.paths, inv.src, inv.opts.context)
	}
	return nil
}

func sortedByName(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	sorted := append([]*analysis.Analyzer(nil), analyzers...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	return sorted
}
