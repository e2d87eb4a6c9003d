package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// MayReturnNoCancel is a fact on a function whose cancel result is, on
// some return, no cancel at all: nil, or a function literal with an empty
// body (written as is or converted to context.CancelFunc), directly or
// through a local variable. Such a helper makes a cancel only for some
// arguments (newCtx(ctx, 0) returns ctx and nil), so a caller that
// discards the result may be right for the arguments it passes; rule 1
// of lostcancel2 cannot be sure of a leak and stays silent.
type MayReturnNoCancel struct {
	Index int // which result
}

func (*MayReturnNoCancel) AFact() {}

func (f *MayReturnNoCancel) String() string {
	return fmt.Sprintf("mayReturnNoCancel(result %d)", f.Index)
}

// MayReturnNoCancel reports whether the function call calls returns, at
// result index, no cancel function on some path (see [MayReturnNoCancel]).
func (m *Model) MayReturnNoCancel(call *ast.CallExpr, index int) bool {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return false
	}
	fn = fn.Origin()
	if i, ok := m.noCancel[fn]; ok {
		return i == index
	}
	i, ok := m.importedNoCancel[fn]
	return ok && i == index
}

// findNoCancels records, and exports as facts, this package's functions
// whose cancel result is sometimes no cancel.
func (m *Model) findNoCancels(pass *analysis.Pass) {
	for fn, fd := range m.funcDecls() {
		if _, getter := m.getters[fn]; getter {
			continue // not a producer at all
		}
		index, ok := m.cancelResultOf(fn)
		if !ok || !m.someReturnYieldsNoCancel(fd, fn, index) {
			continue
		}
		m.noCancel[fn] = index
		pass.ExportObjectFact(fn, &MayReturnNoCancel{Index: index})
	}
}

// cancelResultOf returns the index of fn's cancel result: its first result
// of a cancel type, or the func() result of a proven helper.
func (m *Model) cancelResultOf(fn *types.Func) (int, bool) {
	if i, ok := cancelResultIndex(fn); ok {
		return i, true
	}
	i, ok := m.helpers[fn]
	return i, ok
}

// someReturnYieldsNoCancel reports whether a return statement of decl
// (outside function literals) yields no cancel at result index.
func (m *Model) someReturnYieldsNoCancel(decl *ast.FuncDecl, fn *types.Func, index int) bool {
	res := fn.Type().(*types.Signature).Results()
	found := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			switch {
			case len(n.Results) == res.Len():
				found = found || m.isNoCancel(decl.Body, n.Results[index], map[*types.Var]bool{})
			case len(n.Results) == 0:
				named := res.At(index)
				found = found || named.Name() != "" && m.varMayHoldNoCancel(decl.Body, named, map[*types.Var]bool{})
			}
		}
		return !found
	})
	return found
}

// isNoCancel reports whether e is, or may be through a local variable,
// nil or a function that does nothing.
func (m *Model) isNoCancel(body *ast.BlockStmt, e ast.Expr, visiting map[*types.Var]bool) bool {
	e = ast.Unparen(e)
	if m.Info.Types[e].IsNil() {
		return true
	}
	switch e := e.(type) {
	case *ast.FuncLit:
		return len(e.Body.List) == 0
	case *ast.CallExpr:
		if fun, ok := m.Info.Types[e.Fun]; ok && fun.IsType() && len(e.Args) == 1 {
			return m.isNoCancel(body, e.Args[0], visiting) // context.CancelFunc(func() {})
		}
	case *ast.Ident:
		if v := m.VarOf(e); v != nil {
			return m.varMayHoldNoCancel(body, v, visiting)
		}
	}
	return false
}

// varMayHoldNoCancel reports whether some assignment to the local v of
// body, or its zero value, is no cancel. The zero value counts only when
// no statement of the declaring block assigns v unconditionally.
func (m *Model) varMayHoldNoCancel(body *ast.BlockStmt, v *types.Var, visiting map[*types.Var]bool) bool {
	if v.IsField() || isPackageVar(v) || visiting[v] {
		return false
	}
	visiting[v] = true
	for _, d := range m.Defs(v) {
		if d.Rhs == nil {
			if spec, ok := d.Node.(*ast.ValueSpec); ok && len(spec.Values) == 0 && !m.assignedInDeclaringBlock(body, spec, v) {
				return true // var cancel context.CancelFunc, assigned only on some paths
			}
			continue
		}
		if d.Index < 0 && m.isNoCancel(body, d.Rhs, visiting) {
			return true
		}
	}
	return false
}

// assignedInDeclaringBlock reports whether a statement of the block that
// declares v with spec, after the declaration, assigns v.
func (m *Model) assignedInDeclaringBlock(body *ast.BlockStmt, spec *ast.ValueSpec, v *types.Var) bool {
	assigned := false
	ast.Inspect(body, func(n ast.Node) bool {
		block, ok := n.(*ast.BlockStmt)
		if !ok || assigned {
			return !assigned
		}
		declared := false
		for _, st := range block.List {
			if ds, ok := st.(*ast.DeclStmt); ok && ds.Pos() <= spec.Pos() && spec.End() <= ds.End() {
				declared = true
				continue
			}
			if as, ok := st.(*ast.AssignStmt); ok && declared && m.assigns(as, v) {
				assigned = true
				break
			}
		}
		return !assigned
	})
	return assigned
}

func (m *Model) assigns(as *ast.AssignStmt, v *types.Var) bool {
	for _, lhs := range as.Lhs {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && m.Info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}
