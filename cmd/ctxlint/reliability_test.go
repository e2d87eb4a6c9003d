package main

// End-to-end tests of what ctxlint guarantees on hostile, broken and
// unusual input: -fix never loses a byte or breaks a build, and no input
// crashes ctxlint or silences its findings.

import (
	"archive/zip"
	"go/ast"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/driver"
)

// testDriverEnv makes the test binary run as ctxlint with two more
// analyzers, panicky and badfix, that misbehave on purpose, so that the
// tests can check how the driver copes with an analyzer's bugs in both
// modes (go vet runs the binary as its -vettool).
const testDriverEnv = "CTXLINT_E2E_TEST_DRIVER"

func runAsTestDriver() (int, bool) {
	if os.Getenv(testDriverEnv) != "1" {
		return 0, false
	}
	return driver.Main(append(ctxlint.Analyzers(), panicky, badFix), os.Args[1:]), true
}

// panicky panics on a package that declares Boom.
var panicky = &analysis.Analyzer{
	Name: "panicky",
	Doc:  "panics on a package declaring Boom (tests only)",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Scope().Lookup("Boom") != nil {
			panic("boom")
		}
		return nil, nil
	},
}

// badFix reports every call of a function named breakMe, with a fix that
// calls an undefined function instead: the fixed package does not
// type-check.
var badFix = &analysis.Analyzer{
	Name: "badfix",
	Doc:  "suggests a fix that does not compile (tests only)",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "breakMe" {
						pass.Report(analysis.Diagnostic{Pos: id.Pos(), End: id.End(), Message: "breakMe is called",
							SuggestedFixes: []analysis.SuggestedFix{{Message: "break it", TextEdits: []analysis.TextEdit{
								{Pos: id.Pos(), End: id.End(), NewText: []byte("undefinedName")},
							}}}})
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// testDriver returns a command running the test binary as ctxlint.
func testDriver(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), testDriverEnv+"=1")
	return cmd
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// goCmd runs the go command in dir.
func goCmd(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Env = append(append(os.Environ(), "GOFLAGS=", "GOWORK=off"), env...)
	return runCmd(t, cmd, dir)
}

// leakSrc has one discarded cancel function, which -fix names and defers.
const leakSrc = `package leak

import (
	"context"
	"time"
)

func Fetch(parent context.Context, fetch func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return fetch(ctx)
}
`

const leakFixed = `package leak

import (
	"context"
	"time"
)

func Fetch(parent context.Context, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return fetch(ctx)
}
`

// TestFixDiskFull: on a file system with no room left, -fix fails with
// one line, exit status 2, and leaves the file whole and no temporary
// file behind. The file system is a tmpfs mounted in a user namespace;
// the test is skipped where that is not allowed.
func TestFixDiskFull(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Skip("no unshare")
	}
	src, out, mnt := t.TempDir(), t.TempDir(), t.TempDir()
	// Padding makes the file 8180 bytes long, and the fix (21 bytes) makes
	// it cross a page boundary: after truncating the file in place, as
	// ctxlint used to, the first two pages fit and the rest does not.
	const size = 8180
	padding := "// " + strings.Repeat("x", 76) + "\n"
	var body strings.Builder
	for body.Len()+len(leakSrc)+len(padding) < size {
		body.WriteString(padding)
	}
	body.WriteString("//" + strings.Repeat("x", size-body.Len()-len(leakSrc)-3) + "\n")
	original := body.String() + leakSrc
	writeTree(t, src, map[string]string{"go.mod": "module example.com/full\n\ngo 1.26\n", "a.go": original})
	script := `set -e
mount -t tmpfs -o size=65536 tmpfs "$MNT"
cp "$SRC/go.mod" "$SRC/a.go" "$MNT/"
cd "$MNT"
dd if=/dev/zero of=fill bs=4096 2>/dev/null || true
set +e
"$CTXLINT" -fix ./... >"$OUT/stdout" 2>"$OUT/stderr"
echo $? >"$OUT/code"
cp a.go "$OUT/after.go"
ls -A >"$OUT/ls"
`
	cmd := exec.Command("unshare", "-rm", "sh", "-c", script)
	cmd.Env = append(os.Environ(), "MNT="+mnt, "SRC="+src, "OUT="+out, "CTXLINT="+ctxlintBin, "GOFLAGS=-mod=mod", "GOWORK=off")
	if output, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs in a user namespace: %v: %s", err, output)
	}
	r := result{stdout: readFile(t, filepath.Join(out, "stdout")), stderr: readFile(t, filepath.Join(out, "stderr"))}
	r.code, _ = strconv.Atoi(strings.TrimSpace(readFile(t, filepath.Join(out, "code"))))
	if r.code != 2 || r.stderr != "ctxlint: -fix: writing a.go: no space left on device; no file was changed\n" || !strings.HasSuffix(r.stdout, ": lostcancel2: "+leakMsg+"\n") {
		t.Errorf("-fix on a full disk: want exit status 2, one line and the finding unfixed, got %v", r)
	}
	if after := readFile(t, filepath.Join(out, "after.go")); after != original {
		t.Errorf("a.go changed: %d bytes, was %d", len(after), len(original))
	}
	if ls := readFile(t, filepath.Join(out, "ls")); ls != "a.go\nfill\ngo.mod\n" {
		t.Errorf("files left in the module:\n%s", ls)
	}
}

