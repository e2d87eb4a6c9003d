package ctxvaluecancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checkDiscarded implements rule 3 for lhs = rhs, a multi-valued
// assignment (or var spec) at cur: a cancel producer whose context result
// is discarded or never read while its cancel function is kept.
func (c *checker) checkDiscarded(cur inspector.Cursor, lhs []ast.Expr, rhs ast.Expr) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok {
		return
	}
	cancelIdx, ok := c.model.CancelResult(call)
	tuple, isTuple := c.pass.TypesInfo.TypeOf(call).(*types.Tuple)
	if !ok || !isTuple || tuple.Len() != len(lhs) {
		return
	}
	ctxIdx := -1
	for i := range tuple.Len() {
		if ctxmodel.IsContext(tuple.At(i).Type()) {
			ctxIdx = i
			break
		}
	}
	if ctxIdx < 0 || !c.contextDiscarded(lhs[ctxIdx]) {
		return
	}
	fn := enclosingFunc(cur)
	if !c.storesTo(lhs[cancelIdx], fn, map[*types.Var]bool{}) {
		return
	}
	c.report(call, fmt.Sprintf("the context returned by %s is discarded, so calling %s stops nothing; keep the context and derive work from it",
		c.model.ProducerName(call), ctxmodel.ExprString(lhs[cancelIdx])))
}

// contextDiscarded reports whether the context result assigned to lhs is
// lost: assigned to _, to a variable nothing reads, or to an unexported
// field of this package that nothing reads.
func (c *checker) contextDiscarded(lhs ast.Expr) bool {
	lhs = ast.Unparen(lhs)
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return true
	}
	if sel, ok := lhs.(*ast.SelectorExpr); ok {
		s, ok := c.pass.TypesInfo.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			return false
		}
		f, _ := s.Obj().(*types.Var)
		return f != nil && !f.Exported() && f.Pkg() == c.pass.Pkg && !c.model.FieldRead(f)
	}
	v := c.model.VarOf(lhs)
	if v == nil || v.Pkg() != c.pass.Pkg || c.model.IsParam(v) || v.Exported() && isPackageLevel(v) {
		return false
	}
	for _, u := range c.varUses(v) {
		if !isWriteOnly(u) {
			return false
		}
	}
	return true
}

// isWriteOnly reports whether the use u of a variable does not read it:
// it is the target of a plain assignment, or the value of _ = v.
func isWriteOnly(u inspector.Cursor) bool {
	k, i := u.ParentEdge()
	as, ok := u.Parent().Node().(*ast.AssignStmt)
	if !ok {
		return false
	}
	switch k {
	case edge.AssignStmt_Lhs:
		return as.Tok == token.ASSIGN || as.Tok == token.DEFINE
	case edge.AssignStmt_Rhs:
		if as.Tok == token.ASSIGN && len(as.Lhs) == len(as.Rhs) {
			id, ok := as.Lhs[i].(*ast.Ident)
			return ok && id.Name == "_"
		}
	}
	return false
}

// storesTo reports whether assigning a cancel function to lhs, in the
// function fn, keeps it beyond local calls: lhs is a field, a map element,
// a pointer's target, a package variable or a named result, or a local
// variable that is itself stored, returned or put into a context. (Slice
// elements are left out: code keeping throwaway timeouts' cancels in a
// slice does so to release their timers.)
func (c *checker) storesTo(lhs ast.Expr, fn inspector.Cursor, visiting map[*types.Var]bool) bool {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr:
		if s, ok := c.pass.TypesInfo.Selections[lhs]; ok {
			return s.Kind() == types.FieldVal
		}
		_, isVar := c.pass.TypesInfo.Uses[lhs.Sel].(*types.Var) // pkg.Var
		return isVar
	case *ast.IndexExpr:
		_, isMap := typeUnder(c.pass.TypesInfo.TypeOf(lhs.X)).(*types.Map)
		return isMap
	case *ast.StarExpr:
		return true
	case *ast.Ident:
		v := c.model.VarOf(lhs)
		switch {
		case v == nil || visiting[v]:
			return false
		case isPackageLevel(v) || c.model.IsParam(v):
			return true
		}
		visiting[v] = true
		for _, u := range c.varUses(v) {
			if c.useStores(u, fn, visiting) {
				return true
			}
		}
	}
	return false
}

// useStores reports whether the use u of a local cancel variable of the
// function fn hands the cancel function on. A use inside a function
// literal nested in fn counts when that literal is itself a cancel
// function (it calls the variable) and is handed on.
func (c *checker) useStores(u inspector.Cursor, fn inspector.Cursor, visiting map[*types.Var]bool) bool {
	encl := enclosingFunc(u)
	if encl != fn {
		lit, ok := encl.Node().(*ast.FuncLit)
		if !ok || enclosingFunc(encl.Parent()) != fn || !c.model.HoldsCancel(lit) {
			return false
		}
		u = encl
	}
	return c.handsOn(u, fn, visiting)
}

// handsOn reports whether the expression at x is stored, returned, sent,
// put into a composite literal or a context value.
func (c *checker) handsOn(x inspector.Cursor, fn inspector.Cursor, visiting map[*types.Var]bool) bool {
	k, i := x.ParentEdge()
	switch parent := x.Parent().Node().(type) {
	case *ast.ParenExpr:
		return c.handsOn(x.Parent(), fn, visiting)
	case *ast.AssignStmt:
		plain := parent.Tok == token.ASSIGN || parent.Tok == token.DEFINE
		return k == edge.AssignStmt_Rhs && plain && len(parent.Lhs) == len(parent.Rhs) &&
			c.storesTo(parent.Lhs[i], fn, visiting)
	case *ast.ValueSpec:
		return k == edge.ValueSpec_Values && len(parent.Names) == len(parent.Values) &&
			c.storesTo(parent.Names[i], fn, visiting)
	case *ast.ReturnStmt, *ast.CompositeLit, *ast.SendStmt:
		return true
	case *ast.KeyValueExpr:
		return k == edge.KeyValueExpr_Value
	case *ast.CallExpr:
		return k == edge.CallExpr_Args && i == 2 &&
			ctxmodel.IsPkgFunc(c.model.CalleeFunc(parent), "context", "WithValue")
	}
	return false
}

// varUses returns the uses (not the declaration) of the local or package
// variable v of a context or function type, indexed once per package.
func (c *checker) varUses(v *types.Var) []inspector.Cursor {
	if c.uses == nil {
		c.uses = make(map[*types.Var][]inspector.Cursor)
		for cur := range c.model.Preorder((*ast.Ident)(nil)) {
			v, ok := c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)].(*types.Var)
			if ok && !v.IsField() && isTracked(v.Type()) {
				c.uses[v] = append(c.uses[v], cur)
			}
		}
	}
	return c.uses[v]
}

func isTracked(t types.Type) bool {
	if ctxmodel.IsContext(t) || ctxmodel.IsCancelFunc(t) {
		return true
	}
	_, isFunc := t.Underlying().(*types.Signature)
	return isFunc
}

func isPackageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// enclosingFunc returns the innermost function declaration or literal
// around cur (cur itself included), or the zero Cursor.
func enclosingFunc(cur inspector.Cursor) inspector.Cursor {
	for f := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return f
	}
	return inspector.Cursor{}
}

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
