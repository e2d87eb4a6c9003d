package ctxmodel

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// CancelResult reports whether call produces a cancel function and at which
// result index: any call with a result of type context.CancelFunc or
// context.CancelCauseFunc, or of a function carrying a ReturnsCancel fact
// (helpers, here or in other packages, that return a cancel as func()).
// Getters (see [CancelGetter]) hand out a cancel stored earlier and
// conversions (context.CancelFunc(f)) wrap a function that cancels
// nothing; neither is a producer.
func (m *Model) CancelResult(call *ast.CallExpr) (int, bool) {
	tv, ok := m.Info.Types[call]
	if !ok || tv.Type == nil || tv.IsType() {
		return 0, false
	}
	if fun, ok := m.Info.Types[call.Fun]; ok && fun.IsType() {
		return 0, false // a conversion, context.CancelFunc(func() {}): a placeholder, not a cancel
	}
	if i, ok := cancelTypedResult(tv.Type); ok {
		if fn := m.CalleeFunc(call); fn != nil && m.isGetter(fn, i) {
			return 0, false
		}
		return i, true
	}
	if fn := m.CalleeFunc(call); fn != nil {
		if i, ok := m.helperIndex(fn); ok {
			return i, true
		}
	}
	return 0, false
}

// ProducerName names the producing call for messages: "context.WithTimeout",
// "signal.NotifyContext", "newTimeout", "s.begin".
func (m *Model) ProducerName(call *ast.CallExpr) string {
	if fn := m.CalleeFunc(call); fn != nil {
		if RecvNamed(fn) == nil && fn.Pkg() != nil && fn.Pkg() != m.Pkg {
			return fn.Pkg().Name() + "." + fn.Name()
		}
	}
	return ExprString(call.Fun)
}

func (m *Model) helperIndex(fn *types.Func) (int, bool) {
	fn = fn.Origin()
	if i, ok := m.helpers[fn]; ok {
		return i, true
	}
	if fn.Pkg() == m.Pkg {
		return 0, false
	}
	i, ok := m.importedReturns[fn]
	return i, ok
}

// cancelTypedResult returns the index of the first result of type
// context.CancelFunc or CancelCauseFunc in a call's type t.
func cancelTypedResult(t types.Type) (int, bool) {
	if tuple, ok := t.(*types.Tuple); ok {
		for i := 0; i < tuple.Len(); i++ {
			if IsCancelFunc(tuple.At(i).Type()) {
				return i, true
			}
		}
		return 0, false
	}
	return 0, IsCancelFunc(t)
}

func isTuple(t types.Type) bool {
	_, ok := t.(*types.Tuple)
	return ok
}

// findHelpers records, and exports as facts, this package's functions that
// return a cancel function as a plain func(). It iterates to a fixed point
// so that helpers calling helpers are found whatever their order.
func (m *Model) findHelpers(pass *analysis.Pass) {
	type candidate struct {
		fn    *types.Func
		decl  *ast.FuncDecl
		index int
	}
	var cands []candidate
	for fn, fd := range m.funcDecls() {
		if i, ok := plainFuncResult(fn); ok {
			cands = append(cands, candidate{fn, fd, i})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if _, done := m.helpers[c.fn]; done {
				continue
			}
			if m.returnsCancel(c.decl, c.fn, c.index) {
				m.helpers[c.fn] = c.index
				changed = true
			}
		}
	}
	for fn, i := range m.helpers {
		pass.ExportObjectFact(fn, &ReturnsCancel{Index: i})
	}
}

// plainFuncResult returns the index of fn's only func() result.
func plainFuncResult(fn *types.Func) (int, bool) {
	sig := fn.Type().(*types.Signature)
	index := -1
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if IsCancelFunc(t) {
			return 0, false // already a producer by its type
		}
		if IsPlainFunc(t) {
			if index >= 0 {
				return 0, false // ambiguous
			}
			index = i
		}
	}
	return index, index >= 0
}

// returnsCancel reports whether every return statement of decl (outside
// nested function literals) yields a cancel value at result index.
func (m *Model) returnsCancel(decl *ast.FuncDecl, fn *types.Func, index int) bool {
	sig := fn.Type().(*types.Signature)
	named := sig.Results().At(index)
	return everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
		return m.returnYieldsCancel(ret, named, index, sig.Results().Len())
	})
}

// everyReturn reports whether body has at least one return statement
// outside nested function literals, and ret holds for each of them.
func everyReturn(body *ast.BlockStmt, ret func(*ast.ReturnStmt) bool) bool {
	returns := 0
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			returns++
			ok = ret(n)
		}
		return true
	})
	return ok && returns > 0
}

func (m *Model) returnYieldsCancel(ret *ast.ReturnStmt, named *types.Var, index, nresults int) bool {
	visiting := map[*types.Var]bool{}
	switch {
	case len(ret.Results) == 0:
		if named.Name() == "" {
			return false
		}
		return m.allDefsHoldCancel(named, m.Defs(named), visiting) // a named result is a "param"
	case len(ret.Results) == 1 && nresults > 1:
		return m.holdsCancel(ret.Results[0], index, visiting)
	case index < len(ret.Results):
		return m.holdsCancel(ret.Results[index], -1, visiting)
	}
	return false
}
