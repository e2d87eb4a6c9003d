package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// ErrorTest is a fact on a function that returns true only for a non-nil
// error, its parameter Param: a predicate such as
//
//	func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
//	func retryable(err error) bool {
//		if err == nil {
//			return false
//		}
//		...
//	}
//
// A caller's branch on such a call is taken only when the error is set,
// which tells a path that a producer failed (see [Model.ImpliesNonNil]).
type ErrorTest struct {
	Param int
}

func (*ErrorTest) AFact() {}

func (f *ErrorTest) String() string { return fmt.Sprintf("errorTest(param %d)", f.Param) }

// ImpliesNonNil reports whether cond evaluating to outcome implies that
// the variable v, of an error type, is not nil. It knows:
//   - v != nil (true) and v == nil (false);
//   - v == S (true) and v != S (false) for a sentinel S, a package-level
//     variable of an error type: sentinels are made non-nil;
//   - calls of an error test with v as the tested argument, true: the
//     well-known ones ([MatchesError]) and any function with the
//     [ErrorTest] fact, in this package or another;
//   - ok (true) where ok is the second result of a type assertion on v:
//     a nil interface holds no type;
//   - negations, conjunctions and disjunctions of those.
func (m *Model) ImpliesNonNil(cond ast.Expr, outcome bool, v *types.Var) bool {
	return CondImplies(cond, outcome, func(e ast.Expr, outcome bool) bool {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			if (e.Op == token.NEQ || e.Op == token.EQL) && m.comparisonImpliesNonNil(e, outcome, v) {
				return true
			}
		case *ast.CallExpr:
			if outcome && m.testsError(e, v) {
				return true
			}
		case *ast.Ident:
			return outcome && m.assertedOK(e, v)
		}
		return m.usesAsNonNil(e, v)
	})
}

// usesAsNonNil reports whether evaluating e, whatever its value, means
// that v, of an interface type, is not nil: e calls a method of v
// (strings.Contains(err.Error(), "exists")) or asserts its type without
// comma-ok (err.(*PathError).Op == "open"), either of which panics on a
// nil interface, outside the operands of && and || that may not be
// evaluated and outside function literals.
func (m *Model) usesAsNonNil(e ast.Expr, v *types.Var) bool {
	if !types.IsInterface(v.Type()) {
		return false // a method of a nil pointer may be called
	}
	return m.evaluatedDeref(e, v)
}

// evaluatedDeref: derefsVar somewhere in n that is always evaluated.
func (m *Model) evaluatedDeref(n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BinaryExpr:
			if n.Op == token.LAND || n.Op == token.LOR {
				found = found || m.evaluatedDeref(n.X, v) // the right operand may not run
				return false
			}
		}
		found = found || m.derefsVar(n, v)
		return !found
	})
	return found
}

// derefsVar reports whether n is v.Method or v.(T) for the variable v.
func (m *Model) derefsVar(n ast.Node, v *types.Var) bool {
	switch n := n.(type) {
	case *ast.SelectorExpr:
		sel, ok := m.Info.Selections[n]
		return ok && sel.Kind() == types.MethodVal && m.isVar(n.X, v)
	case *ast.TypeAssertExpr:
		return n.Type != nil && m.isVar(n.X, v)
	}
	return false
}

// CondImplies reports whether the boolean condition cond evaluating to
// outcome implies a fact that leaf decides for the operands of cond's
// negations, conjunctions and disjunctions (unparenthesised, with the
// outcome each must have).
func CondImplies(cond ast.Expr, outcome bool, leaf func(e ast.Expr, outcome bool) bool) bool {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return CondImplies(e.X, !outcome, leaf)
		}
	case *ast.BinaryExpr:
		if e.Op == token.LAND || e.Op == token.LOR {
			// A true conjunction (a false disjunction) implies what either
			// operand does with the same outcome; otherwise both must.
			x, y := CondImplies(e.X, outcome, leaf), CondImplies(e.Y, outcome, leaf)
			if outcome == (e.Op == token.LAND) {
				return x || y
			}
			return x && y
		}
	}
	return leaf(ast.Unparen(cond), outcome)
}

