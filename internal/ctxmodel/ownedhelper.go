package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// OwnedContext is a fact on a function that returns a context together
// with its cancel function, where the context is, on every return, one
// the function made from Background, TODO or a detached context with
// context.WithCancel, WithTimeout or WithDeadline (possibly wrapped with
// values, or by calls that take it and return a context, as loggers and
// tracers do): a test's testContext(t), a command's newContext(). Nothing
// but the returned cancel, or the function's own deadline, ends it, so the
// caller owns it as it owns a context.WithCancel(context.Background()) of
// its own.
type OwnedContext struct {
	Index    int  // which result is the context
	Deadline bool // some return gives it a deadline
}

func (*OwnedContext) AFact() {}

func (f *OwnedContext) String() string {
	return fmt.Sprintf("ownedContext(result %d, deadline %v)", f.Index, f.Deadline)
}

// ownedContextOf returns the OwnedContext fact of fn at result index, of
// this package or another.
func (m *Model) ownedContextOf(fn *types.Func, index int) *OwnedContext {
	fn = fn.Origin()
	f := m.owned[fn]
	if fn.Pkg() != m.Pkg {
		f = m.importedOwned[fn]
	}
	if f == nil || f.Index != index {
		return nil
	}
	return f
}

// findOwnedContexts records, and exports as facts, this package's
// functions that return a context they alone own with its cancel.
func (m *Model) findOwnedContexts(pass *analysis.Pass) {
	for fn, fd := range m.funcDecls() {
		res := fn.Signature().Results()
		ctxIndex := -1
		for i := 0; i < res.Len(); i++ {
			if IsContext(res.At(i).Type()) {
				ctxIndex = i
				break
			}
		}
		if ctxIndex < 0 {
			continue
		}
		if _, ok := m.cancelResultOf(fn); !ok {
			continue
		}
		if f, ok := m.returnsOwnedContext(fd, ctxIndex, res.Len()); ok {
			m.owned[fn] = f
			pass.ExportObjectFact(fn, f)
		}
	}
}

// returnsOwnedContext reports whether every return statement of decl
// (outside function literals) yields an owned context at result index.
func (m *Model) returnsOwnedContext(decl *ast.FuncDecl, index, nresults int) (*OwnedContext, bool) {
	f := &OwnedContext{Index: index}
	ok := everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		switch {
		case len(ret.Results) == nresults:
			return m.ownedRoot(ret.Results[index], -1, f, map[*types.Var]bool{})
		case len(ret.Results) == 1 && nresults > 1: // return context.WithCancel(context.Background())
			return m.ownedRoot(ret.Results[0], index, f, map[*types.Var]bool{})
		}
		return false
	})
	return f, ok
}

// ownedRoot reports whether the context e (result index of a
// multi-valued call, or -1) is made here from an uncancellable context by
// context-package derivations and wrappers; it notes a deadline in f.
func (m *Model) ownedRoot(e ast.Expr, index int, f *OwnedContext, visiting map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return m.everyLocalDef(e, visiting, func(d Def) bool {
			return m.ownedRoot(d.Rhs, d.Index, f, visiting)
		})
	case *ast.CallExpr:
		return m.ownedCall(e, max(index, 0), f, visiting)
	}
	return false
}

func (m *Model) ownedCall(call *ast.CallExpr, index int, f *OwnedContext, visiting map[*types.Var]bool) bool {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return false
	}
	switch DerivationOf(fn, index) {
	case DerivedDeadline:
		f.Deadline = true
		fallthrough
	case DerivedCancel:
		return len(call.Args) > 0 && (m.Origin(call.Args[0]).IsUnbounded() || m.ownedRoot(call.Args[0], -1, f, visiting))
	case DerivedValue:
		return len(call.Args) > 0 && m.ownedRoot(call.Args[0], -1, f, visiting)
	case DerivedDetached:
		return false // uncancellable, not owned: not what a cancel pairs with
	}
	if !IsContext(m.Info.TypeOf(call)) {
		return false
	}
	for _, a := range call.Args { // a wrapper: ctx = logtest.WithT(ctx, t)
		if IsContext(m.Info.TypeOf(a)) {
			return m.ownedRoot(a, -1, f, visiting)
		}
	}
	return false
}

// RootContext is a fact on a function whose context result is, on every
// return, one that nobody can cancel: Background, TODO or a detached
// context, possibly wrapped with values or by calls that take it and
// return a context (util.NamespacedContext() returning
// namespaces.WithNamespace(context.Background(), ns)). A call of it is a
// root, as context.Background() is.
type RootContext struct{}

func (*RootContext) AFact() {}

func (*RootContext) String() string { return "rootContext" }

// returnsRoot reports whether fn, of this package or another, carries the
// RootContext fact.
func (m *Model) returnsRoot(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == m.Pkg {
		return m.roots[fn]
	}
	return m.importedRoots[fn]
}

// findRootContexts records, and exports as facts, this package's
// functions with one result, a context nobody can cancel. It iterates to
// a fixed point, so that helpers calling helpers are found in any order.
func (m *Model) findRootContexts(pass *analysis.Pass) {
	type candidate struct {
		fn   *types.Func
		decl *ast.FuncDecl
	}
	var cands []candidate
	for fn, fd := range m.funcDecls() {
		res := fn.Signature().Results()
		if res.Len() == 1 && IsContext(res.At(0).Type()) {
			cands = append(cands, candidate{fn, fd})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if m.roots[c.fn] {
				continue
			}
			if everyReturn(c.decl.Body, func(ret *ast.ReturnStmt) bool {
				return len(ret.Results) == 1 && m.unboundedExpr(ret.Results[0], map[*types.Var]bool{})
			}) {
				m.roots[c.fn] = true
				changed = true
			}
		}
	}
	for fn := range m.roots {
		pass.ExportObjectFact(fn, &RootContext{})
	}
}

// unboundedExpr reports whether the context e can never be cancelled: its
// origin is unbounded, or it wraps such a context.
func (m *Model) unboundedExpr(e ast.Expr, visiting map[*types.Var]bool) bool {
	if m.Origin(e).IsUnbounded() {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return m.everyLocalDef(e, visiting, func(d Def) bool {
			return d.Index < 0 && m.unboundedExpr(d.Rhs, visiting)
		})
	case *ast.CallExpr:
		if !IsContext(m.Info.TypeOf(e)) {
			return false
		}
		if DerivationOf(m.CalleeFunc(e), 0) != NotDerived {
			return false // the context package's own: Origin judged it
		}
		for _, a := range e.Args { // a wrapper: namespaces.WithNamespace(ctx, ns)
			if IsContext(m.Info.TypeOf(a)) {
				return m.unboundedExpr(a, visiting)
			}
		}
	}
	return false
}

// everyLocalDef reports whether id is a local variable (not a parameter,
// field or package variable) with at least one assignment, each of which
// assigns a known value for which ok holds. A variable met again while its
// own assignments are being judged (ctx = wrap(ctx)) contributes nothing:
// its other assignments decide.
func (m *Model) everyLocalDef(id *ast.Ident, visiting map[*types.Var]bool, ok func(Def) bool) bool {
	v := m.VarOf(id)
	if v == nil || v.IsField() || isPackageVar(v) || m.IsParam(v) {
		return false
	}
	if visiting[v] {
		return true
	}
	visiting[v] = true
	defs := m.Defs(v)
	for _, d := range defs {
		if d.Rhs == nil || !ok(d) {
			return false
		}
	}
	return len(defs) > 0
}
