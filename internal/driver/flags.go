package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Output formats accepted by -format.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatSARIF  = "sarif"
	formatGitHub = "github"
)

var formats = []string{formatText, formatJSON, formatSARIF, formatGitHub}

// options is the parsed command line of a standalone run.
type options struct {
	analyzers     []*analysis.Analyzer // the analyzers selected to run
	patterns      []string             // package patterns (or "help" and its argument)
	format        string
	context       int // -c: lines of source context in text output; <0 for none
	fix           bool
	diff          bool
	tests         bool
	showIgnored   bool
	exitZero      bool
	cpuProfile    string // -cpuprofile: write a CPU profile of the run here
	memProfile    string // -memprofile: write a heap profile at the end of the run here
	version       bool   // -version: print the version and exit
	tags          string // -tags: build tags, passed to the go command as go vet does
	verbose       bool   // -v: say on stderr what was loaded and analyzed, with timings
	debug         string // -debug: multichecker's debug letters (see debugLetters)
	trace         string // -trace: write a runtime/trace execution trace here
	root          string // -root: the repository root github and SARIF paths are relative to
	newFromRev    string // -new-from-rev: report only findings on lines changed since this git revision
	baseline      string // -baseline: hide the findings this file records
	writeBaseline string // -write-baseline: record the findings in this file instead of reporting them
	cache         bool   // -cache: use the result cache (see cache.go)
	engine        string // -engine: what analyzes the packages the cache misses (see engine.go)
}

// errHelp is returned by parseFlags for -h and -help: print usage, exit 0.
var errHelp = errors.New("help requested")

// newFlagSet returns the standalone flag set, with opts' fields, one
// enable flag per analyzer (stored in enabled) and every analyzer's own
// flags as -NAME.flag, the naming x/tools' multichecker uses.
func newFlagSet(analyzers []*analysis.Analyzer, opts *options, enabled map[*analysis.Analyzer]*triState) (*flag.FlagSet, *bool, *bool) {
	fs := flag.NewFlagSet(progName, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parse errors are reported by the caller, on one line
	for _, a := range analyzers {
		ts := new(triState)
		enabled[a] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("enable the %s analyzer (with -%s=false, run every analyzer but this one)", a.Name, a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.StringVar(&opts.format, "format", formatText, "output format: "+strings.Join(formats, ", "))
	jsonFlag := fs.Bool("json", false, "emit JSON output (same as -format=json)")
	fs.IntVar(&opts.context, "c", -1, "in text output, show the offending line with this many lines of context")
	fs.BoolVar(&opts.fix, "fix", false, "apply the first suggested fix of every diagnostic, then gofmt the changed files")
	fs.BoolVar(&opts.diff, "diff", false, "print the changes -fix would make as a unified diff instead of writing them")
	fs.BoolVar(&opts.tests, "test", true, "also analyze the packages' test files")
	fs.BoolVar(&opts.showIgnored, "show-ignored", false, "list the diagnostics suppressed by //nolint comments on stderr")
	fs.BoolVar(&opts.exitZero, "exit-zero", false, "exit with status 0 even when there are diagnostics (errors still exit 2)")
	fs.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile (live and allocated memory) at the end of the run to this file")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build tags, as for go build and go vet (-tags=integration,linux)")
	fs.BoolVar(&opts.verbose, "v", false, "verbose: say on stderr what is loaded and analyzed, with timings")
	fs.StringVar(&opts.debug, "debug", "", `debug flags, any subset of "fpstv" (multichecker's): f log facts, p no parallelism, s sanity-check facts, t timings, v verbose`)
	fs.StringVar(&opts.trace, "trace", "", "write an execution trace of the run to this file (for go tool trace)")
	fs.StringVar(&opts.root, "root", "", "the repository root that github and sarif output name files relative to (default: the nearest directory above holding .git)")
	fs.StringVar(&opts.newFromRev, "new-from-rev", "", "report only findings on lines added or changed since this git revision (git diff REV, and untracked files)")
	fs.StringVar(&opts.baseline, "baseline", "", "hide the findings recorded in this file by -write-baseline (matched by file, analyzer and message, not line)")
	fs.StringVar(&opts.writeBaseline, "write-baseline", "", "record the findings in this file, for -baseline, and exit 0 instead of reporting them")
	fs.BoolVar(&opts.cache, "cache", true, "reuse the results of packages that have not changed since an earlier run (the cache is in "+cacheEnv+", else the user cache directory; "+cacheEnv+"=off disables it)")
	fs.StringVar(&opts.engine, "engine", engineIncremental, "what analyzes the packages the result cache misses: "+engineIncremental+" (ctxlint's own runner: dependencies from the cache's type data and facts, type-checked from source only where they missed; -fix and -diff always use the checker) or "+engineChecker+" (every dependency from source, with golang.org/x/tools' checker)")
	fs.BoolVar(&opts.version, "version", false, "print the version (module version and VCS revision) and exit")
	// -V=full never gets here (see isVetToolInvocation); the flag exists
	// so that it is listed and a bare -V gets a helpful error.
	version := fs.Bool("V", false, "print the version and exit (-V=full)")
	return fs, jsonFlag, version
}

// parseFlags parses the standalone command line.
func parseFlags(analyzers []*analysis.Analyzer, args []string) (*options, *flag.FlagSet, error) {
	opts := new(options)
	enabled := make(map[*analysis.Analyzer]*triState)
	fs, jsonFlag, version := newFlagSet(analyzers, opts, enabled)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, fs, errHelp
		}
		return nil, fs, err
	}
	if *version {
		return nil, fs, errors.New("-V takes the value full (-V=full)")
	}
	if err := checkDebug(opts.debug); err != nil {
		return nil, fs, err
	}
	if err := resolveFormat(fs, opts, *jsonFlag); err != nil {
		return nil, fs, err
	}
	if opts.diff {
		opts.fix = true
	}
	if opts.writeBaseline != "" && opts.fix {
		return nil, fs, errors.New("-write-baseline cannot be combined with -fix or -diff")
	}
	if opts.fix && opts.format != formatText {
		return nil, fs, fmt.Errorf("-fix and -diff cannot be combined with -format=%s", opts.format)
	}
	if opts.engine != engineChecker && opts.engine != engineIncremental {
		return nil, fs, fmt.Errorf("unknown -engine %q (want %s or %s)", opts.engine, engineChecker, engineIncremental)
	}
	opts.analyzers = selectAnalyzers(analyzers, enabled)
	opts.patterns = fs.Args()
	return opts, fs, nil
}

// resolveFormat reconciles -json with -format.
func resolveFormat(fs *flag.FlagSet, opts *options, jsonFlag bool) error {
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if jsonFlag {
		if formatSet && opts.format != formatJSON {
			return fmt.Errorf("-json conflicts with -format=%s", opts.format)
		}
		opts.format = formatJSON
	}
	for _, f := range formats {
		if opts.format == f {
			return nil
		}
	}
	return fmt.Errorf("unknown -format %q (want one of %s)", opts.format, strings.Join(formats, ", "))
}

// selectAnalyzers applies multichecker's convention: if any -NAME flag is
// true, run only those analyzers; otherwise run all but those set false.
func selectAnalyzers(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, a := range analyzers {
		anyTrue = anyTrue || *enabled[a] == setTrue
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		switch state := *enabled[a]; {
		case anyTrue && state == setTrue, !anyTrue && state != setFalse:
			keep = append(keep, a)
		}
	}
	return keep
}

// triState is a boolean flag that remembers whether it was set at all.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*ts = setFalse
	if b {
		*ts = setTrue
	}
	return nil
}

func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) IsBoolFlag() bool { return true }
