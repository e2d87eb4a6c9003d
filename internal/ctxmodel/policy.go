package ctxmodel

import (
	"go/ast"
	"go/types"
)

// The one reporting policy every rule applies. A rule reports a call only
// when it is sure of both halves: that the context is, or will be,
// cancelled when the call runs, and that the callee cares.
//
//   - Where the context is certainly cancelled (a <-ctx.Done() region, a
//     defer that runs after the context's own cancel), a callee whose work
//     a cancelled context cuts short (it blocks or waits on it, or stops
//     with it) is reported, and so is one that only branches on ctx.Err()
//     when it is a cleanup (the branch skips the cleanup), and one the
//     model cannot see into, unless its results show it cannot fail (no
//     error, no channel).
//   - Where the context may merely be cancelled later (a deferred cleanup
//     on a context the caller can cancel), only a callee known to observe
//     cancellation is reported.
//   - A context that never expires is reported only where it reaches a
//     callee that blocks on it with no deadline of its own: never a
//     lifetime, a values-only use, a callee that bounds or detaches it, or
//     an unknown one.

// CallUse says what call's callee does with its context argument arg. The
// functions in extra (a -NAME.inert flag) only read their context.
func (m *Model) CallUse(call *ast.CallExpr, arg ast.Expr, extra NameList) (Use, string) {
	if fn := m.CalleeFunc(call); IsInertFunc(fn, extra) {
		return UseValues, "listed as inert"
	}
	for i, a := range call.Args {
		if a == arg {
			return m.ArgUse(call, i)
		}
	}
	return UseUnknown, "not an argument of " + CallName(call)
}

// MattersWhenCancelled reports whether passing arg, certainly cancelled,
// to call can change what the call does.
func (m *Model) MattersWhenCancelled(call *ast.CallExpr, arg ast.Expr, extra NameList) bool {
	u, _ := m.CallUse(call, arg, extra)
	switch {
	case u.Unknown():
		return !m.resultsCannotFail(call)
	case u&(UseBlocks|UseWaits|UseLifetime|UseBoundedWork) != 0:
		return true // work that a cancelled context cuts short
	case u&UseChecks != 0:
		// A callee that only branches on ctx.Err() does what it defines
		// for a cancelled context; that is a bug only when the branch
		// skips a cleanup (a rollback helper returning early).
		return u&UseCleanup != 0 || m.IsCleanup(call, nil)
	}
	return false
}

// ObservesCancellation reports whether call is known to observe the
// cancellation of its context argument arg.
func (m *Model) ObservesCancellation(call *ast.CallExpr, arg ast.Expr, extra NameList) bool {
	u, _ := m.CallUse(call, arg, extra)
	return u.Observes()
}

// BlocksUnbounded reports whether call is known to block on its context
// argument arg with no deadline of its own, and why.
func (m *Model) BlocksUnbounded(call *ast.CallExpr, arg ast.Expr, extra NameList) (bool, string) {
	u, reason := m.CallUse(call, arg, extra)
	return u.BlocksUnbounded(), reason
}

// resultsCannotFail reports whether call's results show no way to report
// a failure or to hand back pending work: no error and no channel.
func (m *Model) resultsCannotFail(call *ast.CallExpr) bool {
	sig, ok := types.Unalias(m.Info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if IsError(t) || IsChan(t) {
			return false
		}
	}
	return true
}

// KeepsFuncArg reports whether call's callee keeps its argument i, a
// function value, to run it later (a registry's Register, an OnClose hook
// list), by the callee's summary.
func (m *Model) KeepsFuncArg(call *ast.CallExpr, i int) bool {
	fn := m.CalleeFunc(call)
	if fn == nil || isAbstract(fn) {
		return false
	}
	return m.Summary(fn).KeepsFunc(paramIndex(fn.Signature(), i))
}

// IsReturnedFunc reports whether call calls a function value that a
// helper returned (done, err := lease(ctx); defer done(ctx)): a release
// function, cleanup by construction.
func (m *Model) IsReturnedFunc(call *ast.CallExpr) bool {
	v, ok := m.Callee(call).(*types.Var)
	if !ok {
		return false
	}
	for i := range call.Args {
		if _, ok := m.returnedFuncUse(v, call, i); ok {
			return true
		}
	}
	return false
}
