package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
)

// A producedVar is a local variable receiving a producer's cancel result.
type producedVar struct {
	v    *types.Var
	stmt ast.Node // the *ast.AssignStmt or *ast.ValueSpec, a node of the CFG
	// failed says how the producer reports failure, if it does. Where a
	// branch shows it failed, and the variable still holds what the
	// producer gave it, its cancel is nil or a no-op: that path needs no
	// call.
	failed   *failure
	category string // vetCategory when go vet reports the variable too
}

// failure is a producer's report that it failed: an error result that
// is not nil (by convention a failed producer returns no cancel), or a
// success flag that is false (ctxmodel.CancelOnlyIfOK).
type failure struct {
	v    *types.Var
	flag bool // v is a success flag, not an error
}

// funcInfo is a function (declaration or literal) with its cancel variables.
type funcInfo struct {
	node ast.Node // *ast.FuncDecl or *ast.FuncLit
	typ  *ast.FuncType
	body *ast.BlockStmt
	vars []producedVar
}

// eventKind classifies one mention of a variable on a path.
type eventKind int

const (
	evUse       eventKind = iota // called, returned, passed, stored, captured: handled
	evOverwrite                  // assigned again: the earlier value is gone
	evDefine                     // declared afresh (a := or var reached again)
	evAlias                      // copied into another local variable
)

type event struct {
	v    *types.Var
	kind eventKind
	to   *types.Var // for evAlias: the receiving variable
	node ast.Node   // for evOverwrite: the assignment
}

// pathState is what one path knows about a cancel value.
type pathState struct {
	block   *cfg.Block
	aliased bool // a copy lives in a local alias
	stale   bool // the failure variable no longer holds the producer's report
}

// checkPaths implements rules 2 (not called on every path) and 5
// (overwritten) for the functions that declare cancel variables.
func (c *checker) checkPaths(funcs []*funcInfo) {
	for _, fi := range funcs {
		c.checkFunc(fi)
	}
}

func (c *checker) checkFunc(fi *funcInfo) {
	if fi.body == nil {
		return
	}
	g := cfg.New(fi.body, c.mayReturn)
	fa := &funcAnalysis{
		c:       c,
		fi:      fi,
		g:       g,
		events:  make(map[*cfg.Block][][]event),
		results: c.namedResults(fi.typ),
		where:   make(map[ast.Node]nodeAt),
	}
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			fa.where[n] = nodeAt{b, i}
		}
	}
	fa.aliases = fa.aliasGraph()
	exempt := c.isMainMain(fi.node)
	reported := make(map[ast.Node]bool)
	for _, pv := range fi.vars {
		ret, overwrites := fa.lostPaths(pv)
		for _, ow := range overwrites {
			if !reported[ow] {
				reported[ow] = true
				c.report(ow, fmt.Sprintf("the previous cancel function in %s is overwritten before being called (possible context leak)", pv.v.Name()))
			}
		}
		if ret != nil && !exempt {
			if len(fa.aliases[pv.v]) > 0 {
				pv.category = "" // vet counts the copy as a use and stays quiet
			}
			c.reportLostPath(pv, ret)
		}
	}
}

func (c *checker) reportLostPath(pv producedVar, ret *ast.ReturnStmt) {
	line := c.pass.Fset.Position(pv.stmt.Pos()).Line
	c.reportAs(pv.category, pv.stmt, fmt.Sprintf("the %s function is not used on all paths (possible context leak)", pv.v.Name()))
	pos, end := ret.Pos(), ret.End()
	if c.pass.Fset.File(pos) != c.pass.Fset.File(end) {
		end = pos // a synthetic return at the closing brace
	}
	c.m.Report(c.pass, analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: pv.category,
		Message:  fmt.Sprintf("this return statement may be reached without using the %s var defined on line %d", pv.v.Name(), line),
	})
}

// isMainMain reports whether fn is main.main, whose return ends the
// process and so needs no cancel call (vet's exemption, rule 2 only).
func (c *checker) isMainMain(fn ast.Node) bool {
	decl, ok := fn.(*ast.FuncDecl)
	return ok && decl.Recv == nil && decl.Name.Name == "main" && c.pass.Pkg.Name() == "main"
}

