package bgtimeout

import (
	"go/ast"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// boundsOwnContext reports whether fn, a function declared in this
// package, gives every context it receives a deadline before any work
// sees it: each use of a context parameter is the parent argument of
// context.WithTimeout or WithDeadline (or their Cause variants), or an
// argument of an inert call. Such a function may be handed a context that
// never expires (func (p *Pool) warm(parent context.Context) { ctx, cancel
// := context.WithTimeout(parent, time.Minute); ... }). A parameter put
// into a []any (arguments for a function value called by reflection, as
// a test harness runs a user's mock) counts too: the work, and the choice
// of its deadline, belong to that function value, as rule 3 leaves calls
// of function values to whoever installed them.
func (c *checker) boundsOwnContext(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if v, ok := c.selfBounding[fn]; ok {
		return v
	}
	if fn.Pkg() != c.pass.Pkg {
		v := c.sameModule(fn.Pkg()) && c.pass.ImportObjectFact(fn, new(BoundsContext))
		c.selfBounding[fn] = v
		return v
	}
	c.selfBounding[fn] = false // recursion stays on the safe side
	v := c.computeBoundsOwnContext(fn)
	c.selfBounding[fn] = v
	return v
}

// BoundsContext is a fact on a function that gives every context
// parameter a deadline before any work sees it (see boundsOwnContext), so
// that callers in other packages of the module may pass it a context that
// never expires.
type BoundsContext struct{}

func (*BoundsContext) AFact() {}

func (*BoundsContext) String() string { return "bounds its context" }

// exportBounds exports BoundsContext for the package's functions that
// bound their context parameters; each body is examined once.
func (c *checker) exportBounds() {
	for fn := range c.decls {
		if c.boundsOwnContext(fn) {
			c.pass.ExportObjectFact(fn, &BoundsContext{})
		}
	}
}

func (c *checker) computeBoundsOwnContext(fn *types.Func) bool {
	decl := c.decls[fn]
	if decl == nil {
		return false
	}
	params := make(map[types.Object]bool)
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if obj := c.pass.TypesInfo.Defs[name]; obj != nil && ctxmodel.IsContext(obj.Type()) {
				params[obj] = true
			}
		}
	}
	if len(params) == 0 {
		return false
	}
	info := c.pass.TypesInfo
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && params[info.Uses[id]]
	}
	harmless := make(map[*ast.Ident]bool)
	bounded := false
	ok := true
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.CompositeLit:
			if !c.isInterfaceSlice(n) {
				break
			}
			for _, elt := range n.Elts {
				if isParam(elt) {
					harmless[ast.Unparen(elt).(*ast.Ident)] = true
					bounded = true
				}
			}
		case *ast.CallExpr:
			switch {
			case isDeadlineDerivation(c.m.CalleeFunc(n)):
				if len(n.Args) > 0 && isParam(n.Args[0]) {
					harmless[ast.Unparen(n.Args[0]).(*ast.Ident)] = true
					bounded = true
				}
			case c.m.IsInert(n, inert):
				for _, a := range n.Args {
					if isParam(a) {
						harmless[ast.Unparen(a).(*ast.Ident)] = true
					}
				}
			}
		case *ast.Ident:
			if params[info.Uses[n]] && !harmless[n] {
				ok = false
			}
		}
		return true
	})
	return ok && bounded
}

func isDeadlineDerivation(fn *types.Func) bool {
	return ctxmodel.IsPkgFunc(fn, "context", "WithTimeout", "WithDeadline", "WithTimeoutCause", "WithDeadlineCause")
}

// isInterfaceSlice reports whether lit builds a slice of a non-context
// interface type, such as []any.
func (c *checker) isInterfaceSlice(lit *ast.CompositeLit) bool {
	sl, ok := types.Unalias(c.pass.TypesInfo.TypeOf(lit)).(*types.Slice)
	return ok && types.IsInterface(sl.Elem()) && !ctxmodel.IsContext(sl.Elem())
}
