//go:build unix

// Command harness runs ctxlint over a pinned corpus of real modules and
// writes a Markdown report: per module, its size, ctxlint's diagnostics per
// analyzer, wall time, CPU time and peak memory against two baselines (a
// load-and-type-check-only floor and go vet -lostcancel), the vet-superset
// check, the fixes-compile check, runs on deliberately broken copies, and
// the triage of the diagnostics.
//
// It is run through scripts/corpus/run from the repository root; it exits
// non-zero when ctxlint panics or fails internally, misses a go vet
// lostcancel position, or produces a fix that breaks the build. The report
// is written either way.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var (
	modulesFlag = flag.String("modules", "", "comma-separated module paths to run (default: all of -list)")
	quick       = flag.Bool("quick", false, "run only the first module of -list (golang.org/x/sync), as CI does")
	listFile    = flag.String("list", "scripts/corpus/modules.txt", "file listing MODULE@VERSION, one a line")
	triageFile  = flag.String("triage", "scripts/corpus/triage.txt", "file of triage verdicts merged into the report")
	outFile     = flag.String("out", "", "Markdown report to write (default docs/corpus.md; with -quick, quick.md in the work directory, so CI leaves the committed report alone)")
	workFlag    = flag.String("work", "", "writable work directory (default $CTXLINT_CORPUS_DIR, else ctxlint-corpus beside the Go build cache)")
	seed        = flag.Uint64("seed", 1, "seed of the random triage sample")
	sampleSize  = flag.Int("sample", 150, "triage a random sample of this many diagnostics when there are more")
	runs        = flag.Int("runs", 3, "run the floor and ctxlint this many times each, alternately, and report the median of each measure")
	skipFix     = flag.Bool("nofix", false, "skip the fixes-compile check")
	skipBroken  = flag.Bool("nobroken", false, "skip the broken-copy runs")
	prepareOnly = flag.Bool("prepare", false, "only download the modules and make their copies build; write no report")
	reportOnly  = flag.Bool("reportonly", false, "run nothing: write the report from every module's last saved results")
	reuse       = flag.Bool("reuse", false, "report the modules not run this time from their last saved results (marked with their commit)")
)

func main() {
	flag.Parse()
	if flag.NArg() > 0 {
		fatalf("unexpected arguments %q", flag.Args())
	}
	start := time.Now()
	all, err := readModules(*listFile)
	if err != nil {
		fatalf("%v", err)
	}
	mods, err := selectModules(all, *modulesFlag, *quick)
	if err != nil {
		fatalf("%v", err)
	}
	work, err := workDir()
	if err != nil {
		fatalf("%v", err)
	}
	env, err := newEnv(work)
	if err != nil {
		fatalf("%v", err)
	}
	defer env.cleanup()
	logf("work directory %s", work)
	if *prepareOnly {
		prepareAll(env, mods)
		return
	}
	if *reportOnly {
		mods, *reuse = nil, true
	} else if err := env.buildTools(); err != nil {
		fatalf("%v", err)
	}

	rep := &report{
		Command:  commandLine(),
		Commit:   gitCommit(),
		GoVer:    goVersion(),
		Started:  start.UTC(),
		Seed:     *seed,
		Sample:   *sampleSize,
		Quick:    *quick,
		Selected: *modulesFlag != "" || *quick || *reportOnly,
	}
	for _, m := range all {
		if !slices.Contains(mods, m) {
			if saved := env.loadResult(m); *reuse && saved != nil {
				rep.Modules = append(rep.Modules, saved)
			}
			continue
		}
		res := env.runModule(m)
		res.Commit, res.When = rep.Commit, time.Now().UTC()
		env.saveResult(res)
		rep.Modules = append(rep.Modules, res)
	}
	rep.Elapsed = time.Since(start)
	verdicts, err := readTriage(*triageFile)
	if err != nil {
		fatalf("%v", err)
	}
	rep.triage(verdicts)
	out := *outFile
	switch {
	case out != "":
	case *quick:
		out = filepath.Join(work, "quick.md")
	default:
		out = "docs/corpus.md"
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(out, []byte(rep.markdown()), 0o644); err != nil {
		fatalf("writing report: %v", err)
	}
	logf("report written to %s (%s)", out, rep.Elapsed.Round(time.Second))
	if failures := rep.failures(); len(failures) > 0 {
		for _, f := range failures {
			fmt.Fprintln(os.Stderr, "FAIL:", f)
		}
		env.cleanup()
		os.Exit(1)
	}
}

func prepareAll(e *env, mods []module) {
	failed := false
	for _, m := range mods {
		start := time.Now()
		if _, err := e.prepare(m); err != nil {
			logf("%s: %v", m, err)
			failed = true
			continue
		}
		logf("%s: ready (%s)", m, time.Since(start).Round(time.Second))
	}
	if failed {
		e.cleanup()
		os.Exit(1)
	}
}

// module is one MODULE@VERSION of the corpus.
type module struct {
	Path, Version string
}

func (m module) String() string { return m.Path + "@" + m.Version }

func readModules(file string) ([]module, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var mods []module
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		path, version, ok := strings.Cut(line, "@")
		if !ok || path == "" || version == "" {
			return nil, fmt.Errorf("%s:%d: want MODULE@VERSION, got %q", file, i+1, line)
		}
		mods = append(mods, module{path, version})
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s lists no modules", file)
	}
	return mods, nil
}

func selectModules(all []module, names string, quick bool) ([]module, error) {
	if quick {
		return all[:1], nil
	}
	if names == "" {
		return all, nil
	}
	var out []module
	for _, name := range strings.Split(names, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(all, func(m module) bool { return m.Path == name || m.String() == name })
		if i < 0 {
			return nil, fmt.Errorf("-modules: %q is not in the corpus list", name)
		}
		out = append(out, all[i])
	}
	return out, nil
}

func workDir() (string, error) {
	dir := *workFlag
	if dir == "" {
		dir = os.Getenv("CTXLINT_CORPUS_DIR")
	}
	if dir == "" {
		cache, err := output("", nil, "go", "env", "GOCACHE")
		if err != nil {
			return "", err
		}
		dir = filepath.Join(filepath.Dir(strings.TrimSpace(cache)), "ctxlint-corpus")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	return dir, os.MkdirAll(dir, 0o755)
}

func commandLine() string {
	args := []string{"scripts/corpus/run"}
	flag.Visit(func(f *flag.Flag) {
		if f.Name != "work" && f.Name != "out" { // paths of this machine stay out of the report
			args = append(args, "-"+f.Name+"="+f.Value.String())
		}
	})
	return strings.Join(args, " ")
}

func gitCommit() string {
	out, err := output("", nil, "git", "rev-parse", "--short", "HEAD")
	if err != nil {
		return "unknown"
	}
	rev := strings.TrimSpace(out)
	if st, err := output("", nil, "git", "status", "--porcelain", "--untracked-files=no"); err == nil && strings.TrimSpace(st) != "" {
		rev += " (with uncommitted changes)"
	}
	return rev
}

func goVersion() string {
	out, err := output("", nil, "go", "env", "GOVERSION")
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(out)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "corpus: "+format+"\n", args...)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "corpus: "+format+"\n", args...)
	os.Exit(2)
}
