//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// env holds the work directory layout and the environment every corpus
// command runs with.
type env struct {
	work    string // root of the work directory
	bin     string // built ctxlint and floor binaries
	ctxlint string
	floor   string
	vars    []string // environment for go commands run inside module copies
}

func newEnv(work string) (*env, error) {
	// Each run builds its own binaries: runs sharing the work directory
	// may measure different checkouts.
	bin, err := os.MkdirTemp(work, "bin-")
	if err != nil {
		return nil, err
	}
	e := &env{work: work, bin: bin}
	e.ctxlint = filepath.Join(e.bin, "ctxlint")
	e.floor = filepath.Join(e.bin, "floor")
	goflags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -mod=mod")
	e.vars = append(os.Environ(),
		"GOTOOLCHAIN=local", // some corpus go.mod files name a newer toolchain
		"GOWORK=off",
		"GOFLAGS="+goflags,
		// ctxlint's measured runs analyze; the result cache is checked
		// and timed apart (cache.go).
		"CTXLINT_CACHE=off",
	)
	return e, nil
}

// cleanup removes the run's binaries.
func (e *env) cleanup() { os.RemoveAll(e.bin) }

// buildTools builds ctxlint and the floor from this checkout.
func (e *env) buildTools() error {
	for _, t := range []struct{ out, pkg string }{
		{e.ctxlint, "./cmd/ctxlint"},
		{e.floor, "./scripts/corpus/floor"},
	} {
		if out, err := output("", nil, "go", "build", "-o", t.out, t.pkg); err != nil {
			return fmt.Errorf("building %s: %v\n%s", t.pkg, err, out)
		}
	}
	return nil
}

// run is one measured command.
type run struct {
	Wall   time.Duration
	CPU    time.Duration // user+system, the command and its waited-for children
	MaxRSS int64         // bytes, the largest single process
	Exit   int           // -1 when the command could not be started
	Stdout []byte        `json:"-"`
	Stderr []byte        `json:"-"`
}

// measure runs name args in dir and records its wall time, CPU time and
// peak resident memory from the kernel's accounting of the process tree.
func (e *env) measure(dir string, name string, args ...string) run {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = e.vars
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{Wall: time.Since(start), Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		r.Exit = exitErr.ExitCode()
	default:
		r.Exit = -1
		r.Stderr = append(r.Stderr, err.Error()...)
		return r
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return r
}

// ctxlintArgs are the arguments of the measured ctxlint run: the
// checker, today's uncached driver, which the result cache and the
// incremental engine are compared with (outputArgs after their own
// -engine).
var (
	ctxlintArgs = append(append([]string{}, checkerArgs...), outputArgs...)
	checkerArgs = []string{"-engine=checker"}
	outputArgs  = []string{"-json", "-show-ignored", "./..."}
)

// measurePair runs the floor and ctxlint n times each, alternating them
// so that a burst of load on this shared machine hits both alike, and
// returns for each the median of every measure (wall, CPU and peak memory
// taken separately) with the output of its first run. A run whose output
// or exit status differs from the first is reported as an internal error
// of that command: the output must not depend on scheduling.
func (e *env) measurePair(dir string, n int) (floor, ctxlint run) {
	var floors, ctxlints []run
	for range max(n, 1) {
		floors = append(floors, e.measure(dir, e.floor, "-json", "./..."))
		ctxlints = append(ctxlints, e.measure(dir, e.ctxlint, ctxlintArgs...))
	}
	return median(floors), median(ctxlints)
}

// median returns runs[0] with its wall time, CPU time and peak memory
// replaced by the medians over runs; if any run's exit status or stdout
// (its lines in any order: diagnostics of one package may come in any
// order) differs from the first, the result's exit status is -1 and its
// stderr says so.
func median(runs []run) run {
	r := runs[0]
	for _, o := range runs[1:] {
		if o.Exit != r.Exit || !sameLines(o.Stdout, r.Stdout) {
			r.Exit = -1
			r.Stderr = append(r.Stderr, fmt.Sprintf("\nnondeterministic: a repeated run exited %d with %d bytes of output, the first %d with %d",
				o.Exit, len(o.Stdout), runs[0].Exit, len(runs[0].Stdout))...)
		}
	}
	pick := func(get func(run) int64) int64 {
		vals := make([]int64, len(runs))
		for i, o := range runs {
			vals[i] = get(o)
		}
		slices.Sort(vals)
		return vals[len(vals)/2]
	}
	r.Wall = time.Duration(pick(func(o run) int64 { return int64(o.Wall) }))
	r.CPU = time.Duration(pick(func(o run) int64 { return int64(o.CPU) }))
	r.MaxRSS = pick(func(o run) int64 { return o.MaxRSS })
	return r
}

func sameLines(a, b []byte) bool {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	slices.SortFunc(la, bytes.Compare)
	slices.SortFunc(lb, bytes.Compare)
	return slices.EqualFunc(la, lb, bytes.Equal)
}

// goCmd runs a go command inside a module copy and returns its combined
// output, with an error naming the command when it fails.
func (e *env) goCmd(dir string, args ...string) (string, error) {
	return output(dir, e.vars, "go", args...)
}

func output(dir string, vars []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = vars
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out), nil
}

// firstLines returns at most n lines of s, for reports.
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
