package detachedcleanup

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// doneRecv returns the context whose Done channel e receives from
// (<-ctx.Done()), or nil.
func (c *checker) doneRecv(e ast.Expr) *doneCtx {
	return c.doneCtxOf(c.m.DoneReceived(e))
}

// endedOnPurpose reports whether the function brought about the region
// that starts at pos itself: only it can end the region's context (see
// ctxmodel.OwnEnd), and it either waits for that end with a plain
// <-ctx.Done() (wait) or called the context's cancel before pos. Code
// there knows the context is done, as a test of what a callee does with a
// cancelled context does; no cancellation from outside cut it short.
func (c *checker) endedOnPurpose(d *doneCtx, pos token.Pos, wait bool) bool {
	if d.recv != nil {
		return false
	}
	end := c.m.OwnEndOf(c.m.Origin(d.expr))
	return end != nil && (wait || end.CancelledBefore(pos))
}

// doneByComm returns the context of a select case that receives from its
// Done channel: case <-ctx.Done(), case _, ok := <-ctx.Done().
func (c *checker) doneByComm(comm ast.Stmt) *doneCtx {
	if e := ctxmodel.StmtValue(comm); e != nil {
		return c.doneRecv(e)
	}
	return nil
}

// ctxMethodCall returns the context x of a call x.name() of a
// context.Context method, when x is a variable or a variable's field.
func (c *checker) ctxMethodCall(e ast.Expr, name string) *doneCtx {
	return c.doneCtxOf(c.m.ContextMethodRecv(e, name))
}

// doneCtxOf returns the doneCtx of the context x, a variable or a
// variable's field, or nil.
func (c *checker) doneCtxOf(x ast.Expr) *doneCtx {
	if x == nil {
		return nil
	}
	v, recv := c.ctxRef(x)
	if v == nil {
		return nil
	}
	return &doneCtx{expr: x, v: v, recv: recv}
}

// doneByCond returns the contexts that are cancelled whenever cond holds:
// ctx.Err() != nil, err != nil after init err := ctx.Err(),
// errors.Is(ctx.Err(), context.Canceled), any of those &&-joined with
// other conditions, and errors.Is(err, context.Canceled) when exactly one
// context variable is in scope and it is cancellable.
func (c *checker) doneByCond(cond ast.Expr) []*doneCtx {
	switch e := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			return append(c.doneByCond(e.X), c.doneByCond(e.Y)...)
		case token.NEQ:
			if d := c.errNotNil(e); d != nil {
				return []*doneCtx{d}
			}
		case token.EQL:
			if d := c.errIsCtxErr(e.X, e.Y, cond.Pos()); d != nil {
				return []*doneCtx{d}
			}
		}
	case *ast.CallExpr:
		fn := c.m.CalleeFunc(e)
		if ctxmodel.IsPkgFunc(fn, "errors", "Is") && len(e.Args) == 2 {
			if d := c.errIsCtxErr(e.Args[0], e.Args[1], cond.Pos()); d != nil {
				return []*doneCtx{d}
			}
		}
	}
	return nil
}

// liveByCond returns the context cancelled in the else-branch of
// if ctx.Err() == nil.
func (c *checker) liveByCond(cond ast.Expr) *doneCtx {
	e, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || e.Op != token.EQL {
		return nil
	}
	if x := ctxmodel.ComparedWithNil(c.pass.TypesInfo, e); x != nil {
		return c.ctxErr(x)
	}
	return nil
}

// errNotNil matches ctx.Err() != nil, context.Cause(ctx) != nil and
// err != nil where err := ctx.Err().
func (c *checker) errNotNil(e *ast.BinaryExpr) *doneCtx {
	x := ctxmodel.ComparedWithNil(c.pass.TypesInfo, e)
	if x == nil {
		return nil
	}
	if d := c.ctxErr(x); d != nil {
		return d
	}
	// err holds ctx.Err() when that is its only assignment, in the if's
	// init or earlier: a context, once cancelled, stays cancelled.
	v := c.m.VarOf(x)
	if v == nil {
		return nil
	}
	defs := c.m.Defs(v)
	if len(defs) != 1 || defs[0].Rhs == nil || defs[0].Index >= 0 || c.m.IsParam(v) {
		return nil
	}
	return c.ctxErr(defs[0].Rhs)
}

// ctxErr returns the context of ctx.Err() or context.Cause(ctx).
func (c *checker) ctxErr(e ast.Expr) *doneCtx {
	if d := c.ctxMethodCall(e, "Err"); d != nil {
		return d
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !ctxmodel.IsPkgFunc(c.m.CalleeFunc(call), "context", "Cause") {
		return nil
	}
	v, recv := c.ctxRef(call.Args[0])
	if v == nil {
		return nil
	}
	return &doneCtx{expr: call.Args[0], v: v, recv: recv}
}

// errIsCtxErr matches (errors.Is or ==) an error against context.Canceled
// or DeadlineExceeded. The error being ctx.Err() names the context; any
// other error is credited to the only context in scope, and only for
// Canceled: a DeadlineExceeded may come from a timeout inside the callee
// (http.Client.Timeout errors match it) while ctx is still live.
func (c *checker) errIsCtxErr(errExpr, target ast.Expr, pos token.Pos) *doneCtx {
	name := c.ctxSentinel(target)
	if name == "" {
		errExpr, target = target, errExpr
		if name = c.ctxSentinel(target); name == "" {
			return nil
		}
	}
	if d := c.ctxErr(errExpr); d != nil {
		return d
	}
	if name != "Canceled" || !ctxmodel.IsError(c.pass.TypesInfo.TypeOf(errExpr)) {
		return nil
	}
	v := c.onlyContextInScope(pos)
	if v == nil || !c.m.VarOrigin(v).IsCancellable() {
		return nil
	}
	return &doneCtx{expr: ast.NewIdent(v.Name()), v: v}
}

// ctxSentinel returns "Canceled" or "DeadlineExceeded" when e denotes that
// variable of package context.
func (c *checker) ctxSentinel(e ast.Expr) string {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.Ident:
		id = e
	default:
		return ""
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != "context" || v.Parent() != v.Pkg().Scope() {
		return ""
	}
	if v.Name() == "Canceled" || v.Name() == "DeadlineExceeded" {
		return v.Name()
	}
	return ""
}

// contextVarsInScope returns the context-typed variables of the enclosing
// functions that are visible (declared and not shadowed) at pos.
func (c *checker) contextVarsInScope(pos token.Pos) []*types.Var {
	inner := c.innermost(pos)
	var vars []*types.Var
	for s := inner; s != nil && s != c.pass.Pkg.Scope() && s != types.Universe; s = s.Parent() {
		for _, name := range s.Names() {
			v, ok := s.Lookup(name).(*types.Var)
			if !ok || !ctxmodel.IsContext(v.Type()) {
				continue
			}
			if _, obj := inner.LookupParent(name, pos); obj == v {
				vars = append(vars, v)
			}
		}
	}
	return vars
}

// onlyContextInScope returns the one context variable visible at pos, or
// nil when there are none or several.
func (c *checker) onlyContextInScope(pos token.Pos) *types.Var {
	vars := c.contextVarsInScope(pos)
	if len(vars) != 1 {
		return nil
	}
	return vars[0]
}