// TestFixRestoresOnFailedRename: when a later file cannot be replaced
// (it is immutable), the files already replaced get their content back;
// one line says so and the exit status is 2. Skipped where chattr +i is
// not permitted.
func TestFixRestoresOnFailedRename(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":    "module example.com/immutable\n\ngo 1.26\n",
		"a/leak.go": leakSrc,
		"b/leak.go": leakSrc,
	})
	locked := filepath.Join(dir, "b", "leak.go")
	if out, err := exec.Command("chattr", "+i", locked).CombinedOutput(); err != nil {
		t.Skipf("cannot make a file immutable: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", locked).Run() })
	r := run(t, dir, "-fix", "./...")
	if r.code != 2 || r.stderr != "ctxlint: -fix: replacing b/leak.go: operation not permitted; the file already replaced has its original content back\n" {
		t.Errorf("want exit status 2 and the restore reported, got %v", r)
	}
	for _, f := range []string{"a/leak.go", "b/leak.go"} {
		if got := readFile(t, filepath.Join(dir, f)); got != leakSrc {
			t.Errorf("%s changed:\n%s", f, got)
		}
	}
	for _, d := range []string{"a", "b"} {
		entries, _ := os.ReadDir(filepath.Join(dir, d))
		if len(entries) != 1 {
			t.Errorf("%s: temporary files left: %v", d, entries)
		}
	}
}

// TestFixKeepsMode: the rewritten file keeps its permissions.
func TestFixKeepsMode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"go.mod": "module example.com/mode\n\ngo 1.26\n", "leak.go": leakSrc})
	path := filepath.Join(dir, "leak.go")
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if r := run(t, dir, "-fix", "."); r.code != 0 {
		t.Fatalf("-fix: %v", r)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o640 || readFile(t, path) != leakFixed {
		t.Errorf("after -fix: mode %v (%v), content:\n%s", info.Mode(), err, readFile(t, path))
	}
}

// TestFixTwoProducersCompiles: two producers called as statements in one
// function get cancel and cancel2; the fixed package builds.
func TestFixTwoProducersCompiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/two\n\ngo 1.26\n",
		"two.go": `package two

import (
	"context"
	"time"
)

func Two(ctx context.Context) {
	context.WithCancel(ctx)
	context.WithTimeout(ctx, time.Second)
}
`,
	})
	if r := run(t, dir, "-fix", "./..."); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("-fix: want everything fixed, got %v", r)
	}
	want := `package two

import (
	"context"
	"time"
)

func Two(ctx context.Context) {
	_, cancel := context.WithCancel(ctx)
	defer cancel()
	_, cancel2 := context.WithTimeout(ctx, time.Second)
	defer cancel2()
}
`
	if got := readFile(t, filepath.Join(dir, "two.go")); got != want {
		t.Errorf("fixed file:\n%s\nwant:\n%s", got, want)
	}
	if r := goCmd(t, dir, nil, "build", "./..."); r.code != 0 {
		t.Errorf("the fixed package does not build: %v", r)
	}
}

