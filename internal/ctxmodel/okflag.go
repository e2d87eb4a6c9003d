package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// CancelOnlyIfOK is a fact on a producer that reports its success in a
// bool result, OK, and returns no cancel at result Cancel whenever that
// result is false:
//
//	func acquire(ctx context.Context) (context.Context, context.CancelFunc, bool) {
//		if full {
//			return ctx, nil, false
//		}
//		...
//		return c, cancel, true
//	}
//
// A caller's path on which the flag is known false has no cancel to call.
type CancelOnlyIfOK struct {
	Cancel, OK int
}

func (*CancelOnlyIfOK) AFact() {}

func (f *CancelOnlyIfOK) String() string {
	return fmt.Sprintf("cancelOnlyIfOK(result %d, flag %d)", f.Cancel, f.OK)
}

// OKResult returns the index of call's success flag, when its callee is
// a producer whose cancel result at cancel is no cancel whenever that
// flag is false ([CancelOnlyIfOK]).
func (m *Model) OKResult(call *ast.CallExpr, cancel int) (int, bool) {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return 0, false
	}
	f, ok := m.okFlags[fn.Origin()]
	if !ok {
		f, ok = m.importedOKFlags[fn.Origin()]
	}
	return f.OK, ok && f.Cancel == cancel
}

// findOKFlags computes, and exports as facts, this package's producers
// with a success flag.
func (m *Model) findOKFlags(pass *analysis.Pass) {
	for fn, fd := range m.funcDecls() {
		if _, getter := m.getters[fn]; getter {
			continue
		}
		cancel, ok := m.cancelResultOf(fn)
		if !ok {
			continue
		}
		if flag, ok := m.successFlag(fd, fn, cancel); ok {
			f := &CancelOnlyIfOK{Cancel: cancel, OK: flag}
			m.okFlags[fn] = *f
			pass.ExportObjectFact(fn, f)
		}
	}
}

// successFlag returns the bool result of fn (declared by decl) that is
// false only on returns yielding no cancel at result cancel: some return
// yields false there, every one that does yields no cancel, and every
// return lists its results.
func (m *Model) successFlag(decl *ast.FuncDecl, fn *types.Func, cancel int) (int, bool) {
	res := fn.Signature().Results()
	for flag := range res.Len() {
		if !isBool(res.At(flag).Type()) {
			continue
		}
		declines := 0
		ok := everyReturn(decl.Body, func(ret *ast.ReturnStmt) bool {
			if len(ret.Results) != res.Len() {
				return false
			}
			if !isFalse(m.Info, ret.Results[flag]) {
				return true
			}
			declines++
			return m.isNoCancel(decl.Body, ret.Results[cancel], map[*types.Var]bool{})
		})
		if ok && declines > 0 {
			return flag, true
		}
	}
	return 0, false
}

// ImpliesFalse reports whether cond evaluating to outcome implies that
// the bool variable v is false (!ok true, ok false, and their
// combinations).
func (m *Model) ImpliesFalse(cond ast.Expr, outcome bool, v *types.Var) bool {
	return CondImplies(cond, outcome, func(e ast.Expr, outcome bool) bool {
		return !outcome && m.isVar(e, v)
	})
}

func isFalse(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
}
