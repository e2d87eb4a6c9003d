package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checkDeferInLoop implements rule 6: defer cancel() inside a for or range
// body, for a cancel function produced in that same body. The deferred
// calls pile up until the function returns.
func (c *checker) checkDeferInLoop() {
	for cur := range c.m.Preorder((*ast.DeferStmt)(nil)) {
		d := cur.Node().(*ast.DeferStmt)
		loop, stmt := enclosingLoop(cur)
		if loop == nil || c.inTestFile(d) && !c.unboundedLoop(stmt) {
			continue
		}
		v := c.deferredCancelVar(d.Call)
		if v == nil {
			continue
		}
		prod := c.producerIn(v, loop)
		if prod == nil || c.iterationEscapes(prod, v, loop) {
			continue
		}
		c.report(d, fmt.Sprintf("defer %s() inside a loop runs only when the function returns; call %s at the end of each iteration", v.Name(), v.Name()))
	}
}

// enclosingLoop returns the body of the for or range statement around cur
// in the same function, and the statement, or nil.
func enclosingLoop(cur inspector.Cursor) (*ast.BlockStmt, ast.Stmt) {
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch n := p.Node().(type) {
		case *ast.ForStmt:
			return n.Body, n
		case *ast.RangeStmt:
			return n.Body, n
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// unboundedLoop reports whether the code does not bound loop's trip count
// with a constant: for {}, for cond {}, a for loop whose condition does
// not compare with a constant (for ; ctx.Err() == nil; ..., for i := 0;
// i < b.N; i++), a range over a channel, an iterator function or a
// non-constant count. In a test, a loop over a table, an array, a
// constant count or a container runs a few times and its deferred
// cancels end with the test: rule 6 leaves it alone there.
func (c *checker) unboundedLoop(loop ast.Stmt) bool {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Init == nil || l.Post == nil || !c.comparesWithConstant(l.Cond)
	case *ast.RangeStmt:
		t := c.pass.TypesInfo.TypeOf(l.X)
		if t == nil {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Chan, *types.Signature:
			return true
		case *types.Basic:
			return u.Info()&types.IsInteger != 0 && !c.fixedCount(l.X)
		}
	}
	return false
}

// comparesWithConstant reports whether cond is a comparison one side of
// which is a constant or a container's length (i < 5, n <= maxRetries,
// i < len(cases)): a count the code fixes, as a range over the container
// would.
func (c *checker) comparesWithConstant(cond ast.Expr) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok {
		return false
	}
	switch b.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.NEQ:
	default:
		return false
	}
	return c.fixedCount(b.X) || c.fixedCount(b.Y)
}

// fixedCount reports whether e is a count the code fixes: a constant, a
// container's length, or arithmetic of those (2*len(cases), len(a)+1).
func (c *checker) fixedCount(e ast.Expr) bool {
	if c.pass.TypesInfo.Types[e].Value != nil {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO:
			return c.fixedCount(e.X) && c.fixedCount(e.Y)
		}
	case *ast.CallExpr:
		id, ok := ast.Unparen(e.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin)
		return ok && (b.Name() == "len" || b.Name() == "cap")
	case *ast.Ident:
		return c.fixedLocal(e)
	}
	return false
}

// fixedLocal reports whether id is a local variable assigned once, at its
// declaration, a fixed count (n := 10; for i := 0; i < n; i++), and never
// changed after (no other assignment, no address taken).
func (c *checker) fixedLocal(id *ast.Ident) bool {
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() || c.m.IsParam(v) {
		return false
	}
	defs := c.m.Defs(v)
	return len(defs) == 1 && defs[0].Rhs != nil && defs[0].Index < 0 && c.fixedCount(defs[0].Rhs)
}

func (c *checker) inTestFile(n ast.Node) bool {
	return strings.HasSuffix(c.pass.Fset.File(n.Pos()).Name(), "_test.go")
}

// deferredCancelVar returns the variable a deferred call calls, directly
// (defer cancel()) or as the only statement of a function literal
// (defer func() { cancel() }()), when it may hold a cancel function.
func (c *checker) deferredCancelVar(call *ast.CallExpr) *types.Var {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok && len(call.Args) == 0 {
		if len(lit.Body.List) != 1 {
			return nil
		}
		st, ok := lit.Body.List[0].(*ast.ExprStmt)
		if !ok {
			return nil
		}
		inner, ok := ast.Unparen(st.X).(*ast.CallExpr)
		if !ok {
			return nil
		}
		call = inner
	}
	v := c.m.VarOf(call.Fun)
	if v == nil || !(ctxmodel.IsCancelFunc(v.Type()) || ctxmodel.IsPlainFunc(v.Type())) {
		return nil
	}
	return v
}

// producerIn returns the statement inside body that gives v a cancel
// function, or nil.
func (c *checker) producerIn(v *types.Var, body *ast.BlockStmt) ast.Node {
	for _, d := range c.m.Defs(v) {
		if d.Node.Pos() >= body.Pos() && d.Node.End() <= body.End() && c.defHoldsCancel(d) {
			return d.Node
		}
	}
	return nil
}

// defHoldsCancel reports whether the assignment d stores a cancel function.
func (c *checker) defHoldsCancel(d ctxmodel.Def) bool {
	if d.Rhs == nil {
		return false
	}
	if d.Index >= 0 {
		call, ok := ast.Unparen(d.Rhs).(*ast.CallExpr)
		if !ok {
			return false
		}
		i, ok := c.m.CancelResult(call)
		return ok && i == d.Index
	}
	return c.m.HoldsCancel(d.Rhs)
}

// storesOwnCancel reports whether d stores a cancel function this package
// made: a cancel value that is not just a parameter. A cancel received as a
// parameter belongs to the caller, who made it and may well call it.
func (c *checker) storesOwnCancel(d ctxmodel.Def) bool {
	return !c.isParamRef(d.Rhs) && c.defHoldsCancel(d)
}

func (c *checker) isParamRef(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return v != nil && (v.Kind() == types.ParamVar || v.Kind() == types.RecvVar)
}