// TestFixRefusesWhatDoesNotTypeCheck: a package whose fixed form has a
// type error keeps all its findings unfixed (its file is not touched, the
// patch of -diff leaves it out), one line says why, the exit status is 2;
// another package's fixes are applied.
func TestFixRefusesWhatDoesNotTypeCheck(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"go.mod":       "module example.com/tc\n\ngo 1.26\n",
		"good/leak.go": leakSrc,
		"bad/bad.go": `package bad

import (
	"context"
	"time"
)

func breakMe() {}

func Fetch(parent context.Context, fetch func(context.Context) error) error {
	breakMe()
	ctx, _ := context.WithTimeout(parent, time.Second)
	return fetch(ctx)
}
`,
	}
	const refusal = "ctxlint: -fix: not fixing package example.com/tc/bad: its fixed code does not compile (bad/bad.go:11:2: undefined: undefinedName); its findings are reported unfixed\n"
	dir := t.TempDir()
	writeTree(t, dir, files)
	r := runCmd(t, testDriver(t, "-diff", "./..."), dir)
	if r.code != 2 || r.stderr != refusal+"bad/bad.go:11:2: badfix: breakMe is called\n"+
		"bad/bad.go:12:7: lostcancel2: "+leakMsg+"\n" || strings.Contains(r.stdout, "bad.go") || !strings.Contains(r.stdout, "+++ b/good/leak.go") {
		t.Errorf("-diff: want only good's fix in the patch, bad's findings and the refusal on stderr, got %v", r)
	}
	r = runCmd(t, testDriver(t, "-fix", "./..."), dir)
	wantOut := "bad/bad.go:11:2: badfix: breakMe is called\nbad/bad.go:12:7: lostcancel2: " + leakMsg + "\n"
	if r.code != 2 || r.stderr != refusal || r.stdout != wantOut {
		t.Errorf("-fix: want exit status 2, the refusal and bad's findings, got %v", r)
	}
	if got := readFile(t, filepath.Join(dir, "bad", "bad.go")); got != files["bad/bad.go"] {
		t.Errorf("bad.go changed:\n%s", got)
	}
	if got := readFile(t, filepath.Join(dir, "good", "leak.go")); got != leakFixed {
		t.Errorf("good/leak.go not fixed:\n%s", got)
	}
}

// lineDirectiveFiles are a goyacc-style generated parser and a template
// expansion, both with //line directives naming lines their .go file
// does not have.
var lineDirectiveFiles = map[string]string{
	"go.mod": "module example.com/lines\n\ngo 1.26\n",
	"yacc/y.go": `// Code generated by goyacc -o y.go parser.y. DO NOT EDIT.

//line parser.y:2
package yacc

import "context"

//line parser.y:100
func Parse(ctx context.Context) {
	context.WithCancel(ctx)
}
`,
	"tmpl/render.go": `package tmpl

import "context"

//line render.tmpl:100
func Render(ctx context.Context) {
	context.WithCancel(ctx)
}
`,
}

// TestLineDirectives: //line directives do not crash the fix builder, in
// either mode. The generated parser is silent; the template's finding is
// reported where its directive says (as go vet does) and fixed at the
// .go file's real offsets.
func TestLineDirectives(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, lineDirectiveFiles)
	const msg = "the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak"
	r := run(t, dir, "./...")
	if r.code != 1 || r.stdout != "tmpl/render.tmpl:101: lostcancel2: "+msg+"\n" || r.stderr != "" {
		t.Errorf("standalone: want the template's finding only, got %v", r)
	}
	vet := exec.Command("go", "vet", "-vettool="+ctxlintBin, "./...")
	vet.Env = append(os.Environ(), "GOFLAGS=")
	r = runCmd(t, vet, dir)
	if !strings.Contains(r.stderr, "render.tmpl:101: "+msg) || strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "yacc") {
		t.Errorf("go vet -vettool: want the template's finding and no panic, got %v", r)
	}
	r = run(t, dir, "-fix", "./...")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("-fix: want everything fixed, got %v", r)
	}
	want := strings.Replace(lineDirectiveFiles["tmpl/render.go"], "\tcontext.WithCancel(ctx)\n", "\t_, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n", 1)
	if got := readFile(t, filepath.Join(dir, "tmpl", "render.go")); got != want {
		t.Errorf("render.go:\n%s\nwant:\n%s", got, want)
	}
	if got := readFile(t, filepath.Join(dir, "yacc", "y.go")); got != lineDirectiveFiles["yacc/y.go"] {
		t.Errorf("the generated file changed:\n%s", got)
	}
}

