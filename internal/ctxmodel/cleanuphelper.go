package ctxmodel

import (
	"go/ast"
	"go/types"
)

// IsCleanupHelper reports whether fn, by its summary, passes one of its
// context parameters (not detached) to a cleanup call that observes it,
// such as
//
//	func DeferRollback(ctx context.Context, rollback func(context.Context) error) {
//		if err := rollback(ctx); err != nil { log.Print(err) }
//	}
//
// Deferred with a context its caller can cancel, it is cleanup all the
// same. The summary uses the default cleanup names only: analyzer flags do
// not reach the model, which runs once for every analyzer.
func (m *Model) IsCleanupHelper(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	if !resultsLookInert(fn) {
		return false // a function returning an error is cleanup only by its name
	}
	s := m.summaries[fn]
	if fn.Pkg() != m.Pkg {
		s = m.importedUse(fn)
	}
	if s == nil {
		return false
	}
	for _, p := range s.Params {
		if p.Use&UseCleanup != 0 {
			return true
		}
	}
	return false
}

// ContextArgs returns call's arguments passed to parameters of type
// context.Context.
func (m *Model) ContextArgs(call *ast.CallExpr) []ast.Expr {
	sig, ok := types.Unalias(m.Info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return nil
	}
	params := sig.Params()
	var args []ast.Expr
	for i, a := range call.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				continue
			}
			s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice)
			if !ok {
				continue
			}
			pt = s.Elem()
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			continue
		}
		if IsContext(pt) && m.IsContextLike(m.Info.TypeOf(a)) {
			args = append(args, a)
		}
	}
	return args
}

// resultsLookInert reports whether fn returns no error, context or channel,
// the results by which a callee the model cannot see into is judged.
func resultsLookInert(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if IsError(t) || IsContext(t) || IsChan(t) {
			return false
		}
	}
	return true
}
