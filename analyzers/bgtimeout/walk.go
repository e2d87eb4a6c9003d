package bgtimeout

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checker holds one package's state: the summaries of its functions (the
// in-package call graph) and the goroutine entries whose verdict waits for
// the summaries to be complete.
type checker struct {
	pass *analysis.Pass
	m    *ctxmodel.Model

	summaries map[*types.Func]*summary
	order     []*summary // declaration order, for deterministic propagation

	goroutineLits map[*ast.FuncLit]bool  // bodies started by go or a spawner
	goCalls       map[*ast.CallExpr]bool // calls made by go statements
	spawnerCalls  map[*ast.CallExpr]bool // calls of spawners, found before the walk
	entries       []entry
	files         map[string]*token.File // by name, built on first use

}

// summary is what bgtimeout knows of one function declared in the package.
type summary struct {
	fn      *types.Func
	fact    *UnboundedCall // nil while no unbounded call is known
	inner   ast.Node       // the unbounded call, when in this package
	via     *UnboundedCall // from a callee in another package, pending propagation
	callers []callSite
	queued  bool
}

// callSite is a static call to a summarised function from the body of
// another; fun is the call's function, named in messages.
type callSite struct {
	caller *summary
	fun    ast.Expr
}

// entry is a goroutine that runs a function of the module (go s.refresh(),
// g.Go(s.refresh)) or calls one from its body; it is reported if the
// function turns out to make an unbounded call.
type entry struct {
	at     ast.Node // reported range
	fn     *types.Func
	fun    ast.Expr // what the goroutine runs or calls, named in messages
	direct bool     // the goroutine runs fn itself (go statement, spawner argument)
}

// mode says what the code being walked is part of.
type mode struct {
	sum  *summary // the function whose summary its calls contribute to
	inGo bool     // it runs inside a goroutine body
}

func (c *checker) summary(fn *types.Func) *summary {
	s := c.summaries[fn]
	if s == nil {
		s = &summary{fn: fn}
		c.summaries[fn] = s
		c.order = append(c.order, s)
	}
	return s
}

// walk visits the subtree at cur once, switching mode at function
// boundaries by walking function bodies separately.
func (c *checker) walk(cur inspector.Cursor, md mode) {
	cur.Inspect(nil, func(n inspector.Cursor) bool {
		switch node := n.Node().(type) {
		case *ast.FuncDecl:
			if node.Body == nil {
				return false
			}
			var sum *summary
			if fn, ok := c.pass.TypesInfo.Defs[node.Name].(*types.Func); ok {
				sum = c.summary(fn)
			}
			c.walk(n.ChildAt(edge.FuncDecl_Body, -1), mode{sum: sum})
			return false
		case *ast.FuncLit:
			if kind := n.ParentEdgeKind(); kind == edge.CallExpr_Fun && !c.goroutineLits[node] {
				return true // called on the spot: part of the enclosing code
			}
			inner := mode{inGo: md.inGo || c.goroutineLits[node]}
			c.walk(n.ChildAt(edge.FuncLit_Body, -1), inner)
			return false
		case *ast.GoStmt:
			c.goStmt(node)
		case *ast.CallExpr:
			if !c.goCalls[node] {
				c.call(n, md)
			}
		}
		return true
	})
}

// markStoredBodies finds the file's spawner calls and marks as goroutine
// bodies the function literals that reach a go statement or a spawner
// through a local variable assigned only once (work := func() {...};
// go work()), and records the package's function declarations for
// boundsOwnContext. It runs before the walk, which meets such literals and
// the calls of such functions before their declarations.
func (c *checker) markStoredBodies(file inspector.Cursor) {
	for n := range file.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch node := n.Node().(type) {
		case *ast.GoStmt:
			c.markStored(node.Call.Fun)
		case *ast.CallExpr:
			if c.isSpawner(node) {
				c.spawnerCalls[node] = true
				for _, arg := range node.Args {
					c.markStored(arg)
				}
			}
		}
	}
}

func (c *checker) markStored(fun ast.Expr) {
	v := c.m.VarOf(fun)
	if v == nil || c.m.IsParam(v) {
		return
	}
	if defs := c.m.Defs(v); len(defs) == 1 && defs[0].Index < 0 {
		if lit, ok := ast.Unparen(defs[0].Rhs).(*ast.FuncLit); ok {
			c.goroutineLits[lit] = true
		}
	}
}

// goStmt applies rule 1 to the arguments of a go statement and records the
// function it starts for rule 3.
func (c *checker) goStmt(g *ast.GoStmt) {
	call := g.Call
	c.goCalls[call] = true
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		c.goroutineLits[lit] = true
		c.checkGoArgs(call)
		return
	}
	c.checkGoArgs(call)
	if fn := c.funcOf(call.Fun); fn != nil {
		c.entries = append(c.entries, entry{at: g, fn: fn, fun: call.Fun, direct: true})
	}
}