// TestPanicUnderVet: an analyzer's panic under go vet -vettool is one
// line naming the analyzer and the package, as standalone, with no
// goroutine dump; the tool exits 2 (standalone too).
func TestPanicUnderVet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":       "module example.com/boom\n\ngo 1.26\n",
		"boom/boom.go": "package boom\n\nfunc Boom() {}\n",
	})
	const want = "ctxlint: analyzer panicky failed on package example.com/boom/boom: panic: boom"
	if r := runCmd(t, testDriver(t, "./..."), dir); r.code != 2 || r.stderr != want+"\n" {
		t.Errorf("standalone: want exit status 2 and one line %q, got %v", want, r)
	}

	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	vet := exec.Command("go", "vet", "-vettool="+self, "./...")
	vet.Env = append(os.Environ(), testDriverEnv+"=1", "GOFLAGS=")
	r := runCmd(t, vet, dir)
	if r.code == 0 || strings.Count(r.stderr, want+"\n") != 1 || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("go vet -vettool: want one line %q and no goroutine dump, got %v", want, r)
	}
}

// TestCgo: a finding in a file that imports "C" is reported at the user's
// file, standalone and under go vet; -fix edits the user's file and not
// the copy cgo wrote to the build cache, and refuses a fix on a line cgo
// rewrote.
func TestCgo(t *testing.T) {
	t.Parallel()
	if r := goCmd(t, t.TempDir(), nil, "env", "CGO_ENABLED"); strings.TrimSpace(r.stdout) != "1" {
		t.Skip("cgo is disabled")
	}
	dir := t.TempDir()
	const src = `package cg

// #include <stdlib.h>
import "C"

import (
	"context"
	"time"
)

func Free(ctx context.Context) {
	C.free(nil)
	context.WithCancel(ctx)
}

func Sized(parent context.Context, fetch func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Duration(C.int(1)))
	return fetch(ctx)
}
`
	writeTree(t, dir, map[string]string{"go.mod": "module example.com/cg\n\ngo 1.26\n", "cg.go": src})
	const (
		freeMsg  = "the cancel function returned by context.WithCancel should be called, not discarded, to avoid a context leak"
		freeLine = "cg.go:13:2: lostcancel2: " + freeMsg + "\n"
		sizeLine = "cg.go:17:7: lostcancel2: " + leakMsg + "\n"
	)
	r := run(t, dir, "./...")
	if r.code != 1 || r.stdout != freeLine+sizeLine {
		t.Errorf("standalone: want both findings at cg.go, got %v", r)
	}
	vet := exec.Command("go", "vet", "-vettool="+ctxlintBin, "./...")
	vet.Env = append(os.Environ(), "GOFLAGS=")
	r = runCmd(t, vet, dir)
	if !strings.Contains(r.stderr, "cg.go:13:2: "+freeMsg) || !strings.Contains(r.stderr, "cg.go:17:7: "+leakMsg) {
		t.Errorf("go vet -vettool: want both findings at cg.go, got %v", r)
	}

	compiled := strings.Fields(goCmd(t, dir, nil, "list", "-compiled", "-f", `{{join .CompiledGoFiles " "}}`, ".").stdout)
	copies := make(map[string]string)
	for _, f := range compiled {
		copies[f] = readFile(t, f)
	}
	r = run(t, dir, "-fix", "./...")
	if r.code != 1 || r.stdout != "cg.go:18:7: lostcancel2: "+leakMsg+"\n" ||
		r.stderr != "ctxlint: -fix: "+strings.TrimSuffix(sizeLine, "\n")+": not applying its fix: it edits a line that cgo rewrote; the finding is reported unfixed\n" {
		t.Errorf("-fix: want Free fixed and Sized reported, got %v", r)
	}
	want := strings.Replace(src, "\tcontext.WithCancel(ctx)\n", "\t_, cancel := context.WithCancel(ctx)\n\tdefer cancel()\n", 1)
	if got := readFile(t, filepath.Join(dir, "cg.go")); got != want {
		t.Errorf("cg.go:\n%s\nwant:\n%s", got, want)
	}
	for f, before := range copies {
		if readFile(t, f) != before {
			t.Errorf("-fix changed cgo's copy %s", f)
		}
	}
	if r := goCmd(t, dir, nil, "build", "./..."); r.code != 0 {
		t.Errorf("the fixed package does not build: %v", r)
	}
}

