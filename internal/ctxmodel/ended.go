package ctxmodel

import (
	"go/ast"
	"go/token"
)

// OwnEnd tells how a context that only one function can end is ended: the
// function made it (a context package WithCancel, WithTimeout or WithDeadline child of
// Background, TODO or a detached context) and keeps its cancel functions
// to itself, calling them directly or by defer and never storing,
// passing, returning or capturing them. Nothing else can cancel such a
// context: when it is done, its own timer fired or the function cancelled
// it on purpose.
type OwnEnd struct {
	// Cancels are the calls of its cancel functions that are statements of
	// the function itself (not deferred, not in a function literal).
	Cancels []*ast.CallExpr
}

// CancelledBefore reports whether one of the function's own cancel calls
// lies before pos.
func (e *OwnEnd) CancelledBefore(pos token.Pos) bool {
	for _, c := range e.Cancels {
		if c.End() <= pos {
			return true
		}
	}
	return false
}

// OwnEndOf returns how the context of origin o is ended when only the
// function that made it can end it (see [OwnEnd]), or nil.
func (m *Model) OwnEndOf(o *Origin) *OwnEnd {
	if o == nil || o.Kind == Mixed || !o.IsSelfOwned() {
		return nil
	}
	end := &OwnEnd{}
	for ; o != nil && (o.Kind == Deadline || o.Kind == Cancellable); o = o.Parent {
		if o.Call == nil || o.Assign == nil || !m.isContextPackageCall(o.Call) {
			return nil // signal.NotifyContext, errgroup.WithContext: ended from outside too
		}
		i, ok := m.CancelResult(o.Call)
		if !ok {
			return nil
		}
		target, ok := ast.Unparen(AssignedResult(o.Assign, i)).(*ast.Ident)
		if !ok {
			return nil
		}
		if target.Name == "_" {
			continue // only its timer ends it
		}
		calls, ok := m.ownCancelCalls(target)
		if !ok {
			return nil
		}
		end.Cancels = append(end.Cancels, calls...)
	}
	return end
}

// ownCancelCalls returns the statement calls of the cancel variable that
// id declares or assigns, when every use of it is a direct or deferred
// call in the function that declares it, and it is assigned only once.
func (m *Model) ownCancelCalls(id *ast.Ident) ([]*ast.CallExpr, bool) {
	v := m.VarOf(id)
	if v == nil || v.IsField() || isPackageVar(v) || m.IsParam(v) || len(m.Defs(v)) != 1 {
		return nil, false
	}
	fn := m.enclosingFunc(v.Pos())
	if fn == nil {
		return nil, false
	}
	var calls []*ast.CallExpr
	ok := true
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(c ast.Node) bool {
			if !ok || c == nil {
				return false
			}
			if lit, isLit := c.(*ast.FuncLit); isLit && c != n {
				visit(lit.Body, true)
				return false
			}
			switch c := c.(type) {
			case *ast.ExprStmt, *ast.DeferStmt:
				call := stmtCall(c)
				if call != nil && len(call.Args) == 0 && m.VarOf(asIdent(call.Fun)) == v {
					if nested {
						ok = false // captured: another goroutine or a later caller may call it
					} else if _, deferred := c.(*ast.DeferStmt); !deferred {
						calls = append(calls, call)
					}
					return false
				}
			case *ast.Ident:
				if c != id && m.Info.Uses[c] == v {
					ok = false // stored, passed, returned, compared: not only called
				}
			}
			return true
		})
	}
	visit(fn, false)
	return calls, ok
}

func (m *Model) isContextPackageCall(call *ast.CallExpr) bool {
	fn := m.CalleeFunc(call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context"
}

func stmtCall(n ast.Node) *ast.CallExpr {
	switch n := n.(type) {
	case *ast.ExprStmt:
		call, _ := ast.Unparen(n.X).(*ast.CallExpr)
		return call
	case *ast.DeferStmt:
		return n.Call
	}
	return nil
}

func asIdent(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// enclosingFunc returns the body of the innermost function declaration or
// literal of the package that contains pos.
func (m *Model) enclosingFunc(pos token.Pos) *ast.BlockStmt {
	for _, f := range m.files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		var body *ast.BlockStmt
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil || pos < n.Pos() || pos >= n.End() {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				body = n.Body
			case *ast.FuncLit:
				body = n.Body
			}
			return true
		})
		return body
	}
	return nil
}
