package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
)

// The incremental engine (-engine=incremental) is ctxlint's own pass
// runner. From the one go list the result cache already runs, it
// schedules one action per package in dependency order, in parallel:
//
//   - a package whose engine entry (enginecache.go) is cached is read
//     from it: its types from shallow type data, its facts decoded against
//     them;
//   - any other package is parsed and type-checked from source, against
//     its dependencies' types (from source in this run, or from type
//     data), and analyzed: the analyzers with facts (and what they
//     require) on every package, all of the run's analyzers on the
//     packages to analyze; then its entry is stored, and its syntax
//     trees and types.Info are dropped.
//
// Findings are the checker's (see enginefacts.go for its rules on facts,
// which the engine reproduces). Whatever the engine does not handle
// (a package with type errors, an analyzer failure) makes the run fall
// back to the checker, which reports it as before.

// engineNode is one package of the run.
type engineNode struct {
	id    string
	lp    *listedPackage
	x     *listedExtra
	deps  []*engineNode // the packages it imports, by ID
	users []*engineNode // the packages of the run that import it
	key   [32]byte
	keyed bool

	analyze      bool // a package to analyze (its results missed)
	entry        *engineEntry
	compiled     []string          // CompiledGoFiles, for cgo packages
	cgoImportMap map[string]string // and their ImportMap, from go list -compiled

	direct  map[*engineNode]bool // deps, as a set
	closure map[*engineNode]bool // every package it imports, directly or not

	pending int // deps not done yet

	// Set when done.
	pkg   *types.Package
	facts map[*analysis.Analyzer]*nodeFacts
}

// engine is one run of the incremental engine.
type engine struct {
	inv      *invocation
	lookup   *cacheLookup
	list     *listing
	fset     *token.FileSet
	sizes    types.Sizes
	roots    []*analysis.Analyzer // closure of the run's analyzers, in dependency order
	depsOnly []*analysis.Analyzer // what runs on packages not analyzed: analyzers with facts and their prerequisites
	enabled  []*analysis.Analyzer // the run's analyzers, in order

	nodes []*engineNode
	byPkg sync.Map // *types.Package -> *engineNode
	// imported holds the IDs of the packages some package of the listing
	// imports: only they can be read from the cache by a later run, so
	// only their entries are stored (writing type data is much of what
	// the engine adds to a cold run).
	imported map[string]bool

	mu       sync.Mutex
	err      error
	results  map[string]*engineResult
	supFiles map[string][]nolintRange

	stats struct {
		fromCache, fromSource, analyzed atomic.Int64
		missingFacts, unnamedFacts      atomic.Int64
	}
}

// engineResult is a package's diagnostics before //nolint, which needs
// every package's comments, is applied.
type engineResult struct {
	pr    *packageResult
	raws  [][]token.Position // per action, per diagnostic: the unadjusted position
	order int
}

func (eng *engine) nodeOf(pkg *types.Package) *engineNode {
	if v, ok := eng.byPkg.Load(pkg); ok {
		return v.(*engineNode)
	}
	return nil
}

// errEngineFallback wraps the reasons the engine leaves a run to the
// checker.
var errEngineFallback = errors.New("incremental engine")

