package ctxmodel

import (
	"bytes"
	"go/ast"
	"go/printer"
	"go/token"
	"go/types"
	"strings"
)

// NameList is a flag.Value holding a comma-separated list of names; analyzers
// use it for their extension flags (-NAME.inert, -NAME.names).
type NameList []string

func (l *NameList) String() string { return strings.Join(*l, ",") }

// Set appends the comma-separated names in s.
func (l *NameList) Set(s string) error {
	for _, n := range strings.Split(s, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*l = append(*l, n)
		}
	}
	return nil
}

// Has reports whether name is in the list.
func (l NameList) Has(name string) bool {
	for _, n := range l {
		if n == name {
			return true
		}
	}
	return false
}

// TakesContext reports whether call passes a context to any parameter.
func (m *Model) TakesContext(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if IsContext(m.Info.TypeOf(a)) {
			return true
		}
	}
	return false
}

// IsInertFunc reports whether fn is inert by name alone, whatever it
// returns: context.Context's own methods, context.Cause,
// context.WithoutCancel, log/slog's functions and methods, and the
// functions named in extra. Everything else is judged by the callee's
// summary (see CallUse).
func IsInertFunc(fn *types.Func, extra NameList) bool {
	return fn != nil && (isContextMethod(fn) ||
		IsPkgFunc(fn, "context", "Cause", "WithoutCancel") ||
		fn.Pkg() != nil && fn.Pkg().Path() == "log/slog" ||
		extra.Has(QualifiedName(fn.Origin())))
}

func isContextMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && IsContext(sig.Recv().Type())
}

// DefaultCleanupPrefixes are the callee-name prefixes that mark cleanup.
var DefaultCleanupPrefixes = []string{
	"Close", "Rollback", "Shutdown", "Stop", "Release", "Unlock", "Cleanup",
	"Teardown", "Disconnect", "Abort", "Delete", "Remove", "Unsubscribe",
	"Unregister", "Deregister", "Drain", "Finish",
}

// IsCleanup reports whether call is a cleanup call: the callee's name starts
// (case-insensitively) with one of DefaultCleanupPrefixes or extra, and it
// takes a context and returns an error as its last result.
func (m *Model) IsCleanup(call *ast.CallExpr, extra NameList) bool {
	obj := m.Callee(call)
	if obj == nil {
		return false
	}
	sig, ok := types.Unalias(m.Info.TypeOf(call.Fun)).(*types.Signature)
	if !ok || !hasContextParam(sig) || sig.Results().Len() == 0 ||
		!IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	name := strings.ToLower(obj.Name())
	for _, list := range [][]string{DefaultCleanupPrefixes, extra} {
		for _, p := range list {
			if strings.HasPrefix(name, strings.ToLower(p)) {
				return true
			}
		}
	}
	return false
}

func hasContextParam(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		if IsContext(sig.Params().At(i).Type()) {
			return true
		}
	}
	return false
}

// CallName names a call's callee for messages: "conn.Close", "tx.Rollback",
// "cache.Set", "update".
func CallName(call *ast.CallExpr) string {
	return ExprString(call.Fun)
}

// ExprString renders e compactly for messages.
func ExprString(e ast.Expr) string {
	var buf bytes.Buffer
	printer.Fprint(&buf, token.NewFileSet(), e)
	return buf.String()
}

// StmtValue returns the one expression st evaluates: the expression of an
// expression statement, or the only right-hand side of an assignment
// (v := <-ch, v, ok := x.(T)); nil otherwise.
func StmtValue(st ast.Stmt) ast.Expr {
	switch st := st.(type) {
	case *ast.ExprStmt:
		return st.X
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 {
			return st.Rhs[0]
		}
	}
	return nil
}

// ContextMethodRecv returns x when e is a call x.name() of a method of a
// context (any context-like type: context.Context or a struct type that
// implements it), such as ctx.Done() or s.ctx.Err(); nil otherwise.
func (m *Model) ContextMethodRecv(e ast.Expr, name string) ast.Expr {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name || !m.IsContextLike(m.Info.TypeOf(sel.X)) {
		return nil
	}
	return sel.X
}

// DoneReceived returns the context x when e receives from its Done
// channel (<-x.Done()); nil otherwise.
func (m *Model) DoneReceived(e ast.Expr) ast.Expr {
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return m.ContextMethodRecv(u.X, "Done")
}
