package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// CancelGetter is a fact on a function whose cancel-typed result is, on
// every return, a value read from a struct field or a package variable:
// an accessor of a cancel function stored earlier, not a producer of a new
// one. Its callers do not own the value and need not call it.
type CancelGetter struct {
	Index int // which result
}

func (*CancelGetter) AFact() {}

func (f *CancelGetter) String() string { return fmt.Sprintf("cancelGetter(result %d)", f.Index) }

// isGetter reports whether fn is a getter of a stored cancel function at
// result index: one of this package, or one carrying a CancelGetter fact.
func (m *Model) isGetter(fn *types.Func, index int) bool {
	fn = fn.Origin()
	if i, ok := m.getters[fn]; ok {
		return i == index
	}
	if fn.Pkg() == nil || fn.Pkg() == m.Pkg {
		return false
	}
	i, ok := m.importedGetters[fn]
	return ok && i == index
}

// findGetters records, and exports as facts, this package's functions
// whose cancel result is only ever read from storage.
func (m *Model) findGetters(pass *analysis.Pass) {
	for fn, fd := range m.funcDecls() {
		index, ok := cancelResultIndex(fn)
		if !ok || !m.returnsStoredCancel(fd, fn, index) {
			continue
		}
		m.getters[fn] = index
		pass.ExportObjectFact(fn, &CancelGetter{Index: index})
	}
}

// cancelResultIndex returns the index of fn's first result of type
// context.CancelFunc or CancelCauseFunc.
func cancelResultIndex(fn *types.Func) (int, bool) {
	res := fn.Type().(*types.Signature).Results()
	for i := 0; i < res.Len(); i++ {
		if IsCancelFunc(res.At(i).Type()) {
			return i, true
		}
	}
	return 0, false
}

// returnsStoredCancel reports whether every return statement of decl
// (outside function literals) yields, at result index, a cancel that
// storage keeps: a struct field or a package variable (or nil), read
// back, in a body that makes no cancel itself; or a cancel the body also
// stores into a struct field that the package calls. The second is a
// get-or-create (return the stored entry, or make one, store it and
// return it): the stored copy is the owner, and whoever calls the field
// releases it. Naked returns and returns of a call's results do not
// qualify: they may carry a new cancel.
func (m *Model) returnsStoredCancel(decl *ast.FuncDecl, fn *types.Func, index int) bool {
	nresults := fn.Type().(*types.Signature).Results().Len()
	makes := !everyNode(decl.Body, func(n ast.Node) bool {
		call, isCall := n.(*ast.CallExpr)
		if !isCall {
			return true
		}
		_, makes := m.CancelResult(call)
		return !makes
	})
	return everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		if len(ret.Results) != nresults {
			return false
		}
		r := ret.Results[index]
		if m.isStoredValue(r) {
			// A cancel made here and returned from the field it was
			// stored in is the field's to release, if anyone calls it.
			return !makes || m.readsCalledField(r)
		}
		return m.storedInCalledField(r, decl)
	}, nil)
}

// everyNode reports whether ok holds for every node of body outside
// nested function literals.
func everyNode(body *ast.BlockStmt, ok func(ast.Node) bool) bool {
	all := true
	ast.Inspect(body, func(n ast.Node) bool {
		if _, lit := n.(*ast.FuncLit); lit || !all || n == nil {
			return false
		}
		all = ok(n)
		return all
	})
	return all
}

// readsCalledField reports whether e reads a struct field that the
// package calls or passes to a call.
func (m *Model) readsCalledField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := m.Info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	f, _ := s.Obj().(*types.Var)
	return f != nil && m.calledFields()[f.Origin()]
}

// storedInCalledField reports whether e is a local that decl's body also
// stores into a struct field the package calls or passes to a call
// (t.byKey[k] = entry{ctx, cancel}; release calls e.cancel()).
func (m *Model) storedInCalledField(e ast.Expr, decl *ast.FuncDecl) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := m.Info.Uses[id].(*types.Var)
	if v == nil || v.IsField() || isPackageVar(v) {
		return false
	}
	called := m.calledFields()
	for f, defs := range m.fieldIdx().defs {
		if !called[f] {
			continue
		}
		for _, d := range defs {
			rid, ok := ast.Unparen(d.Rhs).(*ast.Ident)
			if ok && m.Info.Uses[rid] == v && decl.Pos() <= d.Node.Pos() && d.Node.End() <= decl.End() {
				return true
			}
		}
	}
	return false
}

// calledFields returns the struct fields of the package's types that its
// code calls (s.cancel(), defer e.cancel()) or passes to a call
// (t.Cleanup(s.cancel)), built on first need.
func (m *Model) calledFields() map[*types.Var]bool {
	m.calledOnce.Do(func() {
		m.called = make(map[*types.Var]bool)
		mark := func(e ast.Expr) {
			sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
			if !ok {
				return
			}
			if s, ok := m.Info.Selections[sel]; ok && s.Kind() == types.FieldVal {
				if f, ok := s.Obj().(*types.Var); ok {
					m.called[f.Origin()] = true
				}
			}
		}
		for _, f := range m.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					mark(call.Fun)
					for _, a := range call.Args {
						mark(a)
					}
				}
				return true
			})
		}
	})
	return m.called
}

// isStoredValue reports whether e reads a struct field, a package-level
// variable or an element of a map or slice, or asserts the type of a
// stored value (v.(context.CancelFunc) from a sync.Map), or is nil (no
// cancel at all), directly or through locals assigned only such reads
// (fn, ok = c.byID[id]; return fn, ok).
func (m *Model) isStoredValue(e ast.Expr) bool {
	return m.isStoredRead(e, map[*types.Var]bool{})
}

func (m *Model) isStoredRead(e ast.Expr, visiting map[*types.Var]bool) bool {
	if m.Info.Types[e].IsNil() {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if sel, ok := m.Info.Selections[e]; ok {
			return sel.Kind() == types.FieldVal
		}
		v, _ := m.Info.Uses[e.Sel].(*types.Var)
		return isPackageVar(v)
	case *ast.IndexExpr:
		return !m.isCall(e.X)
	case *ast.TypeAssertExpr:
		return true
	case *ast.Ident:
		v, _ := m.Info.Uses[e].(*types.Var)
		if isPackageVar(v) {
			return true
		}
		return v != nil && !v.IsField() && m.localHoldsStoredRead(v, visiting)
	}
	return false
}

// localHoldsStoredRead reports whether every assignment to the local v is
// a stored read (see isStoredRead); a comma-ok read assigns its value
// as result 0.
func (m *Model) localHoldsStoredRead(v *types.Var, visiting map[*types.Var]bool) bool {
	defs := m.Defs(v)
	if len(defs) == 0 || visiting[v] {
		return false
	}
	visiting[v] = true
	for _, d := range defs {
		switch {
		case d.Rhs == nil:
			return false
		case d.Index < 0:
			if !m.isStoredRead(d.Rhs, visiting) {
				return false
			}
		case d.Index == 0:
			switch ast.Unparen(d.Rhs).(type) {
			case *ast.IndexExpr, *ast.TypeAssertExpr:
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

func (m *Model) isCall(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok
}

func isPackageVar(v *types.Var) bool {
	return v != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}