// runEngine analyzes the packages the cache missed with the engine. It
// returns the run's results, or an error saying why the checker must do
// it instead.
func (inv *invocation) runEngine(lookup *cacheLookup) (*runResults, error) {
	if reason := inv.cacheBypass(); reason != "" {
		return nil, fmt.Errorf("not used: %s", reason)
	}
	start := time.Now()
	if lookup.list == nil {
		list, err := listPackages(inv.opts.patterns, inv.opts.tests, inv.opts.buildFlags())
		if err != nil {
			return nil, err
		}
		lookup.list = list
	}
	list := lookup.list
	if list.problems {
		return nil, errors.New("go list reports errors or warnings")
	}
	eng := &engine{
		inv: inv, lookup: lookup, list: list, fset: token.NewFileSet(),
		results: make(map[string]*engineResult), supFiles: make(map[string][]nolintRange),
		enabled: inv.opts.analyzers,
	}
	eng.sizes = types.SizesFor("gc", list.env["GOARCH"])
	if eng.sizes == nil {
		eng.sizes = types.SizesFor("gc", runtime.GOARCH)
	}
	eng.roots = requiredClosure(inv.opts.analyzers)
	var withFacts []*analysis.Analyzer
	for _, a := range eng.roots {
		if len(a.FactTypes) > 0 {
			withFacts = append(withFacts, a)
		}
	}
	eng.depsOnly = requiredClosure(withFacts)
	guardPanics(inv.opts.analyzers)

	if err := eng.plan(); err != nil {
		return nil, err
	}
	if len(eng.results) == 0 {
		return nil, errors.New("no packages to analyze")
	}
	inv.verbosef("engine: %d %s to analyze, %d in the run, planned in %s", len(eng.results), plural(len(eng.results), "package", "packages"), len(eng.nodes), roundDuration(time.Since(start)))
	start = time.Now()
	eng.execute()
	if eng.err != nil {
		return nil, eng.err
	}
	inv.verbosef("engine: %d packages from the cache, %d type-checked from source, %d analyzed, in %s",
		eng.stats.fromCache.Load(), eng.stats.fromSource.Load(), eng.stats.analyzed.Load(), roundDuration(time.Since(start)))
	if n := eng.stats.missingFacts.Load() + eng.stats.unnamedFacts.Load(); n > 0 {
		inv.verbosef("engine: %d facts on objects without an object path (not stored), %d cached facts on objects the type data lacks",
			eng.stats.unnamedFacts.Load(), eng.stats.missingFacts.Load())
	}
	return eng.finish(), nil
}

// plan builds the nodes: the packages to analyze (those whose results
// missed) and their import closure, each to be read from its engine
// entry or checked from source.
func (eng *engine) plan() error {
	lookup, list := eng.lookup, eng.list
	missed := lookup.missed
	if lookup.keys == nil { // no cache: every package is analyzed
		missed = list.roots()
	}
	byID := make(map[string]*engineNode)
	var cgo []*engineNode // packages whose compiled files import more than go list says
	var node func(id string) (*engineNode, error)
	node = func(id string) (*engineNode, error) {
		if n, ok := byID[id]; ok {
			return n, nil
		}
		lp := list.pkgs[id]
		if lp == nil {
			return nil, fmt.Errorf("%s: not listed", id)
		}
		x, err := lp.extra()
		if err != nil {
			return nil, err
		}
		n := &engineNode{id: id, lp: lp, x: x, direct: make(map[*engineNode]bool)}
		byID[id] = n
		eng.nodes = append(eng.nodes, n)
		if lookup.cache != nil && lookup.keyer != nil {
			key, err := lookup.keyer.key(id)
			if err != nil {
				return nil, err
			}
			n.key, n.keyed = key, true
		}
		if lp.needsCompiled() {
			cgo = append(cgo, n)
		}
		for _, imp := range lp.Imports {
			if imp == "C" {
				continue
			}
			if err := eng.addDep(n, imp, node); err != nil {
				return nil, err
			}
		}
		return n, nil
	}
	for i, id := range missed {
		n, err := node(id)
		if err != nil {
			return err
		}
		n.analyze = true
		eng.results[id] = &engineResult{order: i}
	}
	// cgo's generated files import packages (runtime/cgo, syscall,
	// unsafe) that go list without -compiled does not list as imports:
	// a cached package recorded them, go list -compiled names them for
	// the others, with the files to check. Either may add packages to
	// the run, so repeat until none is added.
	looked, handled := 0, 0
	for looked < len(eng.nodes) || handled < len(cgo) {
		for ; looked < len(eng.nodes); looked++ {
			n := eng.nodes[looked]
			if n.keyed && !n.analyze {
				if data, ok := lookup.cache.get(engineKind, n.key); ok {
					if e, err := decodeEntry(data); err == nil {
						n.entry = e
					}
				}
			}
		}
		var compile []*engineNode
		for ; handled < len(cgo); handled++ {
			n := cgo[handled]
			if n.entry == nil {
				compile = append(compile, n)
				continue
			}
			for path, id := range n.entry.ImportMap {
				n.setImportID(path, id)
			}
			for _, path := range n.entry.Imports {
				if err := eng.addDep(n, n.importID(path), node); err != nil {
					return err
				}
			}
		}
		if len(compile) == 0 {
			continue
		}
		ids := make([]string, len(compile))
		for i, n := range compile {
			ids[i] = n.id
		}
		compiled, err := compiledFiles(list, ids, eng.inv.opts.tests, eng.inv.opts.buildFlags())
		if err != nil {
			return err
		}
		for _, n := range compile {
			n.compiled = compiled[n.id].files
			for path, id := range compiled[n.id].importMap {
				n.setImportID(path, id)
			}
			n.cgoImportMap = compiled[n.id].importMap
			for _, imp := range compiled[n.id].imports {
				if err := eng.addDep(n, imp, node); err != nil {
					return err
				}
			}
		}
	}
	eng.imported = make(map[string]bool)
	for _, p := range list.order {
		if p.Name == "main" && strings.HasSuffix(p.ImportPath, ".test") && pkgPath(p.ImportPath) == p.ImportPath {
			continue // a test main package, which nothing analyzes
		}
		for _, imp := range p.Imports {
			eng.imported[imp] = true
		}
	}
	for _, n := range eng.nodes {
		for _, d := range n.deps {
			eng.imported[d.id] = true
		}
	}
	// Closures, dependencies first.
	done := make(map[*engineNode]bool)
	var close func(n *engineNode) error
	close = func(n *engineNode) error {
		if n.closure != nil {
			return nil
		}
		if done[n] {
			return fmt.Errorf("import cycle through %s", n.id)
		}
		done[n] = true
		n.closure = make(map[*engineNode]bool)
		for _, d := range n.deps {
			if err := close(d); err != nil {
				return err
			}
			n.closure[d] = true
			for dd := range d.closure {
				n.closure[dd] = true
			}
		}
		return nil
	}
	for _, n := range eng.nodes {
		if err := close(n); err != nil {
			return err
		}
		n.pending = len(n.deps)
	}
	return nil
}

