package bgtimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// unboundedArg returns the first context argument of call that can never
// expire, and its origin, when call does work with it: calls that are
// inert (they cannot observe cancellation) and calls that derive a context
// (every function of the context package, and anything returning a
// context) do no such work.
func (c *checker) unboundedArg(call *ast.CallExpr) (ast.Expr, *ctxmodel.Origin) {
	if !c.m.TakesContext(call) || c.m.IsInert(call, inert) || c.derivesContext(call) ||
		c.boundsOwnContext(c.m.CalleeFunc(call)) || isSetupOnly(c.m.CalleeFunc(call)) || c.opensStream(call) {
		return nil, nil
	}
	for _, arg := range call.Args {
		if o := c.unboundedContext(arg); o != nil {
			return arg, o
		}
	}
	return nil, nil
}

// waitsForNextInput reports whether the call at cur, given the context
// arg, is a receive loop's wait for its next input: the first statement
// of an unconditional for loop (for { msg, err := sub.Receive(ctx); ... })
// with a context made before the loop. Such a loop is meant to block
// until the next message arrives or its connection is closed, which ends
// it; a deadline would end the subscription, not bound a piece of work.
// Work done later in the turn, or paced by a ticker (for range
// time.Tick(d)), or with a context made inside the loop, is still judged.
func (c *checker) waitsForNextInput(cur inspector.Cursor, arg ast.Expr) bool {
	stmt := cur.Parent()
	switch stmt.Node().(type) {
	case *ast.AssignStmt, *ast.ExprStmt:
	default:
		return false
	}
	if k, i := stmt.ParentEdge(); k != edge.BlockStmt_List || i != 0 {
		return false
	}
	loop, ok := stmt.Parent().Parent().Node().(*ast.ForStmt)
	if !ok || loop.Init != nil || loop.Cond != nil || loop.Post != nil {
		return false
	}
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.Pos().IsValid() && v.Pos() < loop.Pos()
}

// isSetupOnly reports whether fn is documented to use its context only
// while it sets something up, not for the life of what it returns:
// net.ListenConfig's Listen and ListenPacket use it to resolve the local
// address, and the listener they return ignores it.
func isSetupOnly(fn *types.Func) bool {
	return ctxmodel.IsMethodOf(fn, "net", "ListenConfig", "Listen", "ListenPacket")
}

// opensStream reports whether call returns, besides an error, a value that
// carries the context for its whole life (it has a Context() method
// returning a context.Context), as an RPC stream does: the context is the
// stream's lifetime, ended by closing it, and a deadline would cut it off
// rather than bound a piece of work.
func (c *checker) opensStream(call *ast.CallExpr) bool {
	t := c.pass.TypesInfo.TypeOf(call)
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return false
		}
		t = tup.At(0).Type()
	}
	if t == nil || isHTTPRequest(t) {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, c.pass.Pkg, "Context")
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := m.Signature()
	return sig.Params().Len() == 0 && sig.Results().Len() == 1 && ctxmodel.IsContext(sig.Results().At(0).Type())
}

// isHTTPRequest reports whether t is *net/http.Request: it carries its
// context too, but it describes one round trip done later by a client,
// which the context should bound.
func isHTTPRequest(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Request"
}

func (c *checker) derivesContext(call *ast.CallExpr) bool {
	if fn := c.m.CalleeFunc(call); fn != nil && isContextPkg(fn) {
		return true
	}
	switch t := c.pass.TypesInfo.TypeOf(call).(type) {
	case *types.Tuple:
		for i := 0; i < t.Len(); i++ {
			if ctxmodel.IsContext(t.At(i).Type()) {
				return true
			}
		}
	default:
		return ctxmodel.IsContext(t)
	}
	return false
}

// unboundedContext returns the origin of e when e is a context that can
// never expire, or nil.
func (c *checker) unboundedContext(e ast.Expr) *ctxmodel.Origin {
	if !ctxmodel.IsContext(c.pass.TypesInfo.TypeOf(e)) {
		return nil
	}
	if o := c.m.Origin(e); c.unbounded(o) {
		return o
	}
	return nil
}

// unbounded reports whether a context of origin o can never expire: an
// unbounded root or a detached context, possibly value-wrapped, or a
// WithCancel child of one whose cancel function was thrown away, with no
// deadline in between.
func (c *checker) unbounded(o *ctxmodel.Origin) bool {
	if o == nil {
		return false
	}
	if o.IsUnbounded() {
		return true
	}
	switch o.Kind {
	case ctxmodel.Mixed:
		for _, a := range o.Alts {
			if !c.unbounded(a) {
				return false
			}
		}
		return len(o.Alts) > 0
	case ctxmodel.Cancellable:
		if o.Call == nil {
			return false
		}
		fn := c.m.CalleeFunc(o.Call)
		return ctxmodel.IsPkgFunc(fn, "context", "WithCancel", "WithCancelCause") &&
			c.m.CancelDiscarded(o) && c.unbounded(o.Parent)
	}
	return false
}

// ctxText names the context argument arg of origin o for messages:
// "context.Background()", or "ctx from context.Background()".
func ctxText(arg ast.Expr, o *ctxmodel.Origin) string {
	d := originText(o)
	if call, ok := ast.Unparen(arg).(*ast.CallExpr); ok && (call == o.Call || d == "") {
		return shorten(call)
	}
	if d == "" {
		return ctxmodel.ExprString(arg)
	}
	return ctxmodel.ExprString(arg) + " from " + d
}

// originText describes how an unbounded context was made, or "" when it
// has several origins.
func originText(o *ctxmodel.Origin) string {
	if o.Call == nil {
		return ""
	}
	switch o.Kind {
	case ctxmodel.Root, ctxmodel.Detached:
		return shorten(o.Call)
	case ctxmodel.Cancellable:
		return shorten(o.Call) + " whose cancel is discarded"
	}
	return ""
}

// shorten renders a call for a message, eliding long arguments.
func shorten(call *ast.CallExpr) string {
	if s := ctxmodel.ExprString(call); len(s) <= 48 {
		return s
	}
	return ctxmodel.ExprString(call.Fun) + "(...)"
}