// dependencyModule serves example.com/dep v1.0.0, which has a finding
// with a fix, from a file:// module proxy, and returns the environment
// that uses it with its own module cache, and that cache.
func dependencyModule(t *testing.T) ([]string, string) {
	t.Helper()
	proxy, cache := t.TempDir(), t.TempDir()
	v := filepath.Join(proxy, "example.com", "dep", "@v")
	writeTree(t, v, map[string]string{
		"list":        "v1.0.0\n",
		"v1.0.0.info": `{"Version":"v1.0.0"}`,
		"v1.0.0.mod":  "module example.com/dep\n\ngo 1.26\n",
	})
	zf, err := os.Create(filepath.Join(v, "v1.0.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for name, content := range map[string]string{"go.mod": "module example.com/dep\n\ngo 1.26\n", "leak.go": strings.Replace(leakSrc, "package leak", "package dep", 1)} {
		w, err := zw.Create("example.com/dep@v1.0.0/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	env := []string{"GOPROXY=file://" + filepath.ToSlash(proxy), "GOMODCACHE=" + cache, "GOSUMDB=off", "GOWORK=off", "GOFLAGS=-mod=mod"}
	t.Cleanup(func() { goCmd(t, proxy, env, "clean", "-modcache") })
	return env, cache
}

// TestFixOnlyMainModule: a pattern naming a package of the module cache
// or of vendor/ reports its findings but changes none of its files, and
// says which were skipped and why.
func TestFixOnlyMainModule(t *testing.T) {
	t.Parallel()
	env, cache := dependencyModule(t)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod":  "module example.com/app\n\ngo 1.26\n\nrequire example.com/dep v1.0.0\n",
		"main.go": "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n",
	})
	if r := goCmd(t, dir, env, "mod", "tidy"); r.code != 0 {
		t.Fatalf("go mod tidy: %v", r)
	}
	cached := filepath.Join(cache, "example.com", "dep@v1.0.0", "leak.go")
	before := readFile(t, cached)

	cmd := exec.Command(ctxlintBin, "-fix", "example.com/dep")
	cmd.Env = append(os.Environ(), env...)
	r := runCmd(t, cmd, dir)
	wantErr := "ctxlint: -fix: not changing " + cached + ": it belongs to example.com/dep@v1.0.0, not to the main module; its findings are reported unfixed\n"
	if r.code != 1 || !strings.HasSuffix(r.stdout, "leak.go:9:7: lostcancel2: "+leakMsg+"\n") || r.stderr != wantErr {
		t.Errorf("-fix on the module cache: want the finding reported, not fixed, got %v", r)
	}
	if readFile(t, cached) != before {
		t.Errorf("-fix changed the module cache")
	}
	if r := goCmd(t, dir, env, "mod", "verify"); r.code != 0 {
		t.Errorf("go mod verify: %v", r)
	}

	if r := goCmd(t, dir, env, "mod", "vendor"); r.code != 0 {
		t.Fatalf("go mod vendor: %v", r)
	}
	cmd = exec.Command(ctxlintBin, "-fix", "example.com/dep")
	cmd.Env = append(os.Environ(), append(env, "GOFLAGS=-mod=vendor")...)
	r = runCmd(t, cmd, dir)
	vendored := filepath.Join("vendor", "example.com", "dep", "leak.go")
	if r.code != 1 || r.stdout != vendored+":9:7: lostcancel2: "+leakMsg+"\n" || !strings.Contains(r.stderr, "not changing "+vendored+": ") {
		t.Errorf("-fix on vendor/: want the finding reported, not fixed, got %v", r)
	}
	if got := readFile(t, filepath.Join(dir, vendored)); got != before {
		t.Errorf("-fix changed the vendored file:\n%s", got)
	}
}

// bgSrc starts a goroutine whose dial can never time out.
const bgSrc = `package main

import (
	"context"
	"net"
)

func dial(d *net.Dialer) {
	go d.DialContext(context.Background(), "tcp", "example.com:80")
}

func main() {}
`

const bgLine = "a.go:9:19: bgtimeout: goroutine runs d.DialContext with context.Background(), which never expires; give it a deadline with context.WithTimeout\n"

// TestBgtimeoutWithoutModule: bgtimeout runs on files named on the
// command line and in GOPATH mode, which have no module and used to be
// taken for the standard library.
func TestBgtimeoutWithoutModule(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"go.mod": "module example.com/bg\n\ngo 1.26\n", "a.go": bgSrc})
	if r := run(t, dir, "-bgtimeout", "a.go"); r.code != 1 || r.stdout != bgLine {
		t.Errorf("ctxlint a.go: want the finding, got %v", r)
	}
	gopath := t.TempDir()
	pkg := filepath.Join(gopath, "src", "myproj")
	writeTree(t, pkg, map[string]string{"a.go": bgSrc})
	cmd := exec.Command(ctxlintBin, "-bgtimeout", ".")
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS=")
	if r := runCmd(t, cmd, pkg); r.code != 1 || r.stdout != bgLine {
		t.Errorf("GOPATH mode: want the finding, got %v", r)
	}
}

