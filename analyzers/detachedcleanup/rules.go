package detachedcleanup

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checkCall applies rules 1, 3, 4, 5 and 6 to call and records the
// contexts it passes for rule 2. deferredBy is the defer statement whose
// call this is, or nil.
func (c *checker) checkCall(call *ast.CallExpr, st state, deferredBy *deferRec) {
	fn := c.m.CalleeFunc(call)
	if fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
		// Calls into package context cannot fail on a cancelled context;
		// deriving a cleanup context from one is rules 4 and 5.
		c.checkContextCall(call, fn, st)
		return
	}
	args := c.m.ContextArgs(call)
	if len(args) == 0 {
		return
	}
	helper := c.m.IsCleanupHelper(fn)
	rec := deferredBy
	if rec == nil {
		rec = st.deferred
	}
	deferred := deferredBy != nil || st.deferred != nil
	for _, a := range args {
		// The reporting policy (see ctxmodel.MattersWhenCancelled): where
		// a is certainly cancelled, a callee that observes it or that the
		// model cannot see into; where it may be cancelled later, only a
		// callee known to observe it.
		certain := c.m.MattersWhenCancelled(call, a, c.inert)
		if rec != nil && certain {
			rec.uses = append(rec.uses, ctxUse{call, a})
		}
		if c.derivedTold[c.m.VarOf(a)] {
			continue // rule 4 reported where a was derived
		}
		cleanup := helper || c.m.IsCleanup(call, c.names) || deferredBy != nil && c.m.IsReturnedFunc(call)
		if d := c.doneFor(a, st); d != nil && certain && (cleanup || c.passesToCleanup(call, a)) {
			c.add(call, ruleDone, doneMessage(ctxmodel.CallName(call), a, d), nil)
		}
		if st.tCleanup != nil && certain && c.m.Origin(a).IsTestScoped() {
			c.add(call, ruleTestCleanup, fmt.Sprintf(
				"%s.Cleanup callback uses %s.Context(), which is cancelled before cleanup runs; use context.WithoutCancel(%s)",
				ctxmodel.ExprString(st.tCleanup), c.testRecv(a), ctxmodel.ExprString(a)), c.wrapFix(a))
		}
		runsLater := c.capturedLater(a, st)
		if (deferred || runsLater) && cleanup && c.callerCancellable(a) && c.m.ObservesCancellation(call, a, c.inert) {
			s := ctxmodel.ExprString(a)
			msg := fmt.Sprintf("deferred cleanup %s may run after %s is cancelled and then fail; pass context.WithoutCancel(%s)",
				ctxmodel.CallName(call), s, s)
			if !deferred {
				msg = fmt.Sprintf("cleanup %s in a closure %s runs later, when %s may be cancelled, and then fails; pass context.WithoutCancel(%s)",
					ctxmodel.CallName(call), st.later.how, s, s)
			}
			c.add(call, ruleDeferredCleanup, msg, c.wrapFix(a))
		}
	}
}

// passesToCleanup reports whether call hands its context argument a, not
// detached, on to a cleanup call (a helper that closes what it was given).
func (c *checker) passesToCleanup(call *ast.CallExpr, a ast.Expr) bool {
	u, _ := c.m.CallUse(call, a, c.inert)
	return u&ctxmodel.UseCleanup != 0
}

// capturedLater reports whether arg is a context the enclosing closure
// that runs later captured from the code that wrote it (not one of the
// closure's own parameters, which its eventual caller supplies); for a
// returned closure, from the function that returns it.
func (c *checker) capturedLater(arg ast.Expr, st state) bool {
	if st.later == nil {
		return false
	}
	v, recv := c.ctxRef(arg)
	if recv != nil {
		v = recv // s.ctx: where s comes from
	}
	if v == nil || ctxmodel.Within(v.Pos(), st.later.lit) {
		return false
	}
	return st.later.returnedBy == nil || ctxmodel.Within(v.Pos(), st.later.returnedBy)
}

