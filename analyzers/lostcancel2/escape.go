package lostcancel2

import (
	"go/ast"
	"go/token"
	"go/types"
)

// iterationEscapes reports whether the context or cancel function that the
// producing statement prod makes in a loop body, or any value derived from
// them in that body, outlives the iteration: handed to a goroutine, sent
// on a channel, or stored in a field, map, slice or variable declared
// outside the body. Such an iteration's context must not be cancelled at
// the end of the iteration, so rule 6's advice would be wrong.
//
// cancel is the deferred variable itself: assigning it a new value is what
// the rule is about, not an escape.
func (c *checker) iterationEscapes(prod ast.Node, cancel *types.Var, body *ast.BlockStmt) bool {
	e := &escapeScan{c: c, body: body, cancel: cancel, tainted: map[*types.Var]bool{cancel: true}}
	if as, ok := prod.(*ast.AssignStmt); ok {
		for _, lhs := range as.Lhs {
			e.store(lhs)
		}
	} else if spec, ok := prod.(*ast.ValueSpec); ok {
		for _, id := range spec.Names {
			e.store(id)
		}
	}
	// Taint spreads through assignments in any order (loop bodies run
	// again), so scan until nothing new is tainted.
	for grew := true; grew && !e.escaped; {
		before := len(e.tainted)
		e.scan()
		grew = len(e.tainted) > before
	}
	return e.escaped
}

type escapeScan struct {
	c       *checker
	body    *ast.BlockStmt
	cancel  *types.Var
	tainted map[*types.Var]bool
	escaped bool
}

func (e *escapeScan) scan() {
	ast.Inspect(e.body, func(n ast.Node) bool {
		if e.escaped {
			return false
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			e.escaped = e.mentions(n.Call)
		case *ast.SendStmt:
			e.escaped = e.mentions(n.Value)
		case *ast.AssignStmt:
			e.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			e.assign(lhs, n.Values)
		}
		return true
	})
}

// assign handles lhs = rhs: every target receives a derived value when
// some right-hand side mentions a tainted variable (one multi-value call
// feeds all targets).
func (e *escapeScan) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		var r ast.Expr
		switch {
		case len(rhs) == len(lhs):
			r = rhs[i]
		case len(rhs) == 1:
			r = rhs[0]
		default:
			continue
		}
		if e.mentions(r) && e.canHoldContext(l) {
			e.store(l)
		}
	}
}

// store records that lhs receives a tainted value: a local of the body
// becomes tainted; any other target is an escape.
func (e *escapeScan) store(lhs ast.Expr) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if ok && id.Name == "_" {
		return
	}
	if ok {
		v, _ := e.c.pass.TypesInfo.ObjectOf(id).(*types.Var)
		if v == e.cancel {
			return
		}
		if v != nil && e.inBody(v.Pos()) {
			e.tainted[v] = true
			return
		}
	}
	e.escaped = true
}

func (e *escapeScan) inBody(pos token.Pos) bool {
	return pos >= e.body.Pos() && pos < e.body.End()
}

// canHoldContext reports whether the target's type may keep a context or
// cancel function alive: errors and basic values (results, counts, flags)
// cannot.
func (e *escapeScan) canHoldContext(lhs ast.Expr) bool {
	t := e.c.pass.TypesInfo.TypeOf(lhs)
	if t == nil {
		return true
	}
	if _, basic := t.Underlying().(*types.Basic); basic {
		return false
	}
	return !types.Identical(t, types.Universe.Lookup("error").Type())
}

func (e *escapeScan) mentions(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && !found {
			if v, ok := e.c.pass.TypesInfo.Uses[id].(*types.Var); ok && e.tainted[v] {
				found = true
			}
		}
		return !found
	})
	return found
}
