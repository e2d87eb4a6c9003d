// Package ctxmodel is ctxlint's shared model of contexts: where a context
// value comes from (its origin), which calls produce cancel functions,
// which calls cannot observe a context's cancellation (inert calls), and
// which calls release resources (cleanup calls).
//
// The model is computed once per package by [Analyzer], whose result
// (*[Model]) every ctxlint analyzer requires, so the work is shared within a
// run. Helpers that return a cancel function as a plain func() are recorded
// as [ReturnsCancel] facts, so callers in other packages recognise them.
package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer computes the *Model of a package and exports ReturnsCancel facts.
//
// Because it has facts, it runs on every dependency of the analyzed
// packages, standard library included; it therefore requires nothing (not
// even the inspect pass) and indexes a package's assignments only when a
// question needs them.
var Analyzer = &analysis.Analyzer{
	Name:       "ctxmodel",
	Doc:        "computes ctxlint's shared context model (internal; reports nothing)",
	Run:        run,
	ResultType: reflect.TypeFor[*Model](),
	FactTypes:  []analysis.Fact{(*ReturnsCancel)(nil), (*ContextUse)(nil), (*CancelGetter)(nil), (*NoReturn)(nil), (*MayReturnNoCancel)(nil), (*OwnedContext)(nil), (*RootContext)(nil), (*ValueAtNil)(nil), (*CancelOnlyIfOK)(nil)},
}

// ReturnsCancel is a fact on a function one of whose results, of type
// func(), is provably a cancel function (a context.CancelFunc or
// CancelCauseFunc, or a closure that calls one).
type ReturnsCancel struct {
	Index int // which result
}

func (*ReturnsCancel) AFact() {}

func (f *ReturnsCancel) String() string { return fmt.Sprintf("returnsCancel(result %d)", f.Index) }

// Model answers questions about the contexts and cancel functions of one
// package. Its methods never panic on partial type information; where
// types are missing they answer "unknown" (no origin, not a producer).
//
// Several analyzers use one Model concurrently: its lazily built parts are
// guarded, and everything else is read-only after the run. The Model is a
// finished value: it keeps nothing of the *analysis.Pass that built it
// (the facts of other packages are copied during its own run), so other
// analyzers and other drivers may use it after that run has returned.
type Model struct {
	Info *types.Info
	Pkg  *types.Package

	fset      *token.FileSet
	files     []*ast.File
	generated map[*token.File]bool
	helpers   map[*types.Func]int // this package's functions proven to return a cancel func
	getters   map[*types.Func]int // this package's accessors of a stored cancel func
	noCancel  map[*types.Func]int // this package's producers that sometimes return no cancel
	okFlags   map[*types.Func]CancelOnlyIfOK
	owned     map[*types.Func]*OwnedContext
	roots     map[*types.Func]bool // this package's functions returning a context nobody can cancel

	// Facts of the packages this one imports, copied during the run.
	importedReturns  map[*types.Func]int
	importedGetters  map[*types.Func]int
	importedUses     map[*types.Func]*ContextUse
	importedNoReturn map[*types.Func]bool
	importedNoCancel map[*types.Func]int
	importedOwned    map[*types.Func]*OwnedContext
	importedRoots    map[*types.Func]bool
	importedAtNil    map[*types.Func]atNil
	importedOKFlags  map[*types.Func]CancelOnlyIfOK

	noReturn     map[*types.Func]bool // this package's functions; complete after run
	noReturnDone bool

	atNils     map[*types.Func]atNil // this package's functions; complete after run
	atNilsDone bool

	decls       map[*types.Func]*ast.FuncDecl
	summaries   map[*types.Func]*ContextUse // this package's functions; complete after run
	summarizing map[*types.Func]bool        // in progress, during run only

	callsOnce sync.Once
	calls     *callSites

	implIdx      implIndex
	contextLike  sync.Map // contextLikeKey -> bool: the memo of IsContextLike
	ctxIfaceOnce sync.Once
	ctxIface     *types.Interface

	calledOnce sync.Once
	called     map[*types.Var]bool // fields the package calls; see calledFields

	syntaxOnce sync.Once
	syntax     syntaxIndex // see syntax.go

	indexOnce sync.Once
	defs      map[*types.Var][]Def
	params    map[*types.Var]bool

	mu      sync.Mutex
	origins map[*types.Var]*Origin

	fields fieldIndex // what is stored in struct fields; see fields.go

	// What calls through function-valued fields do (fieldfuncs.go);
	// complete after run.
	fieldUses       map[fieldParam]fieldUse
	resolvingFields map[*types.Var]bool
	fieldsDone      bool
}

