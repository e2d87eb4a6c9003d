package detachedcleanup

import (
	"go/ast"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// CleanupHelper is a fact on a function that returns no error yet passes
// one of its context parameters to a cleanup call, such as
//
//	func DeferRollback(ctx context.Context, rollback func(context.Context) error) {
//		if err := rollback(ctx); err != nil { log.Print(err) }
//	}
//
// By its results the model would count it inert; deferred with a context
// its caller can cancel, it is the cleanup of rule 3 all the same.
type CleanupHelper struct{}

func (*CleanupHelper) AFact() {}

func (*CleanupHelper) String() string { return "cleanupHelper" }

// isCleanupHelper reports whether fn is a cleanup helper of this package or,
// by its fact, of another.
func (c *checker) isCleanupHelper(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg() == c.pass.Pkg {
		return c.helpers[fn]
	}
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, new(CleanupHelper))
}

// helperCandidate is a function that could be a cleanup helper, with the
// calls through which its context parameters flow.
type helperCandidate struct {
	fn    *types.Func
	calls []*ast.CallExpr
}

// findCleanupHelpers records and exports this package's cleanup helpers,
// iterating to a fixed point so that helpers calling helpers are found.
func (c *checker) findCleanupHelpers() {
	var cands []helperCandidate
	for fn, decl := range c.funcDecls() {
		if decl.Body == nil || !c.resultsLookInert(fn) {
			continue
		}
		params := c.contextParams(decl)
		if len(params) == 0 {
			continue
		}
		var calls []*ast.CallExpr
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && c.passesParam(call, params) {
				calls = append(calls, call)
			}
			return true
		})
		if len(calls) > 0 {
			cands = append(cands, helperCandidate{fn, calls})
		}
	}
	for changed := true; changed; {
		changed = false
		for _, h := range cands {
			if c.helpers[h.fn] {
				continue
			}
			for _, call := range h.calls {
				if c.m.IsCleanup(call, c.names) || c.isCleanupHelper(c.m.CalleeFunc(call)) {
					c.helpers[h.fn] = true
					changed = true
					break
				}
			}
		}
	}
	for fn := range c.helpers {
		c.pass.ExportObjectFact(fn, &CleanupHelper{})
	}
}

// resultsLookInert reports whether fn returns no error, context or channel,
// the results by which the model judges a call inert.
func (c *checker) resultsLookInert(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if ctxmodel.IsError(t) || ctxmodel.IsContext(t) || ctxmodel.IsChan(t) {
			return false
		}
	}
	return true
}

// contextParams returns decl's named context parameters that the body
// never reassigns (a reassigned one may hold a detached context).
func (c *checker) contextParams(decl *ast.FuncDecl) []*types.Var {
	var params []*types.Var
	for _, field := range decl.Type.Params.List {
		for _, id := range field.Names {
			v, ok := c.pass.TypesInfo.Defs[id].(*types.Var)
			if ok && ctxmodel.IsContext(v.Type()) && len(c.m.Defs(v)) == 0 {
				params = append(params, v)
			}
		}
	}
	return params
}

// passesParam reports whether call passes one of params, or a context
// derived from it without WithoutCancel, as a context argument.
func (c *checker) passesParam(call *ast.CallExpr, params []*types.Var) bool {
	for _, a := range c.ctxArgs(call) {
		for _, p := range params {
			if c.m.DerivesFrom(a, p) {
				return true
			}
		}
	}
	return false
}