func (c *checker) namedResults(ft *ast.FuncType) []*types.Var {
	if ft == nil || ft.Results == nil {
		return nil
	}
	var out []*types.Var
	for _, f := range ft.Results.List {
		for _, id := range f.Names {
			if v, ok := c.pass.TypesInfo.Defs[id].(*types.Var); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

type nodeAt struct {
	block *cfg.Block
	index int
}

// funcAnalysis holds one function's CFG and the mentions of its local
// variables, computed once per block on first need.
type funcAnalysis struct {
	c       *checker
	fi      *funcInfo
	g       *cfg.CFG
	events  map[*cfg.Block][][]event // per node of the block
	results []*types.Var
	where   map[ast.Node]nodeAt
	aliases map[*types.Var][]*types.Var // v -> locals that receive a copy of v
	// captured holds the variables that function literals in the body
	// mention; built on first need (see capturedByLit).
	captured map[*types.Var]bool
}

// capturedByLit reports whether a function literal in the function's body
// mentions v. A copy into such a variable hands the value to the literal,
// which may be registered already (a teardown: release := func() {};
// onStop(func() { release() }); ...; release = cancel), so it counts as
// handling the value, as any mention inside a literal does.
func (fa *funcAnalysis) capturedByLit(v *types.Var) bool {
	if fa.captured == nil {
		fa.captured = make(map[*types.Var]bool)
		info := fa.c.pass.TypesInfo
		ast.Inspect(fa.fi.body, func(n ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok {
				return true
			}
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if u, ok := info.Uses[id].(*types.Var); ok {
						fa.captured[u] = true
					}
				}
				return true
			})
			return false
		})
	}
	return fa.captured[v]
}

// lostPaths searches the paths from pv's defining statement on which the
// cancel value is not handled. It returns the first return statement such
// a path reaches (in vet's depth-first order), and the re-assignments of
// pv.v that such paths reach.
func (fa *funcAnalysis) lostPaths(pv producedVar) (*ast.ReturnStmt, []ast.Node) {
	at, ok := fa.where[pv.stmt]
	if !ok {
		return nil, nil // not in the CFG (unreachable code)
	}
	family := fa.family(pv.v)
	// A producer that gives ctx a deadline rules out the later branch
	// that runs only when ctx has none.
	withDeadline := fa.c.deadlineTarget(pv.stmt)
	var (
		firstRet   *ast.ReturnStmt
		overwrites []ast.Node
		seen       = make(map[pathState]bool)
	)
	// scan follows the block from node index start; it reports whether the
	// path goes on to the block's successors.
	scan := func(st pathState, start int) (pathState, bool) {
		nodes := fa.blockEvents(st.block)
		for i := start; i < len(nodes); i++ {
			for _, ev := range nodes[i] {
				if pv.failed != nil && ev.v == pv.failed.v && (ev.kind == evOverwrite || ev.kind == evDefine) {
					st.stale = true
				}
				if !family[ev.v] {
					continue
				}
				switch {
				case ev.kind == evUse:
					return st, false
				case ev.kind == evAlias:
					st.aliased = true
				case ev.v != pv.v:
					// an alias re-assigned: the copy in pv.v may remain
				case ev.kind == evOverwrite && !st.aliased:
					overwrites = append(overwrites, ev.node)
					return st, false
				default: // a fresh declaration, or the value lives on in an alias
					return st, false
				}
			}
		}
		if ret := st.block.Return(); ret != nil {
			if firstRet == nil {
				firstRet = ret
			}
			return st, false
		}
		return st, true
	}
	var visit func(st pathState)
	visit = func(st pathState) {
		for i, succ := range st.block.Succs {
			if pv.failed != nil && !st.stale && fa.producerFailed(st.block, i, pv.failed) {
				continue
			}
			if withDeadline != nil && fa.c.needsNoDeadline(succ, withDeadline) {
				continue
			}
			next := pathState{succ, st.aliased, st.stale}
			if seen[next] {
				continue
			}
			seen[next] = true
			if after, goOn := scan(next, 0); goOn {
				visit(after)
			}
		}
	}
	if after, goOn := scan(pathState{block: at.block}, at.index+1); goOn {
		visit(after)
	}
	return firstRet, overwrites
}

// producerFailed reports whether taking the successor i of block means
// that the producer failed (f): the block ends with a condition (Succs[0]
// is its true branch, Succs[1] its false one) or a switch case that
// implies the error is not nil, or the flag false.
func (fa *funcAnalysis) producerFailed(block *cfg.Block, i int, f *failure) bool {
	if len(block.Succs) != 2 {
		return false
	}
	var cond ast.Expr
	if len(block.Nodes) > 0 {
		cond, _ = block.Nodes[len(block.Nodes)-1].(ast.Expr)
	}
	m := fa.c.m
	if body := block.Succs[0]; body.Kind == cfg.KindSwitchCaseBody {
		if f.flag {
			return false
		}
		cc, _ := body.Stmt.(*ast.CaseClause)
		switch s := fa.switchOf(cc).(type) {
		case *ast.SwitchStmt:
			return cond != nil && m.CaseImpliesNonNil(s.Tag, cond, i == 0, f.v)
		case *ast.TypeSwitchStmt:
			return m.TypeCaseImpliesNonNil(s, cc, i == 0, f.v)
		}
		return false
	}
	if cond == nil {
		return false
	}
	if f.flag {
		return m.ImpliesFalse(cond, i == 0, f.v)
	}
	return m.ImpliesNonNil(cond, i == 0, f.v)
}

// switchOf returns the switch or type switch statement holding cc.
func (fa *funcAnalysis) switchOf(cc *ast.CaseClause) ast.Stmt {
	if cc == nil {
		return nil
	}
	cur, ok := fa.c.m.FindNode(cc)
	if !ok {
		return nil
	}
	s, _ := cur.Parent().Parent().Node().(ast.Stmt)
	return s
}

