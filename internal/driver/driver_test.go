package driver

import (
	"go/ast"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// tinyModule writes a module with one package and makes it the working
// directory.
func tinyModule(t *testing.T, src string) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/tiny\n\ngo 1.26\n")
	if err := os.Mkdir(filepath.Join(dir, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "p", "p.go"), src)
	t.Chdir(dir)
}

func runDriver(analyzers []*analysis.Analyzer, args ...string) (code int, stdout, stderr string) {
	var out, errOut strings.Builder
	code = run(analyzers, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestAnalyzerPanic turns a panic into an error naming the analyzer and
// the package, with exit status 2 and no stack trace.
func TestAnalyzerPanic(t *testing.T) {
	tinyModule(t, "package p\n\nfunc F() {}\n")
	boom := &analysis.Analyzer{Name: "boom", Doc: "boom panics.", Run: func(*analysis.Pass) (any, error) {
		var m map[string]int
		m["x"]++
		return nil, nil
	}}
	code, stdout, stderr := runDriver([]*analysis.Analyzer{boom}, "./...")
	if code != exitError {
		t.Errorf("exit status %d, want %d", code, exitError)
	}
	want := "ctxlint: analyzer boom failed on package example.com/tiny/p: panic: assignment to entry in nil map\n"
	if stderr != want || stdout != "" {
		t.Errorf("stdout %q, stderr %q; want stderr %q", stdout, stderr, want)
	}
}

// TestTextOutputAndSuppression runs a reporting analyzer: one finding is
// printed, one is suppressed, and -show-ignored lists the latter.
func TestTextOutputAndSuppression(t *testing.T) {
	tinyModule(t, `package p

func F() {}

func G() {} //nolint:funcs // reason
`)
	funcs := &analysis.Analyzer{Name: "funcs", Doc: "funcs reports functions.", Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					pass.Reportf(fd.Name.Pos(), "function %s", fd.Name.Name)
				}
			}
		}
		return nil, nil
	}}
	code, stdout, stderr := runDriver([]*analysis.Analyzer{funcs}, "-show-ignored", "./...")
	if code != exitDiagnostics {
		t.Errorf("exit status %d, want %d", code, exitDiagnostics)
	}
	if want := "p/p.go:3:6: funcs: function F\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	if want := "p/p.go:5:6: funcs: function G (ignored: //nolint:funcs // reason)\n"; stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}

	if code, _, _ := runDriver([]*analysis.Analyzer{funcs}, "-exit-zero", "./..."); code != exitClean {
		t.Errorf("-exit-zero: exit status %d, want 0", code)
	}
}

// TestTestVariantReplacesPackage checks that, as in go vet, a package with
// internal tests is analyzed once, as its test variant holding all of its
// files, next to its external test package; -test=false analyzes the
// package alone.
func TestTestVariantReplacesPackage(t *testing.T) {
	tinyModule(t, "package p\n\nfunc F() {}\n")
	writeFile(t, filepath.Join("p", "p_test.go"), "package p\n\nfunc helper() {}\n")
	writeFile(t, filepath.Join("p", "x_test.go"), "package p_test\n")
	var mu sync.Mutex
	var got []string
	record := &analysis.Analyzer{Name: "record", Doc: "record lists the packages it sees.", Run: func(pass *analysis.Pass) (any, error) {
		var files []string
		for _, f := range pass.Files {
			files = append(files, filepath.Base(pass.Fset.File(f.FileStart).Name()))
		}
		mu.Lock()
		defer mu.Unlock()
		got = append(got, pass.Pkg.Path()+": "+strings.Join(files, " "))
		return nil, nil
	}}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"./..."}, []string{"example.com/tiny/p: p.go p_test.go", "example.com/tiny/p_test: x_test.go"}},
		{[]string{"-test=false", "./..."}, []string{"example.com/tiny/p: p.go"}},
	} {
		got = nil
		if code, stdout, stderr := runDriver([]*analysis.Analyzer{record}, tc.args...); code != exitClean {
			t.Fatalf("%v: exit status %d, stdout %q, stderr %q", tc.args, code, stdout, stderr)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v: analyzed %q, want %q", tc.args, got, tc.want)
		}
	}
}