// comparisonImpliesNonNil: v compared with nil, or with a sentinel.
func (m *Model) comparisonImpliesNonNil(e *ast.BinaryExpr, outcome bool, v *types.Var) bool {
	other := e.Y
	switch {
	case m.isVar(e.X, v):
	case m.isVar(e.Y, v):
		other = e.X
	default:
		return false
	}
	if m.Info.Types[other].IsNil() {
		return outcome == (e.Op == token.NEQ)
	}
	return m.isSentinel(other) && outcome == (e.Op == token.EQL)
}

// isSentinel reports whether e denotes a package-level variable of an
// error type (io.EOF, ErrNotFound).
func (m *Model) isSentinel(e ast.Expr) bool {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	default:
		return false
	}
	sv, ok := m.Info.Uses[id].(*types.Var)
	return ok && isPackageVar(sv) && IsErrorLike(sv.Type())
}

// testsError reports whether call is an error test of v: true only when v
// is not nil.
func (m *Model) testsError(call *ast.CallExpr, v *types.Var) bool {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return false
	}
	if MatchesError(fn) {
		return len(call.Args) > 0 && m.isVar(call.Args[0], v)
	}
	param, ok := m.errorTestParam(fn.Origin())
	return ok && param < len(call.Args) && m.isVar(call.Args[param], v)
}

// errorTestParam returns the tested parameter of fn, if it is an error
// test (this package's by its body, another's by its fact).
func (m *Model) errorTestParam(fn *types.Func) (int, bool) {
	if fn.Pkg() != m.Pkg {
		p, ok := m.importedErrorTests[fn]
		return p, ok
	}
	p := m.errorTestOf(fn)
	return p, p >= 0
}

// assertedOK reports whether ok is the comma-ok result of a type
// assertion on v (e, ok := v.(T)), assigned once.
func (m *Model) assertedOK(ok *ast.Ident, v *types.Var) bool {
	okVar := m.VarOf(ok)
	if okVar == nil {
		return false
	}
	defs := m.Defs(okVar)
	if len(defs) != 1 || defs[0].Index != 1 {
		return false
	}
	ta, isAssert := ast.Unparen(defs[0].Rhs).(*ast.TypeAssertExpr)
	return isAssert && m.isVar(ta.X, v)
}

func (m *Model) isVar(e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && m.Info.Uses[id] == v
}

// IsErrorLike reports whether t is error or a type implementing it (such
// as a *HandlerError result).
func IsErrorLike(t types.Type) bool {
	if t == nil {
		return false
	}
	errType := types.Universe.Lookup("error").Type()
	return types.Identical(t, errType) || types.Implements(t, errType.Underlying().(*types.Interface))
}

// errorTestOf returns the tested parameter of fn, declared in this
// package, or -1: fn has one bool result, and each of its return
// statements yields false, or something true only when the parameter is
// not nil, or is reached only when it is not nil. Computed once
// (findErrorTests); recursion is cut off as "not a test".
func (m *Model) errorTestOf(fn *types.Func) int {
	if p, ok := m.errorTests[fn]; ok {
		return p
	}
	if m.errorTestsDone {
		return -1
	}
	m.errorTests[fn] = -1 // in progress
	p := m.computeErrorTest(fn)
	m.errorTests[fn] = p
	return p
}

func (m *Model) computeErrorTest(fn *types.Func) int {
	decl := m.decls[fn]
	sig, _ := fn.Type().(*types.Signature)
	if decl == nil || decl.Body == nil || sig == nil || sig.Results().Len() != 1 || !isBool(sig.Results().At(0).Type()) {
		return -1
	}
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if !IsErrorLike(p.Type()) || len(m.Defs(p)) > 0 {
			continue // reassigned: the test may be of another value
		}
		if t := (errorTestWalk{m: m, v: p}); t.stmts(decl.Body.List, false) {
			return i
		}
	}
	return -1
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// errorTestWalk checks the return statements of a predicate's body,
// knowing along the way whether the tested variable v is certainly not
// nil there.
type errorTestWalk struct {
	m *Model
	v *types.Var
}

// stmts reports whether every return statement of list yields false or a
// value true only when v is not nil, given known (v is not nil on entry).
func (w errorTestWalk) stmts(list []ast.Stmt, known bool) bool {
	for _, s := range list {
		if !w.stmt(s, known) {
			return false
		}
		// if v == nil { return false } guards what follows.
		if is, ok := s.(*ast.IfStmt); ok && is.Else == nil && w.terminates(is.Body) {
			known = known || w.m.ImpliesNonNil(is.Cond, false, w.v)
		}
	}
	return true
}