// addDep records that n imports the package with ID id.
func (eng *engine) addDep(n *engineNode, id string, node func(string) (*engineNode, error)) error {
	if id == "C" || id == "unsafe" && n.id == "unsafe" {
		return nil
	}
	dep, err := node(id)
	if err != nil {
		return err
	}
	if !n.direct[dep] {
		n.direct[dep] = true
		n.deps = append(n.deps, dep)
		dep.users = append(dep.users, n)
	}
	return nil
}

// setImportID records that n's import path loads the package id.
func (n *engineNode) setImportID(path, id string) {
	if n.x.ImportMap == nil {
		n.x.ImportMap = make(map[string]string)
	}
	n.x.ImportMap[path] = id
}

// importID is the ID of the package n's source imports by path.
func (n *engineNode) importID(path string) string {
	if id, ok := n.x.ImportMap[path]; ok {
		return id
	}
	return path
}

// execute runs every node once its dependencies are done, on as many
// workers as GOMAXPROCS (one under -debug=p).
func (eng *engine) execute() {
	workers := runtime.GOMAXPROCS(0)
	if eng.inv.opts.debugging('p') {
		workers = 1
	}
	var ready []*engineNode
	for _, n := range eng.nodes {
		if n.pending == 0 {
			ready = append(ready, n)
		}
	}
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	remaining := len(eng.nodes)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				for len(ready) == 0 && remaining > 0 && !eng.failed() {
					cond.Wait()
				}
				if remaining == 0 || eng.failed() {
					mu.Unlock()
					cond.Broadcast()
					return
				}
				n := ready[len(ready)-1]
				ready = ready[:len(ready)-1]
				mu.Unlock()

				if err := eng.do(n); err != nil {
					eng.fail(fmt.Errorf("%s: %w", n.id, err))
				}

				mu.Lock()
				remaining--
				for _, u := range n.users {
					if u.pending--; u.pending == 0 {
						ready = append(ready, u)
					}
				}
				mu.Unlock()
				cond.Broadcast()
			}
		})
	}
	wg.Wait()
}

func (eng *engine) fail(err error) {
	eng.mu.Lock()
	defer eng.mu.Unlock()
	if eng.err == nil {
		eng.err = err
	}
}

func (eng *engine) failed() bool {
	eng.mu.Lock()
	defer eng.mu.Unlock()
	return eng.err != nil
}

// do reads n from the cache or checks and analyzes it from source.
func (eng *engine) do(n *engineNode) error {
	if n.entry != nil {
		if err := eng.readCached(n); err == nil {
			eng.stats.fromCache.Add(1)
			return nil
		} else {
			eng.inv.verbosef("engine: cached entry of %s unusable (%v); analyzing it", n.id, err)
			n.entry = nil
		}
	}
	eng.stats.fromSource.Add(1)
	return eng.fromSource(n)
}

