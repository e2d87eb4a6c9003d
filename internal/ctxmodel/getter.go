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
// (outside function literals) yields, at result index, a struct field or
// a package variable (or nil), and the body makes no cancel itself. Naked
// returns and returns of a call's results do not qualify: they may carry a
// new cancel.
func (m *Model) returnsStoredCancel(decl *ast.FuncDecl, fn *types.Func, index int) bool {
	nresults := fn.Type().(*types.Signature).Results().Len()
	return everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		return len(ret.Results) == nresults && m.isStoredValue(ret.Results[index])
	}, func(n ast.Node) bool {
		// A function that makes a cancel and returns it from the field
		// it stored it in is a producer.
		call, isCall := n.(*ast.CallExpr)
		if !isCall {
			return true
		}
		_, makes := m.CancelResult(call)
		return !makes
	})
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
