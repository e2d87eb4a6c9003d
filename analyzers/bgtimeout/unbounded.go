package bgtimeout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// unboundedArg returns the first context argument of call that can never
// expire, and its origin, when the callee blocks on it with no deadline of
// its own (the reporting policy: see ctxmodel.BlocksUnbounded). A callee
// that uses the context as a lifetime, only for its values, bounds or
// detaches it, or that the model cannot see into, is left alone; so is a
// call that opens a stream carrying the context for its whole life.
func (c *checker) unboundedArg(call *ast.CallExpr) (ast.Expr, *ctxmodel.Origin) {
	if !c.m.TakesContext(call) || c.opensStream(call) {
		return nil, nil
	}
	for _, arg := range call.Args {
		o := c.unboundedContext(arg)
		if o == nil {
			continue
		}
		if c.blocks(call, arg) {
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
