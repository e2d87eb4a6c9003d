package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"hash"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A package's cache key covers everything its findings depend on:
//
//   - the run: ctxlint's executable (its SHA-256), the go command's
//     version and build configuration (go env), the build flags, -test,
//     the analyzers enabled and every analyzer flag's value;
//   - the package: its import path, name, directory, module and the
//     names of its files, and, unless it is in the standard library or
//     the read-only module cache (where module@version or the Go
//     version fixes them), its files' contents;
//   - the keys of the packages it imports, so a change anywhere below it
//     (which may change the facts it sees) changes its key.
//
// The package list comes from one go list invocation, without -export
// or -compiled: that is what a fully cached run costs besides hashing the
// main module's files (see docs/performance.md).

// listedPackage holds the go list fields the keys need.
type listedPackage struct {
	ImportPath, Name, Dir, ForTest string
	Goroot, Standard, DepOnly      bool
	Module                         *listedModule
	GoFiles, CgoFiles, CFiles      []string
	CXXFiles, MFiles, HFiles       []string
	FFiles, SFiles, SwigFiles      []string
	SwigCXXFiles, SysoFiles        []string
	Imports                        []string
	Error                          *struct{ Err string }
	DepsErrors                     []*struct{ Err string }

	// raw is the package's go list JSON, which the incremental engine
	// decodes for the fields the keys do not need (engineload.go).
	raw []byte
}

type listedModule struct {
	Path, Version, Dir, GoVersion string
	Main                          bool
	Replace                       *listedModule
}

const listFields = "ImportPath,Name,Dir,ForTest,Goroot,Standard,DepOnly,Module,GoFiles,CgoFiles,CFiles,CXXFiles,MFiles,HFiles,FFiles,SFiles,SwigFiles,SwigCXXFiles,SysoFiles,Imports,Error,DepsErrors," +
	"ImportMap,IgnoredGoFiles,IgnoredOtherFiles" // for the incremental engine only

// keyedEnv are the go env variables that change what is built, and so
// what is analyzed.
var keyedEnv = []string{
	"GOVERSION", "GOROOT", "GOOS", "GOARCH", "GOFLAGS", "GOEXPERIMENT", "GOTOOLCHAIN", "GOWORK", "GOMODCACHE",
	"CGO_ENABLED", "CC", "CXX", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "GODEBUG",
	"GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "GOWASM",
}

// listing is what go list and go env said.
type listing struct {
	pkgs     map[string]*listedPackage // by ID
	order    []*listedPackage
	env      map[string]string
	rawEnv   []byte
	problems bool // a package has errors or go list complained: leave them to the full run
}

// listPackages runs go list (as go/packages would, but for fewer fields)
// and go env, concurrently.
func listPackages(patterns []string, tests bool, buildFlags []string) (*listing, error) {
	args := []string{"list", "-e", "-json=" + listFields, "-compiled=false", fmt.Sprintf("-test=%t", tests),
		"-export=false", "-deps=true", "-find=false", "-buildvcs=false", "-pgo=off"}
	args = append(append(append(args, buildFlags...), "--"), patterns...)
	var env []byte
	var envErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		env, envErr = exec.Command("go", append([]string{"env", "-json"}, keyedEnv...)...).Output()
	})
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	if envErr != nil {
		return nil, fmt.Errorf("go env: %v", envErr)
	}
	l := &listing{pkgs: make(map[string]*listedPackage), rawEnv: env, problems: stderr.Len() > 0}
	if err := json.Unmarshal(env, &l.env); err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		p := &listedPackage{raw: raw}
		if err := json.Unmarshal(raw, p); err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		if p.Error != nil || len(p.DepsErrors) > 0 || l.pkgs[p.ImportPath] != nil {
			l.problems = true
		}
		l.pkgs[p.ImportPath] = p
		l.order = append(l.order, p)
	}
	return l, nil
}

