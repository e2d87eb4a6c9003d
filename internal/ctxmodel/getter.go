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

// isStoredValue reports whether e reads a struct field or a package-level
// variable, or is nil (no cancel at all).
func (m *Model) isStoredValue(e ast.Expr) bool {
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
	case *ast.Ident:
		v, _ := m.Info.Uses[e].(*types.Var)
		return isPackageVar(v)
	}
	return false
}

func isPackageVar(v *types.Var) bool {
	return v != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}