// TestFixPositions: the findings printed after -fix carry the positions
// (and with -c, the lines) of the fixed files, the same as the next run:
// the fix adds a line above the unfixable bgtimeout finding, at line 15
// before.
func TestFixPositions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const src = `package main

import (
	"context"
	"net"
	"time"
)

func fetch(parent context.Context, do func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return do(ctx)
}

func dial(d *net.Dialer) {
	go d.DialContext(context.Background(), "tcp", "example.com:80")
}

func main() {}
`
	writeTree(t, dir, map[string]string{"go.mod": "module example.com/pos\n\ngo 1.26\n", "a.go": src})
	fixed := run(t, dir, "-fix", "-c=1", ".")
	again := run(t, dir, "-c=1", ".")
	if fixed.code != 1 || again.code != 1 || fixed.stdout != again.stdout || fixed.stdout != "a.go:16:19: bgtimeout: goroutine runs d.DialContext with context.Background(), which never expires; give it a deadline with context.WithTimeout\n"+
		"15\tfunc dial(d *net.Dialer) {\n16\t\tgo d.DialContext(context.Background(), \"tcp\", \"example.com:80\")\n17\t}\n" {
		t.Errorf("after -fix:\n%v\nthe next run:\n%v", fixed, again)
	}
}

// TestContextBounded: a huge -c prints the whole file once, without
// running for ever or overflowing.
func TestContextBounded(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "basic")
	var want strings.Builder
	want.WriteString(leakLine)
	for i, line := range strings.Split(strings.TrimSuffix(readFile(t, filepath.Join(dir, "leak", "leak.go")), "\n"), "\n") {
		want.WriteString(strconv.Itoa(i+1) + "\t" + line + "\n")
	}
	for _, n := range []int{1000000000, math.MaxInt} {
		r := run(t, dir, "-c="+strconv.Itoa(n), "-test=false", "./leak")
		if r.code != 1 || r.stdout != want.String() {
			t.Errorf("-c=%d: want the whole file as context, got %v", n, r)
		}
	}
}
