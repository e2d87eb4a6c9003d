package ctxmodel

import (
	"go/ast"
	"go/types"
)

// CleanupHelper is a fact on a function that returns no error (so by its
// results it would be inert) yet passes one of its context parameters to a
// cleanup call, such as
//
//	func DeferRollback(ctx context.Context, rollback func(context.Context) error) {
//		if err := rollback(ctx); err != nil { log.Print(err) }
//	}
//
// Deferred with a context its caller can cancel, it is cleanup all the same.
// The fact uses the default cleanup names only: analyzer flags do not reach
// the model, which runs once for every analyzer.
type CleanupHelper struct{}

func (*CleanupHelper) AFact() {}

func (*CleanupHelper) String() string { return "cleanupHelper" }

// IsCleanupHelper reports whether fn is a cleanup helper of this package or,
// by its fact, of another.
func (m *Model) IsCleanupHelper(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	fn = fn.Origin()
	if fn.Pkg() == m.Pkg {
		return m.cleanupHelpers[fn]
	}
	return m.pass.ImportObjectFact(fn, new(CleanupHelper))
}

// ContextArgs returns call's arguments passed to parameters of type
// context.Context.
func (m *Model) ContextArgs(call *ast.CallExpr) []ast.Expr {
	sig, ok := types.Unalias(m.Info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return nil
	}
	params := sig.Params()
	var args []ast.Expr
	for i, a := range call.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				continue
			}
			s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice)
			if !ok {
				continue
			}
			pt = s.Elem()
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			continue
		}
		if IsContext(pt) && IsContext(m.Info.TypeOf(a)) {
			args = append(args, a)
		}
	}
	return args
}

// cleanupCandidate is a function that could be a cleanup helper: its
// unreassigned context parameters and the calls in its body that take a
// context and could be cleanup.
type cleanupCandidate struct {
	fn     *types.Func
	params []*types.Var
	calls  []*ast.CallExpr
}

// findCleanupHelpers records and exports this package's cleanup helpers,
// iterating to a fixed point so that helpers calling helpers are found.
// It runs on every dependency, so it looks only at functions whose
// signature fits and, in their bodies, at calls that could be cleanup.
func (m *Model) findCleanupHelpers() {
	var cands []cleanupCandidate
	for fn, fd := range m.funcDecls() {
		if c, ok := m.cleanupCandidate(fn, fd); ok {
			cands = append(cands, c)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if !m.cleanupHelpers[c.fn] && m.cleansUpWithParam(c) {
				m.cleanupHelpers[c.fn] = true
				changed = true
			}
		}
	}
	for fn := range m.cleanupHelpers {
		m.pass.ExportObjectFact(fn, &CleanupHelper{})
	}
}

func (m *Model) cleanupCandidate(fn *types.Func, fd *ast.FuncDecl) (cleanupCandidate, bool) {
	if !resultsLookInert(fn) {
		return cleanupCandidate{}, false
	}
	params := contextParams(m.Info, fd)
	if len(params) == 0 {
		return cleanupCandidate{}, false
	}
	c := cleanupCandidate{fn: fn}
	reassigned := map[*types.Var]bool{}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := m.VarOf(l); v != nil {
					reassigned[v] = true
				}
			}
		case *ast.CallExpr:
			if m.TakesContext(n) {
				c.calls = append(c.calls, n)
			}
		}
		return true
	})
	for _, p := range params {
		if !reassigned[p] { // a reassigned one may hold a detached context
			c.params = append(c.params, p)
		}
	}
	return c, len(c.params) > 0 && len(c.calls) > 0
}

func (m *Model) cleansUpWithParam(c cleanupCandidate) bool {
	for _, call := range c.calls {
		if !m.IsCleanup(call, nil) && !m.IsCleanupHelper(m.CalleeFunc(call)) {
			continue
		}
		for _, a := range m.ContextArgs(call) {
			for _, p := range c.params {
				if m.DerivesFrom(a, p) {
					return true
				}
			}
		}
	}
	return false
}

// resultsLookInert reports whether fn returns no error, context or channel,
// the results by which IsInert judges a call.
func resultsLookInert(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		t := sig.Results().At(i).Type()
		if IsError(t) || IsContext(t) || IsChan(t) {
			return false
		}
	}
	return true
}

// contextParams returns decl's named parameters of type context.Context.
func contextParams(info *types.Info, decl *ast.FuncDecl) []*types.Var {
	var params []*types.Var
	for _, field := range decl.Type.Params.List {
		for _, id := range field.Names {
			if v, ok := info.Defs[id].(*types.Var); ok && IsContext(v.Type()) {
				params = append(params, v)
			}
		}
	}
	return params
}