// importMap returns the types of n's import closure by package path,
// for reading type data.
func (n *engineNode) importMap() map[string]*types.Package {
	m := make(map[string]*types.Package, len(n.closure))
	for d := range n.closure {
		if d.pkg != types.Unsafe {
			m[d.pkg.Path()] = d.pkg
		}
	}
	return m
}

// readCached reads n's types and facts from its engine entry.
func (eng *engine) readCached(n *engineNode) error {
	path := pkgPath(n.id)
	if path == "unsafe" {
		n.pkg = types.Unsafe
	} else {
		pkg, err := importTypes(eng.fset, path, n.entry, n.importMap())
		if err != nil {
			return err
		}
		n.pkg = pkg
	}
	facts := make(map[*analysis.Analyzer]*nodeFacts)
	byName := make(map[string]analyzerFacts)
	for _, af := range n.entry.Facts {
		byName[af.Analyzer] = af
	}
	for _, a := range eng.depsOnly {
		if len(a.FactTypes) == 0 {
			continue
		}
		af, ok := byName[a.Name]
		if !ok {
			return fmt.Errorf("no facts of %s", a.Name)
		}
		objs, pkgFacts, missing, err := decodeFacts(a, af, n.pkg)
		if err != nil {
			return err
		}
		eng.stats.missingFacts.Add(int64(missing))
		facts[a] = &nodeFacts{objects: objs, packages: pkgFacts}
	}
	n.facts = facts
	n.entry = nil
	eng.byPkg.Store(n.pkg, n)
	return nil
}

// fromSource parses, type-checks and analyzes n, then stores its entry.
func (eng *engine) fromSource(n *engineNode) error {
	var files []*ast.File
	info := newTypesInfo()
	if pkgPath(n.id) == "unsafe" {
		n.pkg = types.Unsafe
		files = []*ast.File{}
	} else {
		names := n.compiled
		if names == nil {
			names = absJoin(n.lp.Dir, n.lp.GoFiles)
		}
		var err error
		if files, err = parseFiles(eng.fset, names); err != nil {
			return fmt.Errorf("%w: %v", errEngineFallback, err)
		}
		pkg := types.NewPackage(pkgPath(n.id), n.lp.Name)
		var typeErr error
		tc := &types.Config{
			Importer: importerFunc(func(path string) (*types.Package, error) {
				if path == "unsafe" {
					return types.Unsafe, nil
				}
				id := n.importID(path)
				for _, d := range n.deps {
					if d.id == id {
						return d.pkg, nil
					}
				}
				return nil, fmt.Errorf("no metadata for %s", path)
			}),
			Error: func(err error) {
				if typeErr == nil {
					typeErr = err
				}
			},
			Sizes: eng.sizes,
		}
		if m := n.x.Module; m != nil && m.GoVersion != "" {
			tc.GoVersion = "go" + m.GoVersion
		}
		err = types.NewChecker(tc, eng.fset, pkg, info).Files(files)
		if typeErr == nil {
			typeErr = err
		}
		if typeErr != nil {
			return fmt.Errorf("%w: type error: %v", errEngineFallback, typeErr)
		}
		n.pkg = pkg
	}
	eng.byPkg.Store(n.pkg, n)

	analyzers := eng.depsOnly
	if n.analyze {
		analyzers = eng.roots
	}
	if err := eng.runAnalyzers(n, files, info, analyzers); err != nil {
		return err
	}
	if n.keyed && eng.imported[n.id] {
		eng.store(n)
	}
	return nil
}