// Def is one assignment of a value to a variable.
type Def struct {
	// Rhs is the assigned expression; nil when the value is unknown
	// (range variables, address taken, inc/dec, op-assign).
	Rhs ast.Expr
	// Index is the result index when Rhs is a multi-value call; -1 otherwise.
	Index int
	// Node is the statement or spec holding the assignment.
	Node ast.Node
}

func run(pass *analysis.Pass) (any, error) {
	m := &Model{
		Info:      pass.TypesInfo,
		Pkg:       pass.Pkg,
		fset:      pass.Fset,
		files:     pass.Files,
		generated: make(map[*token.File]bool),
		origins:   make(map[*types.Var]*Origin),
		helpers:   make(map[*types.Func]int),
		getters:   make(map[*types.Func]int),
		noCancel:  make(map[*types.Func]int),
		owned:     make(map[*types.Func]*OwnedContext),
		roots:     make(map[*types.Func]bool),

		importedReturns:  make(map[*types.Func]int),
		importedGetters:  make(map[*types.Func]int),
		importedUses:     make(map[*types.Func]*ContextUse),
		importedNoReturn: make(map[*types.Func]bool),
		importedNoCancel: make(map[*types.Func]int),
		importedOwned:    make(map[*types.Func]*OwnedContext),
		importedRoots:    make(map[*types.Func]bool),
		importedAtNil:    make(map[*types.Func]atNil),
		importedOKFlags:  make(map[*types.Func]CancelOnlyIfOK),
		okFlags:          make(map[*types.Func]CancelOnlyIfOK),
		atNils:           make(map[*types.Func]atNil),
		noReturn:         make(map[*types.Func]bool),
		decls:            make(map[*types.Func]*ast.FuncDecl),
		summaries:        make(map[*types.Func]*ContextUse),
		summarizing:      make(map[*types.Func]bool),
		fieldUses:        make(map[fieldParam]fieldUse),
		resolvingFields:  make(map[*types.Var]bool),
	}
	for _, f := range pass.Files {
		if isGenerated(pass.Fset, f) {
			m.generated[pass.Fset.File(f.FileStart)] = true
		}
	}
	m.copyImportedFacts(pass)
	for fn, fd := range m.funcDecls() {
		m.decls[fn] = fd
	}
	m.findNoReturns(pass)
	m.findValuesAtNil(pass)
	m.findGetters(pass)
	m.findHelpers(pass)
	m.findNoCancels(pass)
	m.findOKFlags(pass)
	m.findRootContexts(pass)
	m.findOwnedContexts(pass)
	m.summarizeAll(pass)
	m.completeFieldUses()
	return m, nil
}

// copyImportedFacts copies the facts of imported packages, so that the
// Model answers from them after its run, without the pass.
func (m *Model) copyImportedFacts(pass *analysis.Pass) {
	for _, of := range pass.AllObjectFacts() {
		fn, ok := of.Object.(*types.Func)
		if !ok || fn.Pkg() == m.Pkg {
			continue
		}
		switch f := of.Fact.(type) {
		case *ReturnsCancel:
			m.importedReturns[fn] = f.Index
		case *CancelGetter:
			m.importedGetters[fn] = f.Index
		case *ContextUse:
			m.importedUses[fn] = f
		case *NoReturn:
			m.importedNoReturn[fn] = true
		case *MayReturnNoCancel:
			m.importedNoCancel[fn] = f.Index
		case *OwnedContext:
			m.importedOwned[fn] = f
		case *RootContext:
			m.importedRoots[fn] = true
		case *ValueAtNil:
			m.importedAtNil[fn] = f.decode()
		case *CancelOnlyIfOK:
			m.importedOKFlags[fn] = *f
		}
	}
}

// summarizeAll computes the summary of every function of the package, so
// that the Model is complete when its run returns, and exports them.
func (m *Model) summarizeAll(pass *analysis.Pass) {
	for fn := range m.funcDecls() {
		if s := m.summaryOf(fn); s != nil {
			pass.ExportObjectFact(fn, s)
		}
	}
}

// importedUse returns the summary of fn, declared in another package.
func (m *Model) importedUse(fn *types.Func) *ContextUse { return m.importedUses[fn] }

