package bgtimeout

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// directFact is the fact of a function whose own body makes the unbounded
// call.
func (c *checker) directFact(call *ast.CallExpr, arg ast.Expr, o *ctxmodel.Origin) *UnboundedCall {
	p := c.pass.Fset.Position(call.Pos())
	return &UnboundedCall{
		Callee: ctxmodel.CallName(call),
		Ctx:    ctxText(arg, o),
		File:   p.Filename, Line: p.Line, Column: p.Column,
	}
}

// importFact returns the fact of a function of another package of this
// module. Chains never pass through the standard library or other modules:
// their functions are trusted to manage their own contexts (net/http's
// Server.Serve builds its base context from Background()).
func (c *checker) importFact(fn *types.Func) *UnboundedCall {
	if !c.sameModule(fn.Pkg()) {
		return nil
	}
	var f UnboundedCall
	if !c.pass.ImportObjectFact(fn, &f) {
		return nil
	}
	return &f
}

func (c *checker) sameModule(pkg *types.Package) bool {
	if pkg == nil {
		return false
	}
	if pkg == c.pass.Pkg {
		return true // also without a module (command-line-arguments)
	}
	path := pkg.Path()
	if mod := c.pass.Module; mod != nil && mod.Path != "" {
		return path == mod.Path || strings.HasPrefix(path, mod.Path+"/")
	}
	// Without module information (GOPATH mode), any package outside the
	// standard library, whose first path element has no dot, counts.
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".")
}

// propagate gives every function that reaches an unbounded call through
// static calls within the package a fact, breadth first from the functions
// making one directly, so that each chain is a shortest one. Each function
// and call site is visited once.
func (c *checker) propagate() {
	var queue []*summary
	for _, s := range c.order {
		if s.fact != nil {
			s.queued = true
			queue = append(queue, s)
		}
	}
	for _, s := range c.order {
		if s.fact == nil && s.via != nil {
			s.fact = s.via
			s.queued = true
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, site := range s.callers {
			if caller := site.caller; !caller.queued {
				caller.fact = s.fact.via(ctxmodel.ExprString(site.fun))
				caller.inner = s.inner
				caller.queued = true
				queue = append(queue, caller)
			}
		}
	}
}

func (c *checker) exportFacts() {
	for _, s := range c.order {
		if s.fact != nil && s.fn.Pkg() == c.pass.Pkg {
			c.pass.ExportObjectFact(s.fn, s.fact)
		}
	}
}

// reportChains is rule 3: goroutines that run, or call from their body, a
// function of the module that makes an unbounded call.
func (c *checker) reportChains() {
	for _, e := range c.entries {
		f, inner := c.factOf(e.fn)
		if f == nil {
			continue
		}
		verb := "calls"
		if e.direct {
			verb = "runs"
		}
		d := analysis.Diagnostic{
			Pos: e.at.Pos(), End: e.at.End(),
			Message: "goroutine " + verb + " " + ctxmodel.ExprString(e.fun) + ", which calls " + f.describe() + " without a deadline",
		}
		if pos := c.innerPos(f, inner); pos.IsValid() {
			d.Related = []analysis.RelatedInformation{{
				Pos:     pos,
				Message: f.Callee + " receives " + f.Ctx + ", which never expires",
			}}
		}
		c.m.Report(c.pass, d)
	}
}

// factOf returns fn's fact and, when the unbounded call is in this
// package, that call.
func (c *checker) factOf(fn *types.Func) (*UnboundedCall, ast.Node) {
	if fn.Pkg() == c.pass.Pkg {
		if s := c.summaries[fn]; s != nil && s.fact != nil {
			return s.fact, s.inner
		}
		return nil, nil
	}
	return c.importFact(fn), nil
}

// innerPos locates the unbounded call for related information: directly
// when it is in this package, else by its file and line when the file is
// known to this pass's file set (as in a single-process driver).
func (c *checker) innerPos(f *UnboundedCall, inner ast.Node) token.Pos {
	if inner != nil {
		return inner.Pos()
	}
	if c.files == nil {
		c.files = make(map[string]*token.File)
		c.pass.Fset.Iterate(func(tf *token.File) bool {
			c.files[tf.Name()] = tf
			return true
		})
	}
	tf := c.files[f.File]
	if tf == nil || f.Line < 1 || f.Line > tf.LineCount() {
		return token.NoPos
	}
	pos := tf.LineStart(f.Line) + token.Pos(max(f.Column-1, 0))
	if int(pos) > tf.Base()+tf.Size() {
		return tf.LineStart(f.Line) // the file changed since the fact was made
	}
	return pos
}

// endsChain reports whether an unbounded call made by a function outside
// any goroutine body can end a rule 3 chain: its callee must be an
// interface method (an implementation bgtimeout cannot see, typically a
// client) or a function of another module or the standard library (a
// library's API doing the I/O). A static function or method of the module
// itself is trusted to bound the context it is given: on real code such
// helpers add their own deadline (a pool's one-minute warm-up timeout, a
// dialer's per-attempt timeout, a semaphore with a backstop duration) or
// run a loop meant to live until Close, and bgtimeout follows only the
// contexts they create. A call of a function value (a callback installed
// by someone else, who may bound it) ends no chain either.
func (c *checker) endsChain(call *ast.CallExpr) bool {
	fn := c.m.CalleeFunc(call)
	if fn == nil {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return true
	}
	return !c.sameModule(fn.Pkg())
}

// isPlaceholder reports whether an unbounded context of origin o is
// context.TODO() itself: the documented placeholder of a
// function not yet given a context parameter. Rule 3 leaves it alone in
// the functions a goroutine reaches: its author has marked it already,
// the fix there is to pass the caller's context down rather than to add a
// deadline, and on real code such placeholders guard local work (a read
// of an in-memory store). Rules 1 and 2 still report it where the
// goroutine itself uses it.
func (c *checker) isPlaceholder(o *ctxmodel.Origin) bool {
	return o != nil && o.Kind == ctxmodel.Root && o.Call != nil &&
		ctxmodel.IsPkgFunc(c.m.CalleeFunc(o.Call), "context", "TODO")
}
