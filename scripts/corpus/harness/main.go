//go:build unix

// Command harness runs ctxlint over a pinned corpus of real modules and
// writes a Markdown report: per module, its size, ctxlint's diagnostics per
// analyzer, wall time, CPU time and peak memory against two baselines (a
// load-and-type-check-only floor and go vet -lostcancel), the vet-superset
// check, the fixes-compile check, runs on deliberately broken copies, and
// the triage of the diagnostics.
//
// The module list has three groups (see list.go): the tuning group,
// reported in full, and two blind groups, measured but never used to guide
// a change, whose parts of the report give aggregate numbers only: the
// validation group, and the holdout group, never run before the change it
// measures. -group runs one group and rewrites only its part of the report.
//
// It is run through scripts/corpus/run from the repository root; it exits
// non-zero when ctxlint panics or fails internally, misses a go vet
// lostcancel position, or produces a fix that breaks the build. The report
// is written either way.
package main

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var (
	modulesFlag = flag.String("modules", "", "comma-separated module paths to run (default: all of -list, or of -group)")
	groupFlag   = flag.String("group", "", "run only the modules of this group of -list: tuning, validation or holdout (default: all); the other groups' parts of the report are kept as they are")
	quick       = flag.Bool("quick", false, "run only the first module of the tuning group (golang.org/x/sync), as CI does")
	listFile    = flag.String("list", "scripts/corpus/modules.txt", "file listing the groups and their MODULE@VERSION, one a line")
	triageFile  = flag.String("triage", "scripts/corpus/triage.txt", "file of the tuning group's triage verdicts merged into the report")
	blindTriage = flag.String("triage-blind", "scripts/corpus/triage-GROUP.txt", "file of a blind group's triage verdicts (counted, never listed, in the report), GROUP standing for the group's name")
	snapFile    = flag.String("snapshots", "scripts/corpus/snapshots.txt", "file of recorded precision figures (see -snapshot)")
	snapLabel   = flag.String("snapshot", "", "record each reported group's precision figures under this label in -snapshots (replacing an entry of the same label), so later reports show them beside their own")
	outFile     = flag.String("out", "", "Markdown report to write (default docs/corpus.md; with -quick, quick.md in the work directory, so CI leaves the committed report alone)")
	workFlag    = flag.String("work", "", "writable work directory (default $CTXLINT_CORPUS_DIR, else ctxlint-corpus beside the Go build cache)")
	seed        = flag.Uint64("seed", 1, "seed of the random triage sample")
	sampleSize  = flag.Int("sample", 150, "triage a random sample of this many diagnostics of a group when it has more")
	runs        = flag.Int("runs", 3, "run the floor and ctxlint this many times each, alternately, and report the median of each measure")
	noTiming    = flag.Bool("notiming", false, "run ctxlint once and the floor not at all: no timing or memory figures (the blind groups' reports have none, so they need no timing)")
	skipFix     = flag.Bool("nofix", false, "skip the fixes-compile check")
	skipBroken  = flag.Bool("nobroken", false, "skip the broken-copy runs")
	prepareOnly = flag.Bool("prepare", false, "only download the modules and make their copies build; write no report")
	reportOnly  = flag.Bool("reportonly", false, "run nothing: write the report of the selected modules' groups from every module's last saved results")
	reuse       = flag.Bool("reuse", false, "report the modules of a run group not run this time from their last saved results (marked with their commit)")
)

