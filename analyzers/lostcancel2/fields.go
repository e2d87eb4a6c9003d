package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checkFields implements rule 3: a cancel function stored in an unexported
// struct field that no code in the package reads (a read is a call, a
// defer or go of it, or anything that hands it on), or stored in any
// field of a value receiver, whose copy the method drops (lostInCopy). Fields are identified
// by types.Var identity, with the fields of generic instances mapped to
// the generic type's.
func (c *checker) checkFields() {
	for cur := range c.m.Preorder((*ast.TypeSpec)(nil)) {
		ts := cur.Node().(*ast.TypeSpec)
		st, ok := c.pass.TypesInfo.TypeOf(ts.Type).(*types.Struct)
		if !ok {
			continue
		}
		for f := range st.Fields() {
			if f.Embedded() || !holdsFunc(f.Type()) {
				continue
			}
			neverRead := !f.Exported() && !c.m.FieldRead(f)
			for _, d := range c.m.FieldDefs(f) {
				if !c.storesOwnCancel(d) || c.storedLocalHandled(d) {
					continue
				}
				if fd, recv, lost := c.lostInCopy(d, f); lost {
					c.report(fieldStore(d, f, c.pass.TypesInfo), lostInCopyMessage(fd, recv, f))
				} else if neverRead && !c.releasedWithOwner(f, d) {
					c.report(fieldStore(d, f, c.pass.TypesInfo), fmt.Sprintf(
						"cancel function stored in field %s.%s is never called (possible context leak)", ts.Name.Name, f.Name()))
				}
			}
		}
	}
}

// storedLocalHandled reports whether d stores a local variable that the
// function calls or hands on itself (ctx, cancel := ...; s.cancel = cancel;
// go func() { ...; cancel() }()): the field is a second handle on a cancel
// function already taken care of through the local.
func (c *checker) storedLocalHandled(d ctxmodel.Def) bool {
	id, ok := ast.Unparen(d.Rhs).(*ast.Ident)
	if !ok {
		return false
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.IsField() || v.Parent() == c.pass.Pkg.Scope() {
		return false
	}
	if c.handledLocals == nil {
		c.handledLocals = c.findHandledLocals()
	}
	return c.handledLocals[v]
}

// findHandledLocals returns the variables that the package calls (also
// by defer or go), passes as an argument, or returns.
func (c *checker) findHandledLocals() map[*types.Var]bool {
	handled := make(map[*types.Var]bool)
	mark := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok {
				handled[v] = true
			}
		}
	}
	for cur := range c.m.Preorder((*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			mark(n.Fun)
			for _, a := range n.Args {
				mark(a)
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				mark(r)
			}
		}
	}
	return handled
}

// holdsFunc reports whether t can hold a cancel function.
func holdsFunc(t types.Type) bool {
	return ctxmodel.IsCancelFunc(t) || ctxmodel.IsPlainFunc(t)
}

// fieldStore returns the node of d that stores into f: the selector on the
// left of an assignment, or the composite literal's element.
func fieldStore(d ctxmodel.Def, f *types.Var, info *types.Info) ast.Node {
	switch n := d.Node.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if obj, ok := info.Uses[sel.Sel].(*types.Var); ok && obj.Origin() == f.Origin() {
					return sel
				}
			}
		}
	case *ast.CompositeLit:
		for _, elt := range n.Elts {
			if elt == d.Rhs {
				return elt
			}
			if kv, ok := elt.(*ast.KeyValueExpr); ok && kv.Value == d.Rhs {
				return kv
			}
		}
	}
	return d.Node
}

// checkPackageVars implements rule 7: a cancel function stored in an
// unexported package-level variable that nothing in the package reads.
func (c *checker) checkPackageVars() {
	scope := c.pass.Pkg.Scope()
	var candidates map[*types.Var][]ctxmodel.Def
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || v.Exported() || !holdsFunc(v.Type()) {
			continue
		}
		var stores []ctxmodel.Def
		for _, d := range c.m.Defs(v) {
			if c.storesOwnCancel(d) {
				stores = append(stores, d)
			}
		}
		if len(stores) > 0 {
			if candidates == nil {
				candidates = make(map[*types.Var][]ctxmodel.Def)
			}
			candidates[v] = stores
		}
	}
	if len(candidates) == 0 {
		return
	}
	read := c.readVars(candidates)
	for _, name := range scope.Names() {
		v, _ := scope.Lookup(name).(*types.Var)
		if read[v] {
			continue
		}
		for _, d := range candidates[v] {
			c.report(varStore(d, v, c.pass.TypesInfo), fmt.Sprintf(
				"cancel function stored in package-level variable %s is never called (possible context leak)", v.Name()))
		}
	}
}

// readVars returns which of the candidates are read anywhere in the
// package: every use other than as the target of a plain assignment.
func (c *checker) readVars(candidates map[*types.Var][]ctxmodel.Def) map[*types.Var]bool {
	targets := make(map[*ast.Ident]bool)
	for cur := range c.m.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
			continue
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				targets[id] = true
			}
		}
	}
	read := make(map[*types.Var]bool)
	for id, obj := range c.pass.TypesInfo.Uses {
		if v, ok := obj.(*types.Var); ok && candidates[v] != nil && !targets[id] {
			read[v] = true
		}
	}
	return read
}

// varStore returns the identifier that d assigns v to.
func varStore(d ctxmodel.Def, v *types.Var, info *types.Info) ast.Node {
	var ids []ast.Expr
	switch n := d.Node.(type) {
	case *ast.AssignStmt:
		ids = n.Lhs
	case *ast.ValueSpec:
		ids = identExprs(n.Names)
	}
	for _, e := range ids {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok && info.ObjectOf(id) == v {
			return id
		}
	}
	return d.Node
}
