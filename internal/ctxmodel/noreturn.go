package ctxmodel

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// NoReturn is a fact on a function whose body ends in a call that never
// returns (func die(msg string) { log.Print(msg); os.Exit(1) }), so that a
// path ending in a call of it, in this package or another, ends there.
type NoReturn struct{}

func (*NoReturn) AFact() {}

func (*NoReturn) String() string { return "noReturn" }

// CallNeverReturns reports whether call never returns: the panic builtin,
// a library function known to stop (see [stops]), or a function carrying
// the NoReturn property, in this package or by its fact.
func (m *Model) CallNeverReturns(call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := m.Info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn := m.CalleeFunc(call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	if stops(fn) {
		return true
	}
	fn = fn.Origin()
	if fn.Pkg() == m.Pkg {
		return m.endsInNoReturn(fn)
	}
	return m.importedNoReturn[fn]
}

// endsInNoReturn reports whether the body of fn, declared in this package,
// ends in a call that never returns. Recursion is cut off as "returns".
// It is complete after the run (findNoReturns), and read-only after.
func (m *Model) endsInNoReturn(fn *types.Func) bool {
	if done, ok := m.noReturn[fn]; ok {
		return done
	}
	decl := m.decls[fn]
	if m.noReturnDone || decl == nil || decl.Body == nil || len(decl.Body.List) == 0 {
		return false
	}
	m.noReturn[fn] = false // in progress
	result := m.endsInStop(decl.Body.List)
	m.noReturn[fn] = result
	return result
}

// endsInStop reports whether list ends in a call that never returns.
func (m *Model) endsInStop(list []ast.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	es, ok := list[len(list)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	return ok && m.CallNeverReturns(call)
}

// findNoReturns computes and exports the NoReturn property of every
// function of the package.
func (m *Model) findNoReturns(pass *analysis.Pass) {
	for fn := range m.decls {
		if m.endsInNoReturn(fn) {
			pass.ExportObjectFact(fn, &NoReturn{})
		}
	}
	m.noReturnDone = true
}
