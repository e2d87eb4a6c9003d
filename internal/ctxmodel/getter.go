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
// stores into a struct field that keeps it for someone else: one the
// package calls or passes on, or one another return of the same function
// reads back. The second is a get-or-create (return the stored entry, or
// make one, store it and return it): the stored copy is the owner, and a
// later call hands it out again. Naked returns and returns of a call's
// results do not qualify: they may carry a new cancel.
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
	var stored, fresh []ast.Expr
	ok := everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		if len(ret.Results) != nresults {
			return false
		}
		r := ret.Results[index]
		if m.isStoredValue(r) {
			stored = append(stored, r)
		} else {
			fresh = append(fresh, r)
		}
		return true
	})
	if !ok || !makes && len(fresh) == 0 {
		return ok
	}
	// readBack: the fields that the stored returns read.
	readBack := make(map[*types.Var]bool)
	for _, r := range stored {
		if f := m.readField(r); f != nil {
			readBack[f] = true
		}
	}
	keeps := make(map[*types.Var]bool) // the fields the fresh returns' locals are stored into
	handedOutAgain := false            // a fresh cancel is kept only for later calls to return
	for _, r := range fresh {
		called, readAgain := false, false
		for _, f := range m.fieldsStoring(r, decl) {
			keeps[f] = true
			called = called || m.calledFields()[f]
			readAgain = readAgain || readBack[f]
		}
		if !called && !readAgain {
			return false
		}
		handedOutAgain = handedOutAgain || !called
	}
	for _, r := range stored {
		f := m.readField(r)
		switch {
		case m.Info.Types[r].IsNil():
		case f != nil && m.calledFields()[f]:
		case f != nil && keeps[f]:
			handedOutAgain = true
		default:
			return false
		}
	}
	// A cancel that only later calls hand out again is owned by whichever
	// caller keeps it: if every caller drops it, it is lost.
	return !handedOutAgain || m.someCallerKeeps(fn, index)
}

// someCallerKeeps reports whether a call of fn may keep its cancel result
// at index: fn has callers this package cannot see, or one of its calls
// is neither a statement of its own nor assigned with _ at index.
func (m *Model) someCallerKeeps(fn *types.Func, index int) bool {
	calls, ok := m.VisibleCalls(fn)
	if !ok {
		return true
	}
	dropped := make(map[*ast.CallExpr]bool)
	for _, f := range m.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok {
					dropped[call] = true
				}
			case *ast.AssignStmt:
				if call, ok := singleCall(n.Rhs); ok && index < len(n.Lhs) && IsBlank(n.Lhs[index]) {
					dropped[call] = true
				}
			}
			return true
		})
	}
	for _, call := range calls {
		if !dropped[call] {
			return true
		}
	}
	return false
}

func singleCall(rhs []ast.Expr) (*ast.CallExpr, bool) {
	if len(rhs) != 1 {
		return nil, false
	}
	call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr)
	return call, ok
}

// IsBlank reports whether e is the blank identifier _.
func IsBlank(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && id.Name == "_"
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

// readField returns the struct field e selects, or nil.
func (m *Model) readField(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	return m.selectedField(sel)
}

// fieldsStoring returns the struct fields into which decl's body stores
// e, when e is a local variable: as the field's value or a part of it
// (t.byKey[k] = entry{ctx, cancel}), or as an element of the map or
// slice the field holds (t.cancels[id] = cancel).
func (m *Model) fieldsStoring(e ast.Expr, decl *ast.FuncDecl) []*types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := m.Info.Uses[id].(*types.Var)
	if v == nil || v.IsField() || isPackageVar(v) {
		return nil
	}
	isV := func(e ast.Expr) bool { return m.isVar(e, v) }
	var fields []*types.Var
	for f, defs := range m.fieldIdx().defs {
		for _, d := range defs {
			if isV(d.Rhs) && Within(d.Node.Pos(), decl) {
				fields = append(fields, f)
				break
			}
		}
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok && isV(as.Rhs[i]) {
				if f := m.readField(ix.X); f != nil {
					fields = append(fields, f)
				}
			}
		}
		return true
	})
	return fields
}

// calledFields returns the struct fields of the package's types that its
// code calls (s.cancel(), defer e.cancel()) or passes to a call
// (t.Cleanup(s.cancel)), built on first need. A field holding a map or
// slice of functions counts when an element is called: directly
// (t.cancels[id]()), or through a local holding one (a range value, or
// c, ok := t.cancels[id]).
func (m *Model) calledFields() map[*types.Var]bool {
	m.calledOnce.Do(func() {
		m.called = make(map[*types.Var]bool)
		for _, f := range m.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					m.markCalled(call.Fun, map[*types.Var]bool{})
					for _, a := range call.Args {
						m.markCalled(a, map[*types.Var]bool{})
					}
				}
				return true
			})
		}
	})
	return m.called
}

// markCalled records the field that the called (or handed on) value e
// comes from, if any.
func (m *Model) markCalled(e ast.Expr, visiting map[*types.Var]bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if s, ok := m.Info.Selections[e]; ok && s.Kind() == types.FieldVal {
			if f, ok := s.Obj().(*types.Var); ok {
				m.called[f.Origin()] = true
			}
		}
	case *ast.IndexExpr:
		m.markCalled(e.X, visiting)
	case *ast.Ident:
		v := m.VarOf(e)
		if v == nil || isPackageVar(v) || visiting[v] {
			return
		}
		visiting[v] = true
		for _, d := range m.Defs(v) {
			if rs, ok := d.Node.(*ast.RangeStmt); ok && rs.Value != nil && m.VarOf(rs.Value) == v {
				m.markCalled(rs.X, visiting)
			} else if d.Rhs != nil {
				m.markCalled(d.Rhs, visiting)
			}
		}
	}
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