// family returns v and the local variables that receive copies of it.
func (fa *funcAnalysis) family(v *types.Var) map[*types.Var]bool {
	fam := map[*types.Var]bool{v: true}
	queue := []*types.Var{v}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, y := range fa.aliases[x] {
			if !fam[y] {
				fam[y] = true
				queue = append(queue, y)
			}
		}
	}
	return fam
}

func (fa *funcAnalysis) aliasGraph() map[*types.Var][]*types.Var {
	graph := make(map[*types.Var][]*types.Var)
	for _, b := range fa.g.Blocks {
		for _, evs := range fa.blockEvents(b) {
			for _, ev := range evs {
				if ev.kind == evAlias {
					graph[ev.v] = append(graph[ev.v], ev.to)
				}
			}
		}
	}
	return graph
}

func (fa *funcAnalysis) blockEvents(b *cfg.Block) [][]event {
	if evs, ok := fa.events[b]; ok {
		return evs
	}
	evs := make([][]event, len(b.Nodes))
	for i, n := range b.Nodes {
		evs[i] = fa.nodeEvents(n)
	}
	fa.events[b] = evs
	return evs
}

// nodeEvents lists the mentions of local variables in n, a node of the
// CFG, in evaluation order: an assignment's right-hand side comes before
// its targets.
func (fa *funcAnalysis) nodeEvents(n ast.Node) []event {
	var evs []event
	info := fa.c.pass.TypesInfo
	var walk func(n ast.Node) bool
	reads := func(n ast.Node) {
		if n != nil {
			ast.Inspect(n, walk)
		}
	}
	target := func(lhs ast.Expr, assign ast.Node) {
		id, ok := ast.Unparen(lhs).(*ast.Ident)
		if !ok {
			reads(lhs) // a field, element or pointer target: its operands are read
			return
		}
		if v, ok := info.Defs[id].(*types.Var); ok {
			evs = append(evs, event{v: v, kind: evDefine, node: assign})
		} else if v, ok := info.Uses[id].(*types.Var); ok {
			evs = append(evs, event{v: v, kind: evOverwrite, node: assign})
		}
	}
	// copies reports a plain copy rhs -> lhs between local variables.
	copies := func(lhs, rhs ast.Expr) bool {
		src := fa.localVar(rhs)
		dst := fa.localVar(lhs)
		if src == nil || dst == nil || fa.capturedByLit(dst) {
			return false
		}
		evs = append(evs, event{v: src, kind: evAlias, to: dst})
		return true
	}
	assign := func(node ast.Node, lhs, rhs []ast.Expr) {
		for i, r := range rhs {
			if len(lhs) == len(rhs) && copies(lhs[i], r) {
				continue
			}
			reads(r)
		}
		for _, l := range lhs {
			target(l, node)
		}
	}
	walk = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				return true // op-assignment: reads and writes its operands
			}
			assign(n, n.Lhs, n.Rhs)
			return false
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			assign(n, lhs, n.Values)
			return false
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				for _, v := range fa.results {
					evs = append(evs, event{v: v, kind: evUse})
				}
			}
		case *ast.Ident:
			if v, ok := info.Defs[n].(*types.Var); ok {
				evs = append(evs, event{v: v, kind: evDefine, node: n})
			} else if v, ok := info.Uses[n].(*types.Var); ok {
				evs = append(evs, event{v: v, kind: evUse})
			}
		case *ast.FuncLit:
			// Any mention inside a function literal hands the value to the
			// literal, which is called, deferred, started, returned,
			// passed or stored.
			ast.Inspect(n.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						evs = append(evs, event{v: v, kind: evUse})
					}
				}
				return true
			})
			return false
		}
		return true
	}
	ast.Inspect(n, walk)
	return evs
}

// localVar returns the variable e names when it is local to the function
// being analyzed (not a package variable, not captured from an enclosing
// function), or nil.
func (fa *funcAnalysis) localVar(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, _ := fa.c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || !declaredIn(v, fa.fi.node) {
		return nil
	}
	return v
}

// declaredIn reports whether the local variable v is declared inside fn
// (its parameters and results included).
func declaredIn(v *types.Var, fn ast.Node) bool {
	switch v.Kind() {
	case types.LocalVar, types.ParamVar, types.ResultVar:
		return fn.Pos() <= v.Pos() && v.Pos() < fn.End()
	}
	return false
}

// mayReturn tells the CFG builder which calls never return: panic, the
// library functions that stop (os.Exit, log.Fatal*, t.Fatal*, ...), and
// functions, of this package or another, whose body ends in such a call
// (the model's NoReturn property, a fact across packages).
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	return !c.m.CallNeverReturns(call)
}

// funcDecl returns the declaration of fn in this package, or nil.
func (c *checker) funcDecl(fn *types.Func) *ast.FuncDecl {
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}
