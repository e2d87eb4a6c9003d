package ctxmodel

import "go/ast"

// AssignedResult returns the left-hand side receiving result index of the
// single multi-valued right-hand side of assign, an *ast.AssignStmt or
// *ast.ValueSpec such as Origin.Assign; nil when there is none.
func AssignedResult(assign ast.Node, index int) ast.Expr {
	switch n := assign.(type) {
	case *ast.AssignStmt:
		if len(n.Rhs) == 1 && index >= 0 && index < len(n.Lhs) {
			return n.Lhs[index]
		}
	case *ast.ValueSpec:
		if len(n.Values) == 1 && index >= 0 && index < len(n.Names) {
			return n.Names[index]
		}
	}
	return nil
}

// CancelDiscarded reports whether o is a context made by a cancel producer
// (context.WithCancel, WithTimeout, ...) whose cancel result was assigned
// to the blank identifier, so that nobody can cancel it:
// ctx, _ := context.WithCancel(parent). A cancel assigned to a variable or
// a field counts as kept: someone can call it.
func (m *Model) CancelDiscarded(o *Origin) bool {
	if o == nil || o.Call == nil || o.Assign == nil {
		return false
	}
	i, ok := m.CancelResult(o.Call)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(AssignedResult(o.Assign, i)).(*ast.Ident)
	return ok && id.Name == "_"
}
