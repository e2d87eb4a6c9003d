package detachedcleanup

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// The rules depend on where a call sits (a select case on ctx.Done(), the
// then-branch of a ctx.Err() test, a deferred function literal, a t.Cleanup
// callback, a function's defer stack), which a flat traversal does not
// give. So each top-level declaration is walked once, top-down, carrying
// that state; every node is visited once, so the walk is linear.

// state is what the walk knows at a node.
type state struct {
	done     *doneCtx  // contexts known to be cancelled here, innermost first
	fn       *frame    // the function whose defer stack statements here push on
	deferred *deferRec // inside a deferred function literal: that defer
	tCleanup ast.Expr  // inside a t.Cleanup callback: the t
	later    *later    // inside a closure that runs later, after this code returns
	owner    ast.Node  // the function declaration or literal whose body this is
}

// later is a function literal that runs after the code that wrote it has
// returned: one returned to the caller (who defers it), or one handed to a
// callee that keeps it (a shutdown registry).
type later struct {
	lit *ast.FuncLit
	how string // "returned by load", "registered with reg.Register"
	// returnedBy is the function returning lit, for a returned literal:
	// only its own contexts are done with when lit runs; a context it
	// captured from further out belongs to code still running when its
	// own caller (that code) runs lit.
	returnedBy ast.Node
}

// doneCtx is a context known to be cancelled in a region: a variable, or a
// field of a variable (s.ctx).
type doneCtx struct {
	expr   ast.Expr   // as written, for messages
	v      *types.Var // the variable, or the field
	recv   *types.Var // the variable holding the field; nil for a variable
	killed bool       // reassigned since the region began
	next   *doneCtx
}

func (st state) withDone(d *doneCtx) state {
	d.next = st.done
	st.done = d
	return st
}

// frame is one function body's defer stack, in registration (source) order.
type frame struct {
	defers []*deferRec
}

// deferRec is one defer statement and the context-taking calls that run
// when it does: the deferred call itself, or the calls inside a deferred
// function literal.
type deferRec struct {
	stmt *ast.DeferStmt
	uses []ctxUse
}

type ctxUse struct {
	call *ast.CallExpr
	arg  ast.Expr
}

func (c *checker) walk(n ast.Node, st state) {
	if n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool { return c.visit(x, st) })
}

func (c *checker) walkExprs(list []ast.Expr, st state) {
	for _, e := range list {
		c.walk(e, st)
	}
}

// visit handles the nodes that change the state for their children, and
// lets ast.Inspect descend into the others.
func (c *checker) visit(n ast.Node, st state) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		if n.Body != nil {
			c.funcBody(n, n.Body, state{})
		}
		return false
	case *ast.FuncLit:
		// A closure written in a done region runs after the cancellation
		// too, and one written in a deferred literal runs when it does.
		c.funcBody(n, n.Body, st)
		return false
	case *ast.BlockStmt:
		c.stmts(n.List, st)
		return false
	case *ast.CaseClause:
		c.walkExprs(n.List, st)
		c.stmts(n.Body, st)
		return false
	case *ast.CommClause:
		c.walk(n.Comm, st)
		body := st
		if d := c.doneByComm(n.Comm); d != nil && !c.endedOnPurpose(d, n.Colon, false) {
			body = st.withDone(d)
		}
		c.stmts(n.Body, body)
		return false
	case *ast.IfStmt:
		c.ifStmt(n, st)
		return false
	case *ast.DeferStmt:
		c.deferStmt(n, st)
		return false
	case *ast.AssignStmt:
		c.walkExprs(n.Rhs, st)
		c.assigned(n, st)
		c.walkExprs(n.Lhs, st)
		return false
	case *ast.CallExpr:
		return c.callExpr(n, st)
	case *ast.ReturnStmt:
		for _, r := range n.Results {
			if lit, ok := ast.Unparen(r).(*ast.FuncLit); ok {
				inner := st.runLater(lit, "returned to the caller")
				inner.later.returnedBy = st.owner
				c.funcBody(lit, lit.Body, inner)
				continue
			}
			c.walk(r, st)
		}
		return false
	}
	return true
}

func (st state) runLater(lit *ast.FuncLit, how string) state {
	st.later = &later{lit: lit, how: how}
	return st
}

func (c *checker) funcBody(owner ast.Node, body *ast.BlockStmt, st state) {
	fr := &frame{}
	st.fn = fr
	st.owner = owner
	c.stmts(body.List, st)
	c.checkDeferOrder(fr)
}

// stmts walks a statement list; the statements after a plain <-ctx.Done()
// run once ctx is cancelled.
func (c *checker) stmts(list []ast.Stmt, st state) {
	for _, s := range list {
		c.walk(s, st)
		if es, ok := s.(*ast.ExprStmt); ok {
			if d := c.doneRecv(es.X); d != nil && !c.endedOnPurpose(d, es.End(), true) {
				st = st.withDone(d)
			}
		}
	}
}

func (c *checker) ifStmt(n *ast.IfStmt, st state) {
	c.walk(n.Init, st)
	c.walk(n.Cond, st)
	then, els := st, st
	for _, d := range c.doneByCond(n.Cond) {
		if !c.endedOnPurpose(d, n.Cond.Pos(), false) {
			then = then.withDone(d)
		}
	}
	if d := c.liveByCond(n.Cond); d != nil && !c.endedOnPurpose(d, n.Cond.Pos(), false) {
		els = els.withDone(d)
	}
	c.walk(n.Body, then)
	c.walk(n.Else, els)
}