// IsGenerated reports whether pos lies in a generated file.
func (m *Model) IsGenerated(pos token.Pos) bool {
	return m.generated[m.fset.File(pos)]
}

// Report reports d unless it lies in a generated file. Every ctxlint
// analyzer reports through it.
func (m *Model) Report(pass *analysis.Pass, d analysis.Diagnostic) {
	if m.IsGenerated(d.Pos) {
		return
	}
	pass.Report(d)
}

// Defs returns every assignment to the local or package variable v found in
// the package, in source order.
func (m *Model) Defs(v *types.Var) []Def { return m.index().defs[v] }

// IsParam reports whether v is a parameter or named result of a function
// declared or written in this package.
func (m *Model) IsParam(v *types.Var) bool { return m.index().params[v] }

// VarOf returns the variable that e (an identifier, possibly parenthesised)
// denotes, or nil.
func (m *Model) VarOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := m.Info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	return v
}

// Callee returns the function or variable called by call, or nil.
func (m *Model) Callee(call *ast.CallExpr) types.Object {
	return typeutil.Callee(m.Info, call)
}

// CalleeFunc returns the *types.Func called by call (static or interface
// method), or nil.
func (m *Model) CalleeFunc(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(m.Info, call).(*types.Func)
	return fn
}

// index builds, once, the assignments and parameters of the package.
func (m *Model) index() *Model {
	m.indexOnce.Do(func() {
		m.defs = make(map[*types.Var][]Def)
		m.params = make(map[*types.Var]bool)
		for _, f := range m.files {
			ast.Inspect(f, m.indexNode)
		}
	})
	return m
}

func (m *Model) indexNode(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		m.indexAssign(n)
	case *ast.ValueSpec:
		m.indexValueSpec(n)
	case *ast.RangeStmt:
		m.addDef(n.Key, Def{Index: -1, Node: n})
		m.addDef(n.Value, Def{Index: -1, Node: n})
	case *ast.IncDecStmt:
		m.addDef(n.X, Def{Index: -1, Node: n})
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			m.addDef(n.X, Def{Index: -1, Node: n})
		}
	case *ast.FuncType:
		m.indexParams(n)
	}
	return true
}

func (m *Model) indexAssign(n *ast.AssignStmt) {
	if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
		for _, l := range n.Lhs {
			m.addDef(l, Def{Index: -1, Node: n})
		}
		return
	}
	if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
		for i, l := range n.Lhs {
			m.addDef(l, Def{Rhs: n.Rhs[0], Index: i, Node: n})
		}
		return
	}
	for i, l := range n.Lhs {
		if i < len(n.Rhs) {
			m.addDef(l, Def{Rhs: n.Rhs[i], Index: -1, Node: n})
		}
	}
}

func (m *Model) indexValueSpec(n *ast.ValueSpec) {
	if len(n.Values) == 1 && len(n.Names) > 1 {
		for i, id := range n.Names {
			m.addDef(id, Def{Rhs: n.Values[0], Index: i, Node: n})
		}
		return
	}
	for i, id := range n.Names {
		if i < len(n.Values) {
			m.addDef(id, Def{Rhs: n.Values[i], Index: -1, Node: n})
		} else {
			m.addDef(id, Def{Index: -1, Node: n}) // zero value
		}
	}
}

func (m *Model) indexParams(ft *ast.FuncType) {
	for _, list := range []*ast.FieldList{ft.Params, ft.Results} {
		if list == nil {
			continue
		}
		for _, f := range list.List {
			for _, id := range f.Names {
				if v, ok := m.Info.Defs[id].(*types.Var); ok {
					m.params[v] = true
				}
			}
		}
	}
}

func (m *Model) addDef(lhs ast.Expr, d Def) {
	if lhs == nil {
		return
	}
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	obj := m.Info.Defs[id]
	if obj == nil {
		obj = m.Info.Uses[id]
	}
	v, ok := obj.(*types.Var)
	if !ok || v.IsField() {
		return
	}
	m.defs[v] = append(m.defs[v], d)
}

// funcDecls yields the package's function and method declarations that
// have a body, with their objects.
func (m *Model) funcDecls() iter.Seq2[*types.Func, *ast.FuncDecl] {
	return func(yield func(*types.Func, *ast.FuncDecl) bool) {
		for _, f := range m.files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				if fn, _ := m.Info.Defs[fd.Name].(*types.Func); fn != nil && !yield(fn, fd) {
					return
				}
			}
		}
	}
}