func doneMessage(name string, arg ast.Expr, d *doneCtx) string {
	a, root := ctxmodel.ExprString(arg), ctxmodel.ExprString(d.expr)
	if a == root {
		return fmt.Sprintf("%s is called with %s, which is already cancelled here; use context.WithoutCancel(%s) with a timeout",
			name, a, root)
	}
	return fmt.Sprintf("%s is called with %s, which derives from %s and is already cancelled here; use context.WithoutCancel(%s) with a timeout",
		name, a, root, root)
}

// callerCancellable reports whether someone other than this function can
// cancel the context e (rule 3's "cancellable"): not one only this
// function's own cancel or timer ends, not t.Context(), which outlives the
// test function's defers, and not a parameter whose every caller passes a
// context nobody can cancel, or a callback's parameter that its runner
// passes such a context (the model's origins say which).
func (c *checker) callerCancellable(e ast.Expr) bool {
	o := c.m.Origin(e)
	return o.IsCancellable() && !o.IsSelfOwned() && !o.IsTestScoped()
}

// checkContextCall applies rules 4 and 5 to a call of package context.
func (c *checker) checkContextCall(call *ast.CallExpr, fn *types.Func, st state) {
	switch {
	case ctxmodel.DerivationOf(fn, 0) == ctxmodel.DerivedDeadline:
		if len(call.Args) == 0 {
			return
		}
		parent := call.Args[0]
		if !c.inheritsCancellation(parent, st) {
			return
		}
		p := ctxmodel.ExprString(parent)
		c.rule4Calls[call] = true
		c.add(call, ruleDerived, fmt.Sprintf(
			"cleanup context derived from %s inherits its cancellation; derive it from context.WithoutCancel(%s)", p, p),
			c.wrapFix(parent))
	case c.keepValues && ctxmodel.IsPkgFunc(fn, "context", "Background", "TODO"):
		if !st.inDoneRegion() && st.deferred == nil {
			return
		}
		v := c.valuesSource(call.Pos(), st)
		if v == nil {
			return
		}
		c.add(call, ruleValues, fmt.Sprintf(
			"cleanup context built from %s drops the values of %s (trace and request IDs, credentials); use context.WithoutCancel(%s)",
			ctxmodel.ExprString(call), v.Name(), v.Name()), c.replaceFix(call, v))
	}
}

// inheritsCancellation reports whether a cleanup context derived from
// parent here is cancelled, or may be, before the cleanup runs: parent is
// done in this region, or caller-cancellable in a deferred function
// literal, or t.Context() in a t.Cleanup callback.
func (c *checker) inheritsCancellation(parent ast.Expr, st state) bool {
	return c.doneFor(parent, st) != nil ||
		st.deferred != nil && c.callerCancellable(parent) ||
		st.tCleanup != nil && c.m.Origin(parent).IsTestScoped()
}

// valuesSource returns the cancellable context whose values a cleanup
// context at pos should keep: the innermost done context when it is a
// visible cancellable variable, else the only context variable in scope
// when it is cancellable.
func (c *checker) valuesSource(pos token.Pos, st state) *types.Var {
	for d := st.done; d != nil; d = d.next {
		if d.killed || d.recv != nil {
			continue
		}
		if c.visible(d.v, pos) && c.m.VarOrigin(d.v).IsCancellable() {
			return d.v
		}
		break
	}
	v := c.onlyContextInScope(pos)
	if v == nil || !c.m.VarOrigin(v).IsCancellable() {
		return nil
	}
	return v
}

func (c *checker) visible(v *types.Var, pos token.Pos) bool {
	inner := c.innermost(pos)
	if inner == nil {
		return false
	}
	_, obj := inner.LookupParent(v.Name(), pos)
	return obj == v
}

// testRecv spells the testing value whose Context() a rule 6 argument
// comes from, for the message.
func (c *checker) testRecv(arg ast.Expr) string {
	o := c.m.Origin(arg)
	for o != nil && o.Kind != ctxmodel.Test {
		if o.Kind == ctxmodel.Mixed && len(o.Alts) > 0 {
			o = o.Alts[0]
			continue
		}
		o = o.Parent
	}
	if o != nil && o.Call != nil {
		if sel, ok := ast.Unparen(o.Call.Fun).(*ast.SelectorExpr); ok {
			return ctxmodel.ExprString(sel.X)
		}
	}
	return "t"
}