// checkGoArgs is rule 1: a context argument of a go statement that can
// never expire, given to a function that blocks on it.
func (c *checker) checkGoArgs(call *ast.CallExpr) {
	for _, arg := range call.Args {
		if o := c.unboundedContext(arg); o != nil && c.blocks(call, arg) {
			name := "a function literal"
			if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); !ok {
				name = ctxmodel.CallName(call)
			}
			c.report(o, analysis.Diagnostic{
				Pos: arg.Pos(), End: arg.End(),
				Message: "goroutine runs " + name + " with " + ctxText(arg, o) +
					", which never expires; give it a deadline with context.WithTimeout",
			})
		}
	}
}

// call handles a call made in the mode md: rule 2 inside goroutine bodies,
// the call graph inside function declarations, spawners anywhere.
func (c *checker) call(cur inspector.Cursor, md mode) {
	call := cur.Node().(*ast.CallExpr)
	if c.spawnerCalls[call] {
		c.spawnerArgs(call)
	}
	if !md.inGo && md.sum == nil {
		return
	}
	arg, o := c.unboundedArg(call)
	switch {
	case arg == nil:
	case md.inGo:
		if !c.waitsForNextInput(cur, arg) {
			c.report(o, analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(),
				Message: "goroutine calls " + ctxmodel.CallName(call) + " with " + ctxText(arg, o) +
					", which never expires; give it a deadline with context.WithTimeout",
			})
		}
		return
	case c.endsChain(call) && !c.isPlaceholder(o):
		if md.sum.inner == nil {
			md.sum.inner = call
			md.sum.fact = c.directFact(call, arg, o)
		}
		return
	}
	// Otherwise the call may still reach an unbounded call of its own.
	fn := c.funcOf(call.Fun)
	if fn == nil {
		return
	}
	if md.inGo {
		c.entries = append(c.entries, entry{at: call, fn: fn, fun: call.Fun})
	}
	if md.sum == nil || md.sum.fact != nil {
		return
	}
	if fn.Pkg() == c.pass.Pkg {
		callee := c.summary(fn)
		callee.callers = append(callee.callers, callSite{caller: md.sum, fun: call.Fun})
	} else if f := c.importFact(fn); f != nil && md.sum.via == nil {
		md.sum.via = f.via(ctxmodel.ExprString(call.Fun))
	}
}

// spawnerArgs marks the function literals passed to a spawner as goroutine
// bodies, and records functions passed by name (g.Go(s.refresh)) for rule 3.
func (c *checker) spawnerArgs(call *ast.CallExpr) {
	for _, arg := range call.Args {
		if lit, ok := ast.Unparen(arg).(*ast.FuncLit); ok {
			c.goroutineLits[lit] = true
			continue
		}
		if _, ok := types.Unalias(c.pass.TypesInfo.TypeOf(arg)).(*types.Signature); !ok {
			continue
		}
		if fn := c.funcOf(arg); fn != nil {
			c.entries = append(c.entries, entry{at: arg, fn: fn, fun: arg, direct: true})
		}
	}
}

// isSpawner reports whether call starts its function arguments as
// goroutines: errgroup's Go and TryGo, sync.WaitGroup's Go, and the
// functions named by -spawners.
func (c *checker) isSpawner(call *ast.CallExpr) bool {
	fn := c.m.CalleeFunc(call)
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	return ctxmodel.IsMethodOf(fn, "golang.org/x/sync/errgroup", "Group", "Go", "TryGo") ||
		ctxmodel.IsMethodOf(fn, "sync", "WaitGroup", "Go") ||
		spawners.Has(ctxmodel.QualifiedName(fn))
}

// funcOf returns the function that fun (a call's function or a function
// value passed to a spawner) statically denotes: a declared function or a
// concrete method, through a generic instantiation, a method value, or a
// local variable assigned once from one of these. Interface methods and
// other dynamic values give nil.
func (c *checker) funcOf(fun ast.Expr) *types.Func {
	return c.funcOfDepth(fun, 0)
}

func (c *checker) funcOfDepth(fun ast.Expr, depth int) *types.Func {
	info := c.pass.TypesInfo
	e := ast.Unparen(fun)
	switch x := e.(type) {
	case *ast.IndexExpr:
		e = ast.Unparen(x.X)
	case *ast.IndexListExpr:
		e = ast.Unparen(x.X)
	}
	switch x := e.(type) {
	case *ast.Ident:
		switch obj := info.Uses[x].(type) {
		case *types.Func:
			return obj.Origin()
		case *types.Var:
			defs := c.m.Defs(obj)
			if depth > 0 || len(defs) != 1 || defs[0].Rhs == nil || defs[0].Index >= 0 || c.m.IsParam(obj) {
				return nil
			}
			return c.funcOfDepth(defs[0].Rhs, depth+1)
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[x]; ok {
			fn, ok := sel.Obj().(*types.Func)
			if !ok || sel.Kind() == types.FieldVal || types.IsInterface(sel.Recv()) {
				return nil
			}
			return fn.Origin()
		}
		if fn, ok := info.Uses[x.Sel].(*types.Func); ok {
			return fn.Origin()
		}
	}
	return nil
}

func isContextPkg(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == "context"
}

// blocks reports whether call blocks on its context argument arg with no
// deadline of its own.
func (c *checker) blocks(call *ast.CallExpr, arg ast.Expr) bool {
	b, _ := c.m.BlocksUnbounded(call, arg, inert)
	return b
}