// runAnalyzers runs analyzers (in dependency order) on n.
func (eng *engine) runAnalyzers(n *engineNode, files []*ast.File, info *types.Info, analyzers []*analysis.Analyzer) error {
	var module *analysis.Module
	if n.x.Module != nil {
		module = n.x.Module.analysisModule()
	} else {
		module = &analysis.Module{}
	}
	other := absJoin(n.lp.Dir, n.lp.CFiles, n.lp.CXXFiles, n.lp.MFiles, n.lp.HFiles, n.lp.FFiles, n.lp.SFiles, n.lp.SwigFiles, n.lp.SwigCXXFiles, n.lp.SysoFiles)
	ignored := absJoin(n.lp.Dir, n.x.IgnoredGoFiles, n.x.IgnoredOtherFiles)
	results := make(map[*analysis.Analyzer]any)
	diags := make(map[*analysis.Analyzer][]analysis.Diagnostic)
	n.facts = make(map[*analysis.Analyzer]*nodeFacts)
	var factLogf func(string, ...any)
	if eng.inv.opts.debugging('f') {
		factLogf = func(format string, args ...any) { fmt.Fprintf(eng.inv.stderr, format, args...) }
	}
	for _, a := range analyzers {
		view := &factView{eng: eng, a: a, n: n, own: make(map[objectFactKey]analysis.Fact), ownPkg: make(map[reflect.Type]analysis.Fact), factLogf: factLogf}
		inputs := make(map[*analysis.Analyzer]any, len(a.Requires))
		for _, req := range a.Requires {
			inputs[req] = results[req]
		}
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         eng.fset,
			Files:        files,
			OtherFiles:   other,
			IgnoredFiles: ignored,
			Pkg:          n.pkg,
			TypesInfo:    info,
			TypesSizes:   eng.sizes,
			Module:       module,
			ResultOf:     inputs,
			Report: func(d analysis.Diagnostic) {
				if err := normalizeFixes(eng.fset, d.SuggestedFixes); err != nil {
					panic(fmt.Sprintf("analyzer %q suggests an invalid fix: %v", a.Name, err))
				}
				diags[a] = append(diags[a], d)
			},
			ImportObjectFact:  view.importObjectFact,
			ExportObjectFact:  view.exportObjectFact,
			ImportPackageFact: view.importPackageFact,
			ExportPackageFact: view.exportPackageFact,
			AllObjectFacts:    view.allObjectFacts,
			AllPackageFacts:   view.allPackageFacts,
		}
		pass.ReadFile = checkedReadFile(pass)
		result, err := a.Run(pass)
		view.done = true
		if err != nil {
			return fmt.Errorf("%w: %v", errEngineFallback, err)
		}
		if got, want := reflect.TypeOf(result), a.ResultType; got != want {
			return fmt.Errorf("%w: analyzer %s returned a result of type %v, but declared ResultType %v", errEngineFallback, a.Name, got, want)
		}
		results[a] = result
		if len(a.FactTypes) > 0 {
			n.facts[a] = &nodeFacts{objects: visibleFacts(view.own, n.pkg), packages: view.ownPkg}
		}
	}
	if n.analyze {
		eng.stats.analyzed.Add(1)
		eng.record(n, files, diags)
	}
	return nil
}

// checkedReadFile is Pass.ReadFile with the access policy the checker
// applies: the package's own files only.
func checkedReadFile(pass *analysis.Pass) func(string) ([]byte, error) {
	return func(filename string) ([]byte, error) {
		ok := slices.Contains(pass.OtherFiles, filename) || slices.Contains(pass.IgnoredFiles, filename)
		for _, f := range pass.Files {
			ok = ok || pass.Fset.File(f.FileStart).Name() == filename
		}
		if !ok {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", filename)
		}
		return os.ReadFile(filename)
	}
}

// record converts n's diagnostics to results, and indexes the //nolint
// directives of its files.
func (eng *engine) record(n *engineNode, files []*ast.File, diags map[*analysis.Analyzer][]analysis.Diagnostic) {
	own := make(map[string]bool, len(files))
	ranges := make(map[string][]nolintRange, len(files))
	for _, f := range files {
		tf := eng.fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		own[tf.Name()] = true
		ranges[tf.Name()] = fileRanges(f, tf)
	}
	pr := &packageResult{ID: n.id, cacheable: true}
	var raws [][]token.Position
	for _, a := range eng.enabled {
		var recs []diagRecord
		var raw []token.Position
		for _, d := range diags[a] {
			p := eng.fset.PositionFor(d.Pos, false)
			pr.cacheable = pr.cacheable && own[p.Filename]
			recs = append(recs, recordOf(eng.fset, d))
			raw = append(raw, p)
		}
		if len(recs) > 0 {
			pr.Actions = append(pr.Actions, analyzerResult{Analyzer: a.Name, Diagnostics: recs})
			raws = append(raws, raw)
		}
	}
	eng.mu.Lock()
	defer eng.mu.Unlock()
	r := eng.results[n.id]
	r.pr, r.raws = pr, raws
	for name, rs := range ranges {
		if _, done := eng.supFiles[name]; !done {
			eng.supFiles[name] = rs
		}
	}
}