func main() {
	flag.Parse()
	if flag.NArg() > 0 {
		fatalf("unexpected arguments %q", flag.Args())
	}
	start := time.Now()
	list, err := readModules(*listFile)
	if err != nil {
		fatalf("%v", err)
	}
	mods, err := selectModules(list.Modules, *modulesFlag, *groupFlag, *quick)
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
	execute := mods
	// The commit the tools are built from is what every module of the
	// run measures, whatever is committed while the run goes on.
	built := gitCommit()
	if *reportOnly {
		execute, *reuse = nil, true
	} else if err := env.buildTools(); err != nil {
		fatalf("%v", err)
	}

	// A group is reported when one of its modules was selected; the part
	// of the report of any other group is kept from the existing report.
	var results []*moduleResult
	for _, m := range list.Modules {
		if !slices.Contains(execute, m) {
			if saved := env.loadResult(m); *reuse && saved != nil && inGroups(mods, m.Group) {
				results = append(results, saved)
			}
			continue
		}
		t0 := time.Now()
		res := env.runModule(m)
		res.Commit, res.When, res.Took, res.Command = built, time.Now().UTC(), time.Since(t0), commandLine()
		env.saveResult(res)
		results = append(results, res)
	}
	verdicts, err := readTriage(*triageFile)
	if err != nil {
		fatalf("%v", err)
	}
	for _, g := range blindGroups {
		blind, err := readTriage(blindTriageFile(g))
		if err != nil {
			fatalf("%v", err)
		}
		maps.Copy(verdicts, blind) // keys name the module, of one group only
	}
	snaps, err := readSnapshots(*snapFile)
	if err != nil {
		fatalf("%v", err)
	}
	reports := map[string]*report{}
	for _, g := range groups {
		if !inGroups(mods, g) {
			continue
		}
		rep := &report{
			Group:   g,
			Command: commandLine(),
			Commit:  gitCommit(),
			GoVer:   goVersion(),
			Started: start.UTC(),
			Seed:    *seed,
			Sample:  *sampleSize,
			Quick:   *quick,
		}
		for _, m := range list.Modules {
			if m.Group != g {
				continue
			}
			if i := slices.IndexFunc(results, func(r *moduleResult) bool { return r.Mod == m }); i >= 0 {
				rep.Modules = append(rep.Modules, results[i])
			} else {
				rep.Missing = append(rep.Missing, m)
			}
		}
		for _, d := range list.Dropped {
			if d.Mod.Group == g {
				rep.Dropped = append(rep.Dropped, d)
			}
		}
		rep.triage(verdicts)
		if *snapLabel != "" {
			snaps = snaps.record(g, *snapLabel, rep)
		}
		rep.Snapshots = snaps.of(g)
		reports[g] = rep
	}
	if *snapLabel != "" {
		if err := os.WriteFile(*snapFile, []byte(snaps.format()), 0o644); err != nil {
			fatalf("writing snapshots: %v", err)
		}
		logf("snapshot %q recorded in %s", *snapLabel, *snapFile)
	}
	out := *outFile
	switch {
	case out != "":
	case *quick:
		out = filepath.Join(work, "quick.md")
	default:
		out = "docs/corpus.md"
	}
	old, _ := os.ReadFile(out) // a missing report keeps nothing
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(out, []byte(document(reports, string(old))), 0o644); err != nil {
		fatalf("writing report: %v", err)
	}
	logf("report written to %s (%s)", out, time.Since(start).Round(time.Second))
	if err := writeBlindListings(work, reports); err != nil {
		fatalf("%v", err)
	}
	failed := false
	for _, g := range groups {
		if rep := reports[g]; rep != nil {
			for _, f := range rep.failureLines() {
				fmt.Fprintln(os.Stderr, "FAIL:", f)
				failed = true
			}
		}
	}
	if failed {
		env.cleanup()
		os.Exit(1)
	}
}

// writeBlindListings writes, for each blind group reported, its full
// listing and its untriaged findings, ready to be given a verdict, into
// the work directory: a blind group's findings stay out of the repository.
func writeBlindListings(work string, reports map[string]*report) error {
	for _, g := range blindGroups {
		rep := reports[g]
		if rep == nil {
			continue
		}
		full := filepath.Join(work, g+".md")
		untriaged := filepath.Join(work, g+"-untriaged.txt")
		if err := os.WriteFile(full, []byte(rep.fullMarkdown()), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(untriaged, []byte(rep.untriagedLines()), 0o644); err != nil {
			return err
		}
		logf("%s group: full listing in %s, untriaged findings in %s", g, full, untriaged)
	}
	return nil
}

// blindTriageFile is the triage file of the blind group g.
func blindTriageFile(g string) string {
	return strings.ReplaceAll(*blindTriage, "GROUP", g)
}

// inGroups reports whether one of mods is in group g.
func inGroups(mods []module, g string) bool {
	return slices.ContainsFunc(mods, func(m module) bool { return m.Group == g })
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
	flag.Visit(func(f *flag.Flag) { args = append(args, commandArg(f.Name, f.Value.String())...) })
	return strings.Join(args, " ")
}

// commandArg spells one flag of the command line for the report: the work
// directory and the output are left out and any other absolute path is
// elided, so that no path of the machine running the corpus reaches it; a
// value with spaces is quoted for the shell.
func commandArg(name, value string) []string {
	switch {
	case name == "work" || name == "out":
		return nil
	case filepath.IsAbs(value):
		value = "PATH"
	case strings.ContainsAny(value, " \t'\"$()"):
		value = "'" + strings.ReplaceAll(value, "'", `'\''`) + "'"
	}
	return []string{"-" + name + "=" + value}
}

func gitCommit() string {
	out, err := output("", nil, "git", "rev-parse", "--short", "HEAD")
	if err != nil {
		return "unknown"
	}
	rev := strings.TrimSpace(out)
	// Changes to the report and to the corpus's data files (list, triage,
	// snapshots) change nothing that is measured.
	if st, err := output("", nil, "git", "status", "--porcelain", "--untracked-files=no", "--",
		".", ":(exclude)docs/*.md", ":(exclude)scripts/corpus/*.txt"); err == nil && strings.TrimSpace(st) != "" {
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
