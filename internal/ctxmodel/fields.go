package ctxmodel

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"
)

// fieldIndex records what this package's code stores into struct fields
// and which fields it reads. It is built once, on the first question about
// a field, because most packages (dependencies above all) never need it.
type fieldIndex struct {
	once  sync.Once
	defs  map[*types.Var][]Def
	reads map[*types.Var]int
}

// FieldDefs returns every store into the struct field f found in this
// package: assignments (x.f = e, x.f, y = call()), composite literals
// (T{f: e} and positional ones), and unknown stores (&x.f, x.f += e,
// x.f++) with a nil Rhs. Fields of instances of a generic type are
// identified with the generic type's field. Stores made by other packages
// are not seen.
func (m *Model) FieldDefs(f *types.Var) []Def {
	if f == nil {
		return nil
	}
	return m.fieldIdx().defs[f.Origin()]
}

// FieldRead reports whether this package's code reads the struct field f
// anywhere (any selection of f other than as the target of a plain
// assignment). Reads by other packages, by reflection or through &x.f are
// not seen, so callers should only trust a "no" for unexported fields.
func (m *Model) FieldRead(f *types.Var) bool {
	if f == nil {
		return false
	}
	return m.fieldIdx().reads[f.Origin()] > 0
}

// IsCancelField reports whether the struct field f holds a cancel function:
// its type is context.CancelFunc or context.CancelCauseFunc, or it is a
// func() field declared in this package every store into which (there is
// at least one) is a cancel function by HoldsCancel.
func (m *Model) IsCancelField(f *types.Var) bool {
	return m.isCancelField(f, map[*types.Var]bool{})
}

// HoldsCancel reports whether e evaluates to a cancel function: an
// expression of type context.CancelFunc or context.CancelCauseFunc, or a
// func() that is provably one, following local and package variables,
// struct fields (through what this package stores into them), producer
// calls and function literals that call a cancel function. The
// ReturnsCancel proof uses it too.
func (m *Model) HoldsCancel(e ast.Expr) bool {
	return m.holdsCancel(e, -1, map[*types.Var]bool{})
}

func (m *Model) holdsCancel(e ast.Expr, index int, visiting map[*types.Var]bool) bool {
	e = ast.Unparen(e)
	if index < 0 && IsCancelFunc(m.Info.TypeOf(e)) {
		return true
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		i, ok := m.CancelResult(e)
		return ok && (index < 0 && !isTuple(m.Info.TypeOf(e)) || i == index)
	case *ast.Ident:
		v := m.VarOf(e)
		return v != nil && m.varHoldsCancel(v, visiting)
	case *ast.SelectorExpr:
		if sel, ok := m.Info.Selections[e]; ok {
			f, _ := sel.Obj().(*types.Var)
			return sel.Kind() == types.FieldVal && m.isCancelField(f, visiting)
		}
		if v, ok := m.Info.Uses[e.Sel].(*types.Var); ok { // pkg.Var
			return m.varHoldsCancel(v, visiting)
		}
	case *ast.FuncLit:
		return m.bodyCallsCancel(e.Body, visiting)
	}
	return false
}

func (m *Model) varHoldsCancel(v *types.Var, visiting map[*types.Var]bool) bool {
	if v.IsField() || visiting[v] || m.IsParam(v) {
		return false
	}
	return m.allDefsHoldCancel(v, m.Defs(v), visiting)
}

func (m *Model) isCancelField(f *types.Var, visiting map[*types.Var]bool) bool {
	if f == nil || !f.IsField() {
		return false
	}
	if IsCancelFunc(f.Type()) {
		return true
	}
	f = f.Origin()
	if !IsPlainFunc(f.Type()) || f.Pkg() != m.Pkg || visiting[f] {
		return false
	}
	return m.allDefsHoldCancel(f, m.FieldDefs(f), visiting)
}

func (m *Model) allDefsHoldCancel(v *types.Var, defs []Def, visiting map[*types.Var]bool) bool {
	if len(defs) == 0 {
		return false
	}
	visiting[v] = true
	defer delete(visiting, v)
	for _, d := range defs {
		if d.Rhs == nil || !m.holdsCancel(d.Rhs, d.Index, visiting) {
			return false
		}
	}
	return true
}

