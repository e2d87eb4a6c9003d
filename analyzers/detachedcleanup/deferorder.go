package detachedcleanup

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// cancelled is a context that a deferred cancel ends, with the position of
// the assignment that made it.
type cancelled struct {
	v    *types.Var
	made token.Pos
}

// checkDeferOrder applies rule 2 to one function's defers: a call
// deferred before the defer cancel() of its context, or of an ancestor,
// runs after that cancel.
func (c *checker) checkDeferOrder(fr *frame) {
	for j, rec := range fr.defers {
		if j == 0 {
			continue
		}
		for _, cc := range c.cancelledBy(rec.stmt) {
			for _, earlier := range fr.defers[:j] {
				// A deferred call registered before the context was made
				// took an earlier value of the variable as its argument; a
				// deferred closure reads the variable when it runs, so it
				// sees the context made later, which the cancel ended.
				if earlier.stmt.Pos() < cc.made && !readsWhenRun(earlier.stmt) {
					continue
				}
				for _, u := range earlier.uses {
					if c.m.DerivesFrom(u.arg, cc.v) {
						c.add(u.call, ruleDeferOrder, fmt.Sprintf(
							"deferred %s runs after the deferred cancel of %s (defers run last-in, first-out), so it always sees a cancelled context",
							ctxmodel.CallName(u.call), cc.v.Name()), nil)
					}
				}
			}
		}
	}
}

// cancelledBy returns the contexts whose cancel function the defer
// statement calls: defer cancel(), defer cancel(err), or a deferred
// function literal that calls cancel() among its statements.
func (c *checker) cancelledBy(d *ast.DeferStmt) []cancelled {
	var calls []*ast.CallExpr
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		for _, s := range lit.Body.List {
			if es, ok := s.(*ast.ExprStmt); ok {
				if call, ok := ast.Unparen(es.X).(*ast.CallExpr); ok {
					calls = append(calls, call)
				}
			}
		}
	} else {
		calls = append(calls, d.Call)
	}
	var out []cancelled
	for _, call := range calls {
		if len(call.Args) > 1 {
			continue
		}
		v := c.m.VarOf(call.Fun)
		if v == nil || !c.m.HoldsCancel(call.Fun) {
			continue
		}
		out = append(out, c.contextsOfCancel(v, d.Pos())...)
	}
	return out
}

// contextsOfCancel returns the context variables assigned alongside the
// cancel variable v by its last assignment before pos (the value a defer
// at pos captures): ctx in ctx, cancel := context.WithTimeout(parent, d).
// Earlier assignments made other contexts, which this defer does not end.
func (c *checker) contextsOfCancel(v *types.Var, pos token.Pos) []cancelled {
	d, ok := lastDefBefore(c.m.Defs(v), pos)
	if !ok || d.Index < 0 || d.Rhs == nil {
		return nil
	}
	tuple, ok := c.pass.TypesInfo.TypeOf(d.Rhs).(*types.Tuple)
	if !ok {
		return nil
	}
	var out []cancelled
	for i := 0; i < tuple.Len(); i++ {
		if !ctxmodel.IsContext(tuple.At(i).Type()) {
			continue
		}
		if cv := c.m.VarOf(ctxmodel.AssignedResult(d.Node, i)); cv != nil {
			out = append(out, cancelled{cv, d.Node.Pos()})
		}
	}
	return out
}

// lastDefBefore returns the assignment of defs that comes last in the
// source before pos.
func lastDefBefore(defs []ctxmodel.Def, pos token.Pos) (ctxmodel.Def, bool) {
	var last ctxmodel.Def
	found := false
	for _, d := range defs {
		if d.Node.Pos() < pos && (!found || d.Node.Pos() > last.Node.Pos()) {
			last, found = d, true
		}
	}
	return last, found
}

// readsWhenRun reports whether the deferred call is a function literal,
// which reads the variables it captures when it runs, not when deferred.
func readsWhenRun(d *ast.DeferStmt) bool {
	_, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit)
	return ok
}
