package ctxmodel

import (
	"go/ast"
	"go/types"
)

// Calls through a function-valued struct field (a client's process hook,
// a pager's fetch function) are resolved from what the package stores in
// the field. Only an unexported field of this package qualifies: every
// value it ever holds was written by this package's code (a struct copy
// moves values, it does not make new ones), so the functions stored there
// are all the field can call. As for an interface method, the call
// observes when one of them does, and is bounded only when all are.

// fieldParam is one context parameter of a function-valued field.
type fieldParam struct {
	field *types.Var
	index int
}

type fieldUse struct {
	use    Use
	reason string
	ok     bool
}

// fieldArgUse says what a call through the field f does with its
// argument i; ok is false when the field's values are not all known.
func (m *Model) fieldArgUse(f *types.Var, i int) (Use, string, bool) {
	f = f.Origin()
	if !m.resolvableField(f) {
		return 0, "", false
	}
	key := fieldParam{f, i}
	if u, done := m.fieldUses[key]; done || m.fieldsDone {
		return u.use, u.reason, u.ok
	}
	if m.resolvingFields[f] {
		return 0, "", true // recursion: contributes nothing
	}
	m.resolvingFields[f] = true
	u := m.resolveField(f, i)
	delete(m.resolvingFields, f)
	m.fieldUses[key] = u
	return u.use, u.reason, u.ok
}

// resolvableField reports whether every value of f is written in this
// package: an unexported field, of this package, of function type.
func (m *Model) resolvableField(f *types.Var) bool {
	if !f.IsField() || f.Exported() || f.Pkg() != m.Pkg {
		return false
	}
	_, isFunc := f.Type().Underlying().(*types.Signature)
	return isFunc
}

func (m *Model) resolveField(f *types.Var, i int) fieldUse {
	defs := m.FieldDefs(f)
	if len(defs) == 0 {
		return fieldUse{}
	}
	var u Use
	reason := ""
	for _, d := range defs {
		du, r, ok := m.storedFuncUse(d, i)
		if !ok {
			return fieldUse{}
		}
		if reason == "" || moreTelling(du, u) {
			reason = r
		}
		u |= du
	}
	if reason == "" {
		return fieldUse{}
	}
	return fieldUse{u, "calls the field " + f.Name() + ", set to " + reason, true}
}

// storedFuncUse says what the function one store d puts in a field does
// with its parameter i: a function literal, a function or a method value.
// A nil store adds nothing; any other value (a parameter, a call's
// result) is unknown.
func (m *Model) storedFuncUse(d Def, i int) (Use, string, bool) {
	if d.Rhs == nil || d.Index >= 0 {
		return 0, "", false
	}
	e := ast.Unparen(d.Rhs)
	if m.Info.Types[e].IsNil() {
		return 0, "", true
	}
	switch e := e.(type) {
	case *ast.FuncLit:
		u, r := m.funcValueUse(e, i)
		return u, r, true
	case *ast.Ident, *ast.SelectorExpr:
		if _, ok := m.Info.Uses[selectedIdent(e)].(*types.Func); ok {
			u, r := m.funcValueUse(e, i)
			return u, r, true
		}
	}
	return 0, "", false
}

func selectedIdent(e ast.Expr) *ast.Ident {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return sel.Sel
	}
	id, _ := e.(*ast.Ident)
	return id
}

// completeFieldUses resolves every function-valued field's context
// parameters before the run ends, so that the Model is read-only after.
func (m *Model) completeFieldUses() {
	for f := range m.fieldIdx().defs {
		if !m.resolvableField(f) {
			continue
		}
		sig := f.Type().Underlying().(*types.Signature)
		for i := 0; i < sig.Params().Len(); i++ {
			if m.IsContextLike(sig.Params().At(i).Type()) {
				m.fieldArgUse(f, i)
			}
		}
	}
	m.fieldsDone = true
}
