package lostcancel2

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// releasedWithOwner reports whether the cancel function that the field
// store d keeps belongs to a context derived from a context of another
// field whose own cancel the package calls:
//
//	s.ctx, s.cancel = context.WithCancel(parent) // Close calls s.cancel
//	watch, s.watchCancel = context.WithCancel(s.ctx)
//
// Ending the object cancels s.ctx, and with it every context derived from
// it, so the child's cancel is released with its owner: leaving the last
// one uncalled leaks nothing past the object's life.
//
// When a helper made the cancel (s.spc, s.close, s.err = s.open()), which
// context it derives from is the helper's business; if the object also
// keeps a cancel the package does call, its owner context may well be
// that parent, and the finding would be a guess: it stays silent.
func (c *checker) releasedWithOwner(f *types.Var, d ctxmodel.Def) bool {
	call := c.producerOf(d)
	if call == nil || c.category(call) != vetCategory {
		return c.siblingCancelCalled(f)
	}
	if len(call.Args) == 0 {
		return false
	}
	o := c.m.Origin(call.Args[0])
	if o == nil || o.Kind != ctxmodel.Field || o.Var == nil {
		return false
	}
	for _, pd := range c.m.FieldDefs(o.Var) {
		if c.cancelHandled(pd) {
			return true
		}
	}
	return false
}

// producerOf returns the context-package call whose cancel d stores:
// d's own right-hand side, or the producer that assigned the local d
// stores.
func (c *checker) producerOf(d ctxmodel.Def) *ast.CallExpr {
	if call, ok := ast.Unparen(d.Rhs).(*ast.CallExpr); ok {
		return call
	}
	id, ok := ast.Unparen(d.Rhs).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	defs := c.m.Defs(v)
	if len(defs) != 1 {
		return nil
	}
	call, _ := ast.Unparen(defs[0].Rhs).(*ast.CallExpr)
	return call
}

// cancelHandled reports whether the context that the field store pd keeps
// comes from a producer whose cancel function the package takes care of:
// stored in a field that code calls or hands on, or kept in a local that
// code calls, passes or returns.
func (c *checker) cancelHandled(pd ctxmodel.Def) bool {
	node, call, index := pd.Node, ast.Unparen(pd.Rhs), pd.Index
	if id, ok := call.(*ast.Ident); ok { // s := &session{ctx: ctx}: follow the local
		v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
		if v == nil || v.IsField() || len(c.m.Defs(v)) != 1 {
			return false
		}
		d := c.m.Defs(v)[0]
		node, call, index = d.Node, ast.Unparen(d.Rhs), d.Index
	}
	producer, ok := call.(*ast.CallExpr)
	if !ok || index < 0 {
		return false
	}
	i, ok := c.m.CancelResult(producer)
	if !ok {
		return false
	}
	switch target := ast.Unparen(ctxmodel.AssignedResult(node, i)).(type) {
	case *ast.SelectorExpr:
		s, ok := c.pass.TypesInfo.Selections[target]
		if !ok || s.Kind() != types.FieldVal {
			return false
		}
		f, _ := s.Obj().(*types.Var)
		return f != nil && c.fieldCalled(f.Origin())
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.ObjectOf(target).(*types.Var)
		if v == nil {
			return false
		}
		if c.handledLocals == nil {
			c.handledLocals = c.findHandledLocals()
		}
		return c.handledLocals[v] || c.storedInCalledField(v)
	}
	return false
}

// storedInCalledField reports whether the local v is stored into a field
// that code calls or hands on (&session{cancel: cancel}; Close calls it).
func (c *checker) storedInCalledField(v *types.Var) bool {
	if c.uses == nil {
		c.uses = c.fieldUses()
	}
	for f := range c.uses {
		if !c.fieldCalled(f) {
			continue
		}
		for _, d := range c.m.FieldDefs(f) {
			if id, ok := ast.Unparen(d.Rhs).(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
				return true
			}
		}
	}
	return false
}

// siblingCancelCalled reports whether another field of f's struct holds
// a cancel function that the package calls or hands on, or that other
// packages can call (an exported field).
func (c *checker) siblingCancelCalled(f *types.Var) bool {
	st := c.structOf(f)
	if st == nil {
		return false
	}
	for g := range st.Fields() {
		if g == f || !holdsFunc(g.Type()) {
			continue
		}
		if !slices.ContainsFunc(c.m.FieldDefs(g), c.storesOwnCancel) {
			continue
		}
		if g.Exported() || c.fieldCalled(g) {
			return true
		}
	}
	return false
}

// structOf returns the struct type of the package that declares the
// field f, or nil.
func (c *checker) structOf(f *types.Var) *types.Struct {
	if c.structs == nil {
		c.structs = make(map[*types.Var]*types.Struct)
		for cur := range c.m.Preorder((*ast.StructType)(nil)) {
			st, ok := c.pass.TypesInfo.TypeOf(cur.Node().(*ast.StructType)).(*types.Struct)
			if !ok {
				continue
			}
			for g := range st.Fields() {
				c.structs[g] = st
			}
		}
	}
	return c.structs[f]
}

// fieldCalled reports whether code of the package calls the field f, or
// hands it on, other than only just before replacing it.
func (c *checker) fieldCalled(f *types.Var) bool {
	if c.uses == nil {
		c.uses = c.fieldUses()
	}
	u := c.uses[f]
	return u != nil && (u.other > 0 || len(u.calls) > 0 && !onlyBeforeReplace(u))
}