// bodyCallsCancel reports whether body, at its top level, calls or defers
// a cancel function.
func (m *Model) bodyCallsCancel(body *ast.BlockStmt, visiting map[*types.Var]bool) bool {
	for _, st := range body.List {
		var call *ast.CallExpr
		switch st := st.(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(st.X).(*ast.CallExpr)
		case *ast.DeferStmt:
			call = st.Call
		}
		if call != nil && len(call.Args) <= 1 && m.holdsCancel(call.Fun, -1, visiting) {
			return true
		}
	}
	return false
}

func (m *Model) fieldIdx() *fieldIndex {
	x := &m.fields
	x.once.Do(func() {
		x.defs = make(map[*types.Var][]Def)
		x.reads = make(map[*types.Var]int)
		written := make(map[*ast.SelectorExpr]bool)
		for _, f := range m.files {
			ast.Inspect(f, func(n ast.Node) bool {
				m.indexFieldNode(x, written, n)
				return true
			})
		}
	})
	return x
}

// indexFieldNode records n's stores and reads of fields. Assignments are
// visited before their operands, so written holds the selectors that are
// assignment targets by the time they are visited themselves.
func (m *Model) indexFieldNode(x *fieldIndex, written map[*ast.SelectorExpr]bool, n ast.Node) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		m.indexFieldAssign(x, written, n)
	case *ast.CompositeLit:
		m.indexFieldLit(x, n)
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			m.addFieldDef(x, n.X, Def{Index: -1, Node: n})
		}
	case *ast.IncDecStmt:
		m.addFieldDef(x, n.X, Def{Index: -1, Node: n})
	case *ast.RangeStmt:
		m.addFieldDef(x, n.Key, Def{Index: -1, Node: n})
		m.addFieldDef(x, n.Value, Def{Index: -1, Node: n})
	case *ast.SelectorExpr:
		if f := m.selectedField(n); f != nil && !written[n] {
			x.reads[f]++
		}
	}
}

func (m *Model) indexFieldAssign(x *fieldIndex, written map[*ast.SelectorExpr]bool, n *ast.AssignStmt) {
	plain := n.Tok == token.ASSIGN || n.Tok == token.DEFINE
	for i, l := range n.Lhs {
		d := Def{Index: -1, Node: n}
		switch {
		case !plain:
		case len(n.Rhs) == 1 && len(n.Lhs) > 1:
			d = Def{Rhs: n.Rhs[0], Index: i, Node: n}
		case i < len(n.Rhs):
			d = Def{Rhs: n.Rhs[i], Index: -1, Node: n}
		}
		if m.addFieldDef(x, l, d) && plain {
			written[ast.Unparen(l).(*ast.SelectorExpr)] = true
		}
	}
}

func (m *Model) indexFieldLit(x *fieldIndex, lit *ast.CompositeLit) {
	t := m.Info.TypeOf(lit)
	if t == nil {
		return
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			key, _ := kv.Key.(*ast.Ident)
			if key == nil {
				continue
			}
			if f, ok := m.Info.Uses[key].(*types.Var); ok && f.IsField() {
				x.defs[f.Origin()] = append(x.defs[f.Origin()], Def{Rhs: kv.Value, Index: -1, Node: lit})
			}
		} else if i < st.NumFields() {
			f := st.Field(i).Origin()
			x.defs[f] = append(x.defs[f], Def{Rhs: elt, Index: -1, Node: lit})
		}
	}
}

// addFieldDef records d as a store into the field lhs selects, and reports
// whether lhs selects a field.
func (m *Model) addFieldDef(x *fieldIndex, lhs ast.Expr, d Def) bool {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	f := m.selectedField(sel)
	if f == nil {
		return false
	}
	x.defs[f] = append(x.defs[f], d)
	return true
}

// selectedField returns the (generic) field that sel selects, or nil.
func (m *Model) selectedField(sel *ast.SelectorExpr) *types.Var {
	s, ok := m.Info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	f, _ := s.Obj().(*types.Var)
	if f == nil {
		return nil
	}
	return f.Origin()
}