// roots returns the IDs of the packages the full run analyzes: the ones
// go list matched (not DepOnly), less what analysisRoots drops.
func (l *listing) roots() []string {
	hasTestVariant := make(map[string]bool)
	for _, p := range l.order {
		if !p.DepOnly && p.ForTest != "" && pkgPath(p.ImportPath) == p.ForTest {
			hasTestVariant[p.ForTest] = true
		}
	}
	var ids []string
	for _, p := range l.order {
		id := p.ImportPath
		isTestMain := p.Name == "main" && strings.HasSuffix(id, ".test") && pkgPath(id) == id
		if p.DepOnly || isTestMain || (pkgPath(id) == id && hasTestVariant[id]) {
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

// pkgPath is the package path of a go list ID ("p [p.test]" -> "p").
func pkgPath(id string) string {
	path, _, _ := strings.Cut(id, " ")
	return path
}

// keyer computes package keys, each once.
type keyer struct {
	list  *listing
	run   []byte // the part of every key that describes the run
	keys  map[string][32]byte
	bytes int64 // bytes of source hashed
}

func newKeyer(list *listing, run []byte) *keyer {
	return &keyer{list: list, run: run, keys: make(map[string][32]byte)}
}

// key returns the key of the package with ID id.
func (k *keyer) key(id string) ([32]byte, error) {
	if key, ok := k.keys[id]; ok {
		return key, nil
	}
	p := k.list.pkgs[id]
	if p == nil {
		return [32]byte{}, fmt.Errorf("%s: not listed", id)
	}
	h := sha256.New()
	h.Write(k.run)
	if err := k.identity(h, p); err != nil {
		return [32]byte{}, err
	}
	imports := slices.Sorted(slices.Values(p.Imports))
	for _, imp := range imports {
		if imp == "C" {
			continue // cgo's pseudo-package: CgoFiles are hashed instead
		}
		dep, err := k.key(imp)
		if err != nil {
			return [32]byte{}, err
		}
		fmt.Fprintf(h, "import %s %x\n", imp, dep)
	}
	var key [32]byte
	h.Sum(key[:0])
	k.keys[id] = key
	return key, nil
}

// identity writes what identifies p itself: its metadata, and its
// files' contents unless p is immutable for a given run key.
func (k *keyer) identity(h hash.Hash, p *listedPackage) error {
	meta, err := json.Marshal(struct {
		ID, Name, Dir, ForTest string
		Module                 *listedModule
		Files                  [][]string
	}{p.ImportPath, p.Name, p.Dir, p.ForTest, p.Module, p.fileLists()})
	if err != nil {
		return err
	}
	h.Write(meta)
	h.Write([]byte{'\n'})
	if k.immutable(p) {
		return nil
	}
	for _, list := range p.fileLists() {
		for _, name := range list {
			if !filepath.IsAbs(name) {
				name = filepath.Join(p.Dir, name)
			}
			n, err := hashFile(h, name)
			if err != nil {
				return err
			}
			k.bytes += n
		}
	}
	return nil
}

// immutable reports whether p's sources are fixed by what the key
// already holds: the standard library (the Go version and GOROOT), or
// a module version in the module cache, which the go command keeps
// read-only and verifies against go.sum. Anything else (the main
// modules, a replacement directory, a vendor directory, GOPATH) is
// hashed.
func (k *keyer) immutable(p *listedPackage) bool {
	if p.Goroot || p.Standard {
		return true
	}
	modcache := k.list.env["GOMODCACHE"]
	return modcache != "" && p.Module != nil && p.Module.Version != "" && p.Module.Replace == nil &&
		strings.HasPrefix(p.Dir, modcache+string(filepath.Separator))
}

// fileLists are the files that make up p's compiled package.
func (p *listedPackage) fileLists() [][]string {
	return [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.CXXFiles, p.MFiles, p.HFiles, p.FFiles, p.SFiles, p.SwigFiles, p.SwigCXXFiles, p.SysoFiles}
}

// hashFile writes name's length and contents to h.
func hashFile(h hash.Hash, name string) (int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	fmt.Fprintf(h, "file %s %d\n", name, info.Size())
	return io.Copy(h, f)
}

// runKey describes the run for every key: ctxlint's executable, go env,
// the build flags, -test, the analyzers enabled and every flag of every
// analyzer.
func runKey(exeHash string, list *listing, opts *options, all []*analysis.Analyzer) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "ctxlint result cache 1\nexe %s\n", exeHash)
	b.Write(list.rawEnv)
	fmt.Fprintf(&b, "\ntests %t\nbuildflags %q\n", opts.tests, opts.buildFlags())
	for _, a := range opts.analyzers {
		fmt.Fprintf(&b, "analyzer %s\n", a.Name)
	}
	for _, a := range requiredClosure(all) {
		a.Flags.VisitAll(func(f *flag.Flag) { fmt.Fprintf(&b, "flag %s.%s=%q\n", a.Name, f.Name, f.Value.String()) })
	}
	return b.Bytes()
}