// store writes n's engine entry.
func (eng *engine) store(n *engineNode) {
	e := &engineEntry{}
	for _, imp := range n.pkg.Imports() {
		e.Imports = append(e.Imports, imp.Path())
	}
	e.ImportMap = n.cgoImportMap
	if n.pkg != types.Unsafe {
		data, err := exportTypes(eng.fset, n.pkg)
		if err != nil {
			eng.inv.verbosef("engine: type data of %s: %v", n.id, err)
			return
		}
		e.Types = data
	}
	for _, a := range eng.depsOnly {
		nf := n.facts[a]
		if len(a.FactTypes) == 0 || nf == nil {
			continue
		}
		af, unnamed, err := encodeFacts(a, n.pkg, nf.objects, nf.packages)
		if err != nil {
			eng.inv.verbosef("engine: facts of %s: %v", n.id, err)
			return
		}
		eng.stats.unnamedFacts.Add(int64(unnamed))
		e.Facts = append(e.Facts, af)
	}
	data, err := encodeEntry(e)
	if err == nil {
		err = eng.lookup.cache.put(engineKind, n.key, data)
	}
	if err != nil {
		eng.inv.verbosef("engine: storing %s: %v", n.id, err)
	}
}

// finish applies //nolint to the results, stores the results of the
// packages analyzed and adds those of the packages cached.
func (eng *engine) finish() *runResults {
	sup := &suppressions{byFile: eng.supFiles}
	analyzed := make([]*engineResult, 0, len(eng.results))
	for _, r := range eng.results {
		analyzed = append(analyzed, r)
	}
	slices.SortFunc(analyzed, func(a, b *engineResult) int { return a.order - b.order })
	res := &runResults{failed: make(map[string]map[string]string), analyzers: analyzersByName(eng.enabled)}
	for _, r := range analyzed {
		for i := range r.pr.Actions {
			ar := &r.pr.Actions[i]
			for j := range ar.Diagnostics {
				rec := &ar.Diagnostics[j]
				if dir := sup.lookup(r.raws[i][j], ar.Analyzer, rec.Category); dir != nil {
					rec.Suppressed = &suppressionRecord{Text: dir.text, Reason: dir.reason}
				}
			}
			slices.SortStableFunc(ar.Diagnostics, compareRecords)
		}
		res.packages = append(res.packages, r.pr)
	}
	if eng.lookup.cache != nil && eng.lookup.keys != nil {
		eng.inv.storeResults(eng.lookup, res)
	}
	if eng.lookup.cached != nil {
		res = eng.lookup.withCached(res)
	}
	return res
}

// The values of -engine.
const (
	engineChecker     = "checker"
	engineIncremental = "incremental"
)

// normalizeFixes puts the edits of each fix in the form the checker
// leaves them in when it validates a reported diagnostic: sorted by
// position (stably, so insertions at one point keep their order), an
// edit without an end ending where it starts, an end computed a little
// beyond the end of its file brought back to it. It returns an error
// where the checker would reject the fix (the run then falls back to
// the checker, which reports it).
func normalizeFixes(fset *token.FileSet, fixes []analysis.SuggestedFix) error {
	messages := make(map[string]bool)
	for i := range fixes {
		fix := &fixes[i]
		if messages[fix.Message] {
			return fmt.Errorf("two fixes with the message %q", fix.Message)
		}
		messages[fix.Message] = true
		slices.SortStableFunc(fix.TextEdits, func(x, y analysis.TextEdit) int {
			if x.Pos != y.Pos {
				return cmpPos(x.Pos, y.Pos)
			}
			return cmpPos(x.End, y.End)
		})
		var prev *analysis.TextEdit
		for j := range fix.TextEdits {
			edit := &fix.TextEdits[j]
			file := fset.File(edit.Pos)
			if file == nil {
				return fmt.Errorf("fix %q: an edit outside any file", fix.Message)
			}
			fileEnd := token.Pos(file.Base() + file.Size())
			if end := edit.End; end.IsValid() {
				if end < edit.Pos {
					return fmt.Errorf("fix %q: an edit ends before it starts", fix.Message)
				}
				if endFile := fset.File(end); endFile != file {
					if end < fileEnd+10 {
						edit.End = fileEnd
						continue // as the checker does: not compared with the next edit
					}
					return fmt.Errorf("fix %q: an edit spans files", fix.Message)
				}
			} else {
				edit.End = edit.Pos
			}
			if edit.End > fileEnd {
				return fmt.Errorf("fix %q: an edit ends beyond its file", fix.Message)
			}
			if prev != nil && edit.Pos < prev.End {
				return fmt.Errorf("fix %q: overlapping edits", fix.Message)
			}
			prev = edit
		}
	}
	return nil
}

func cmpPos(a, b token.Pos) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
