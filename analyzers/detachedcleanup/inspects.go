package detachedcleanup

import (
	"go/ast"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// A helper such as
//
//	func newContextAlreadyDoneError(ctx context.Context) error {
//		return &timeoutError{err: ctx.Err()}
//	}
//
// takes a context and returns an error, so the model does not count it as
// inert, yet it only reads the context: called with a cancelled one it does
// exactly what it is meant to. onlyInspects recognises such functions of
// this package: every use of their context parameters is ctx.Err(),
// ctx.Value(k), context.Cause(ctx), or an argument to a call inert by its
// callee (logging, the context package, -inert) or to another such function. A use of Done or Deadline (waiting on the
// context) or any other use (passing it on, storing it) disqualifies them.

// onlyInspects reports whether fn, declared in this package, only reads
// its context parameters.
func (c *checker) onlyInspects(fn *types.Func) bool {
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return false
	}
	fn = fn.Origin()
	if v, ok := c.inspects[fn]; ok {
		return v
	}
	c.inspects[fn] = false // while in progress: recursion proves nothing
	decl := c.funcDecls()[fn]
	ok := decl != nil && decl.Body != nil && c.bodyOnlyInspects(decl)
	c.inspects[fn] = ok
	return ok
}

func (c *checker) funcDecls() map[*types.Func]*ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[fn] = fd
					}
				}
			}
		}
	}
	return c.decls
}

func (c *checker) bodyOnlyInspects(decl *ast.FuncDecl) bool {
	params := map[*types.Var]bool{}
	for _, field := range decl.Type.Params.List {
		for _, id := range field.Names {
			if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok && ctxmodel.IsContext(v.Type()) {
				params[v] = true
			}
		}
	}
	if len(params) == 0 {
		return false
	}
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && params[c.m.VarOf(id)]
	}
	allowed := map[*ast.Ident]bool{}
	uses := 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if isParam(n) {
				uses++
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && isParam(sel.X) &&
				(sel.Sel.Name == "Err" || sel.Sel.Name == "Value") {
				allowed[ast.Unparen(sel.X).(*ast.Ident)] = true
				return true
			}
			fn := c.m.CalleeFunc(n)
			if c.m.IsCleanupHelper(fn) {
				return true
			}
			// Inert by name only: a call judged inert by its results (a
			// command object rather than an error) may still do I/O with
			// the context, as go-redis's Tx.Close does through Unwatch.
			if ctxmodel.IsPkgFunc(fn, "context", "Cause") || ctxmodel.IsInertFunc(fn, c.inert) || c.onlyInspects(fn) {
				for _, a := range n.Args {
					if isParam(a) {
						allowed[ast.Unparen(a).(*ast.Ident)] = true
					}
				}
			}
		}
		return true
	})
	return uses == len(allowed)
}