func (w errorTestWalk) stmt(s ast.Stmt, known bool) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return len(s.Results) == 1 && (known || isFalse(w.m.Info, s.Results[0]) || w.m.ImpliesNonNil(s.Results[0], true, w.v))
	case *ast.IfStmt:
		if !w.stmts(s.Body.List, known || w.m.ImpliesNonNil(s.Cond, true, w.v)) {
			return false
		}
		return s.Else == nil || w.stmt(s.Else, known || w.m.ImpliesNonNil(s.Cond, false, w.v))
	case *ast.BlockStmt:
		return w.stmts(s.List, known)
	case *ast.LabeledStmt:
		return w.stmt(s.Stmt, known)
	case *ast.ForStmt:
		return w.stmts(s.Body.List, known)
	case *ast.RangeStmt:
		return w.stmts(s.Body.List, known)
	case *ast.SwitchStmt:
		return w.clauses(s.Body, known, func(cc *ast.CaseClause) bool { return w.caseImplies(s.Tag, cc) })
	case *ast.TypeSwitchStmt:
		return w.clauses(s.Body, known, func(cc *ast.CaseClause) bool { return w.m.TypeCaseImpliesNonNil(s, cc, true, w.v) })
	case *ast.SelectStmt:
		return w.clauses(s.Body, known, func(*ast.CaseClause) bool { return false })
	}
	return true // no return statement inside (function literals are not walked)
}

func (w errorTestWalk) clauses(body *ast.BlockStmt, known bool, implies func(*ast.CaseClause) bool) bool {
	for _, c := range body.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			if !w.stmts(c.Body, known || implies(c)) {
				return false
			}
		case *ast.CommClause:
			if !w.stmts(c.Body, known) {
				return false
			}
		}
	}
	return true
}

// caseImplies reports whether entering cc, a clause of a switch on tag
// (nil for a tagless switch), implies that v is not nil.
func (w errorTestWalk) caseImplies(tag ast.Expr, cc *ast.CaseClause) bool {
	if len(cc.List) == 0 {
		return false
	}
	for _, e := range cc.List {
		if !w.m.CaseImpliesNonNil(tag, e, true, w.v) {
			return false
		}
	}
	return true
}

// CaseImpliesNonNil reports whether the case value e of a switch on tag
// (nil for a tagless switch, where e is a condition) matching (outcome
// true) or not implies that v is not nil.
func (m *Model) CaseImpliesNonNil(tag, e ast.Expr, outcome bool, v *types.Var) bool {
	if tag == nil {
		return m.ImpliesNonNil(e, outcome, v)
	}
	return m.ImpliesNonNil(&ast.BinaryExpr{X: tag, Op: token.EQL, Y: e}, outcome, v)
}

// TypeCaseImpliesNonNil reports whether entering cc, a clause with types
// of the type switch s (outcome true), or passing over its only type
// (false), implies that v is not nil: s switches on v, and no type of cc
// is nil when entered, or its one type is nil when passed over.
func (m *Model) TypeCaseImpliesNonNil(s *ast.TypeSwitchStmt, cc *ast.CaseClause, outcome bool, v *types.Var) bool {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			x = a.Rhs[0]
		}
	}
	ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr)
	if !ok || !m.isVar(ta.X, v) || len(cc.List) == 0 {
		return false
	}
	if !outcome {
		return len(cc.List) == 1 && m.Info.Types[cc.List[0]].IsNil()
	}
	for _, t := range cc.List {
		if m.Info.Types[t].IsNil() {
			return false
		}
	}
	return true
}

// terminates reports whether block ends in a return or a call that never
// returns.
func (w errorTestWalk) terminates(block *ast.BlockStmt) bool {
	if n := len(block.List); n > 0 {
		if _, ok := block.List[n-1].(*ast.ReturnStmt); ok {
			return true
		}
	}
	return w.m.endsInStop(block.List)
}

func isFalse(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil && tv.Value.Kind() == constant.Bool && !constant.BoolVal(tv.Value)
}

// findErrorTests computes and exports the ErrorTest property of every
// function of the package.
func (m *Model) findErrorTests(pass *analysis.Pass) {
	for fn := range m.decls {
		if p := m.errorTestOf(fn); p >= 0 {
			pass.ExportObjectFact(fn, &ErrorTest{Param: p})
		}
	}
	m.errorTestsDone = true
}
