package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// fieldUses is how a package's code touches one struct field that holds a
// function.
type fieldUses struct {
	calls  []fieldCall              // plain calls of the field: s.cancel()
	stores map[ast.Node][]token.Pos // by enclosing function body
	other  int                      // any other read: passed on, deferred, started, returned
}

type fieldCall struct {
	body ast.Node // the enclosing function body
	pos  token.Pos
}

// checkReplacedOnly reports, for rule 3, a cancel field that code calls
// only just before storing a new cancel into it (a reset method:
// if s.cancel != nil { s.cancel() }; s.ctx, s.cancel = context.WithCancel(...)),
// and that nothing else reads: the cancel stored last is never called.
func (c *checker) checkReplacedOnly() {
	if c.uses == nil {
		c.uses = c.fieldUses()
	}
	for f, u := range c.uses {
		if f.Exported() || len(u.calls) == 0 || u.other > 0 || !onlyBeforeReplace(u) {
			continue
		}
		for _, d := range c.m.FieldDefs(f) {
			if !c.storesOwnCancel(d) || c.storedLocalHandled(d) || c.releasedWithOwner(f, d) {
				continue
			}
			c.report(fieldStore(d, f, c.pass.TypesInfo), fmt.Sprintf(
				"cancel function stored in field %s is called only just before it is replaced; nothing calls the last one (possible context leak)",
				f.Name()))
		}
	}
}

// onlyBeforeReplace reports whether every call of the field is followed,
// in the same function, by a store into it.
func onlyBeforeReplace(u *fieldUses) bool {
	for _, call := range u.calls {
		replaced := false
		for _, pos := range u.stores[call.body] {
			if pos > call.pos {
				replaced = true
				break
			}
		}
		if !replaced {
			return false
		}
	}
	return true
}

// fieldUses classifies every selection of a function-holding struct field
// in the package.
func (c *checker) fieldUses() map[*types.Var]*fieldUses {
	uses := make(map[*types.Var]*fieldUses)
	get := func(f *types.Var) *fieldUses {
		u := uses[f]
		if u == nil {
			u = &fieldUses{stores: make(map[ast.Node][]token.Pos)}
			uses[f] = u
		}
		return u
	}
	for _, file := range c.pass.Files {
		var stack []ast.Node
		handled := make(map[*ast.SelectorExpr]bool)
		ast.Inspect(file, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, n)
			body := enclosingBody(stack)
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if sel, f := c.funcField(l); f != nil {
						handled[sel] = true
						if !c.assignsNil(n, i) { // s.cancel = nil forgets it; it replaces nothing
							get(f).stores[body] = append(get(f).stores[body], n.Pos())
						}
					}
				}
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && len(call.Args) <= 1 {
					if sel, f := c.funcField(call.Fun); f != nil {
						handled[sel] = true
						get(f).calls = append(get(f).calls, fieldCall{body, call.Pos()})
					}
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					for _, e := range []ast.Expr{n.X, n.Y} {
						if sel, f := c.funcField(e); f != nil {
							handled[sel] = true
						}
					}
				}
			case *ast.SelectorExpr:
				if sel, f := c.funcField(n); f != nil && !handled[sel] {
					get(f).other++
				}
			}
			return true
		})
	}
	return uses
}

// enclosingBody returns the innermost function on the stack of nodes.
func enclosingBody(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return stack[i]
		}
	}
	return nil
}

// funcField returns e and the (generic) field it selects when e selects a
// struct field holding a function.
func (c *checker) funcField(e ast.Expr) (*ast.SelectorExpr, *types.Var) {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil, nil
	}
	f, _ := s.Obj().(*types.Var)
	if f == nil || !holdsFunc(f.Type()) {
		return nil, nil
	}
	return sel, f.Origin()
}

// assignsNil reports whether the assignment gives its left-hand side i the
// value nil.
func (c *checker) assignsNil(n *ast.AssignStmt, i int) bool {
	return len(n.Lhs) == len(n.Rhs) && c.pass.TypesInfo.Types[n.Rhs[i]].IsNil()
}