func (c *checker) deferStmt(n *ast.DeferStmt, st state) {
	rec := &deferRec{stmt: n}
	if st.fn != nil {
		st.fn.defers = append(st.fn.defers, rec)
	}
	call := n.Call
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		c.walkExprs(call.Args, st)
		inner := st
		inner.deferred = rec
		c.funcBody(lit, lit.Body, inner)
		return
	}
	// The function value and the arguments are evaluated now; only the
	// call itself is deferred.
	c.walk(call.Fun, st)
	c.walkExprs(call.Args, st)
	c.checkCall(call, st, rec)
}

// callExpr checks a call and tells the walk whether to descend into it.
func (c *checker) callExpr(call *ast.CallExpr, st state) bool {
	c.checkCall(call, st, nil)
	if d, lit := c.afterFuncCallback(call); lit != nil {
		// context.AfterFunc(ctx, f) runs f once ctx is done.
		c.walk(call.Fun, st)
		c.walk(call.Args[0], st)
		c.funcBody(lit, lit.Body, st.withDone(d))
		return false
	}
	if c.keepsLiteral(call) {
		c.walk(call.Fun, st)
		for i, a := range call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok && c.m.KeepsFuncArg(call, i) {
				c.funcBody(lit, lit.Body, st.runLater(lit, "registered with "+ctxmodel.CallName(call)))
				continue
			}
			c.walk(a, st)
		}
		return false
	}
	lit := c.tCleanupCallback(call)
	if lit == nil {
		return true
	}
	c.walk(call.Fun, st)
	inner := st
	inner.tCleanup = ast.Unparen(call.Fun).(*ast.SelectorExpr).X
	c.funcBody(lit, lit.Body, inner)
	return false
}

// keepsLiteral reports whether call hands a function literal to a callee
// that keeps it for later.
func (c *checker) keepsLiteral(call *ast.CallExpr) bool {
	for i, a := range call.Args {
		if _, ok := ast.Unparen(a).(*ast.FuncLit); ok && c.m.KeepsFuncArg(call, i) {
			return true
		}
	}
	return false
}

// afterFuncCallback returns the context and the function literal of
// context.AfterFunc(ctx, func() { ... }), or nil.
func (c *checker) afterFuncCallback(call *ast.CallExpr) (*doneCtx, *ast.FuncLit) {
	if len(call.Args) != 2 || !ctxmodel.IsPkgFunc(c.m.CalleeFunc(call), "context", "AfterFunc") {
		return nil, nil
	}
	lit, ok := ast.Unparen(call.Args[1]).(*ast.FuncLit)
	if !ok {
		return nil, nil
	}
	v, recv := c.ctxRef(call.Args[0])
	if v == nil {
		return nil, nil
	}
	return &doneCtx{expr: call.Args[0], v: v, recv: recv}, lit
}

// tCleanupCallback returns the function literal passed to a testing
// Cleanup method (t.Cleanup, b.Cleanup, tb.Cleanup), or nil.
func (c *checker) tCleanupCallback(call *ast.CallExpr) *ast.FuncLit {
	if len(call.Args) != 1 {
		return nil
	}
	lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit)
	if !ok {
		return nil
	}
	if _, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok {
		return nil
	}
	fn := c.m.CalleeFunc(call)
	if fn == nil || fn.Name() != "Cleanup" || fn.Pkg() == nil || fn.Pkg().Path() != "testing" {
		return nil
	}
	return lit
}

// assigned notes assignments that end a done region for a context (its
// variable or field now holds another value) and variables that hold a
// context whose derivation rule 4 reported.
func (c *checker) assigned(n *ast.AssignStmt, st state) {
	if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
		return
	}
	for _, lhs := range n.Lhs {
		v, recv := c.ctxRef(lhs)
		if v == nil {
			continue
		}
		for d := st.done; d != nil; d = d.next {
			if d.v == v && d.recv == recv || d.recv != nil && d.recv == v {
				d.killed = true
			}
		}
	}
	if len(n.Rhs) == 1 && len(n.Lhs) >= 1 {
		if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && c.rule4Calls[call] {
			if v := c.m.VarOf(n.Lhs[0]); v != nil {
				c.derivedTold[v] = true
			}
		}
	}
}

// ctxRef returns the variable, or the field and the variable holding it
// (s.ctx), that e denotes.
func (c *checker) ctxRef(e ast.Expr) (v, recv *types.Var) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return c.m.VarOf(e), nil
	case *ast.SelectorExpr:
		sel, ok := c.pass.TypesInfo.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return nil, nil
		}
		recv := c.m.VarOf(e.X)
		f, _ := sel.Obj().(*types.Var)
		if recv == nil || f == nil {
			return nil, nil
		}
		return f, recv
	}
	return nil, nil
}

// doneFor returns the done context that arg is, or derives from (by
// context.With* functions other than WithoutCancel), or nil.
func (c *checker) doneFor(arg ast.Expr, st state) *doneCtx {
	v, recv := c.ctxRef(arg)
	for d := st.done; d != nil; d = d.next {
		if d.killed {
			continue
		}
		if v != nil && d.v == v && d.recv == recv {
			return d
		}
		// A field is matched through derivations only from a local
		// variable: s.ctx and o.ctx are different contexts.
		if _, isSel := ast.Unparen(arg).(*ast.SelectorExpr); !isSel && c.m.DerivesFrom(arg, d.v) {
			return d
		}
	}
	return nil
}

func (st state) inDoneRegion() bool {
	for d := st.done; d != nil; d = d.next {
		if !d.killed {
			return true
		}
	}
	return false
}
