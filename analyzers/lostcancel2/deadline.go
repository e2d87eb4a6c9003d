package lostcancel2

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// deadlineTarget returns the expression that the producing statement
// stmt assigns a context with a deadline to (ctx in
// "ctx, cancel = context.WithTimeout(parent, d)"), or nil.
func (c *checker) deadlineTarget(stmt ast.Node) ast.Expr {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) != 2 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || !ctxmodel.IsPkgFunc(c.m.CalleeFunc(call), "context",
		"WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause") {
		return nil
	}
	return as.Lhs[0]
}

// needsNoDeadline reports whether entering block b requires that target
// has no deadline: b is the branch of
//
//	if _, ok := target.Deadline(); !ok { ... }
//
// (or the else branch of the same test without the negation). A path on
// which target was just given a deadline never takes that branch.
func (c *checker) needsNoDeadline(b *cfg.Block, target ast.Expr) bool {
	ifs, ok := b.Stmt.(*ast.IfStmt)
	if !ok || (b.Kind != cfg.KindIfThen && b.Kind != cfg.KindIfElse) {
		return false
	}
	okVar := c.deadlineProbe(ifs.Init, target)
	if okVar == nil {
		return false
	}
	cond := ast.Unparen(ifs.Cond)
	negated := false
	if u, isUnary := cond.(*ast.UnaryExpr); isUnary && u.Op == token.NOT {
		negated = true
		cond = ast.Unparen(u.X)
	}
	id, isIdent := cond.(*ast.Ident)
	if !isIdent || c.pass.TypesInfo.Uses[id] != okVar {
		return false
	}
	return negated == (b.Kind == cfg.KindIfThen)
}

// deadlineProbe returns the boolean variable of "_, ok := target.Deadline()".
func (c *checker) deadlineProbe(init ast.Stmt, target ast.Expr) *types.Var {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return nil
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Deadline" || !ctxmodel.IsContext(c.pass.TypesInfo.TypeOf(sel.X)) || !c.sameRef(sel.X, target) {
		return nil
	}
	id, ok := as.Lhs[1].(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	return v
}

// sameRef reports whether a and b name the same variable or the same
// field of the same variable (x, x.f, x.f.g).
func (c *checker) sameRef(a, b ast.Expr) bool {
	a, b = ast.Unparen(a), ast.Unparen(b)
	switch a := a.(type) {
	case *ast.Ident:
		b, ok := b.(*ast.Ident)
		if !ok {
			return false
		}
		oa := c.pass.TypesInfo.ObjectOf(a)
		return oa != nil && oa == c.pass.TypesInfo.ObjectOf(b)
	case *ast.SelectorExpr:
		b, ok := b.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		oa := c.pass.TypesInfo.ObjectOf(a.Sel)
		return oa != nil && oa == c.pass.TypesInfo.ObjectOf(b.Sel) && c.sameRef(a.X, b.X)
	}
	return false
}
