package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// ValueAtNil is a fact on a function of one boolean, integer or string
// result that returns the same constant whenever its error parameter
// Param is nil: an error test, false at nil,
//
//	func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
//	func retryable(err error) bool {
//		if err == nil {
//			return false
//		}
//		...
//	}
//
// or a classifier of errors, whose value at nil is its "no error" code:
//
//	func Code(err error) Code {
//		if err == nil {
//			return OK
//		}
//		...
//	}
//
// A caller's branch on such a call having another value (isNotFound(err),
// !succeeded(err), Code(err) == NotFound) is taken only when the error is
// set, which tells a path that a producer failed (see
// [Model.ImpliesNonNil]). The constant is kept as its kind and exact
// string, so that the fact can be encoded.
type ValueAtNil struct {
	Param int
	Kind  constant.Kind
	Exact string
}

func (*ValueAtNil) AFact() {}

func (f *ValueAtNil) String() string {
	return fmt.Sprintf("valueAtNil(param %d, %s)", f.Param, f.Exact)
}

// atNil is the decoded form of [ValueAtNil]: param is -1 for a function
// that has none.
type atNil struct {
	param int
	value constant.Value
}

var noAtNil = atNil{param: -1}

func (f *ValueAtNil) decode() atNil {
	var v constant.Value
	switch f.Kind {
	case constant.Bool:
		v = constant.MakeBool(f.Exact == "true")
	case constant.Int:
		v = constant.MakeFromLiteral(f.Exact, token.INT, 0)
	case constant.String:
		v = constant.MakeFromLiteral(f.Exact, token.STRING, 0)
	}
	if v == nil || v.Kind() == constant.Unknown {
		return noAtNil
	}
	return atNil{param: f.Param, value: v}
}

func (a atNil) fact() *ValueAtNil {
	return &ValueAtNil{Param: a.param, Kind: a.value.Kind(), Exact: a.value.ExactString()}
}

// ImpliesNonNil reports whether cond evaluating to outcome implies that
// the variable v, of an error type, is not nil. It knows:
//   - v != nil (true) and v == nil (false);
//   - v == S (true) and v != S (false) for a sentinel S, a package-level
//     variable of an error type: sentinels are made non-nil;
//   - calls with v as the tested argument of a function with a value at
//     nil ([ValueAtNil], in this package or another, or the well-known
//     error tests of [MatchesError], false at nil): the call having
//     another value, as a condition or compared with a constant;
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
			if at, ok := m.valueAtNilOf(e, v); ok && at.Kind() == constant.Bool && constant.BoolVal(at) != outcome {
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
	if m.callComparisonImpliesNonNil(e, outcome, v) {
		return true
	}
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

// callComparisonImpliesNonNil: a call with a value at nil of v compared
// with a constant (Code(err) == NotFound), the comparison's outcome
// meaning that the call has another value than at nil.
func (m *Model) callComparisonImpliesNonNil(e *ast.BinaryExpr, outcome bool, v *types.Var) bool {
	call, other := e.X, e.Y
	if m.Info.Types[call].Value != nil {
		call, other = other, call
	}
	c := m.Info.Types[other].Value
	x, isCall := ast.Unparen(call).(*ast.CallExpr)
	if c == nil || !isCall {
		return false
	}
	at, ok := m.valueAtNilOf(x, v)
	if !ok || at.Kind() != c.Kind() {
		return false
	}
	equal := outcome == (e.Op == token.EQL)
	return equal != constant.Compare(at, token.EQL, c)
}

// valueAtNilOf returns the value that call has when v, its tested
// argument, is nil, if it is known.
func (m *Model) valueAtNilOf(call *ast.CallExpr, v *types.Var) (constant.Value, bool) {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return nil, false
	}
	if MatchesError(fn) {
		return constant.MakeBool(false), len(call.Args) > 0 && m.isVar(call.Args[0], v)
	}
	a := m.atNilOfFunc(fn.Origin())
	if a.param < 0 || a.param >= len(call.Args) || !m.isVar(call.Args[a.param], v) {
		return nil, false
	}
	return a.value, true
}

// atNilOfFunc returns the value at nil of fn (this package's by its
// body, another's by its fact).
func (m *Model) atNilOfFunc(fn *types.Func) atNil {
	if fn.Pkg() != m.Pkg {
		if a, ok := m.importedAtNil[fn]; ok {
			return a
		}
		return noAtNil
	}
	return m.atNilOf(fn)
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

// atNilOf returns the value at nil of fn, declared in this package: fn
// has one boolean, integer or string result, and each of its return
// statements yields the same constant when the parameter is nil, or is
// reached only when it is not nil. Computed once (findValuesAtNil);
// recursion is cut off as "none".
func (m *Model) atNilOf(fn *types.Func) atNil {
	if a, ok := m.atNils[fn]; ok {
		return a
	}
	if m.atNilsDone {
		return noAtNil
	}
	m.atNils[fn] = noAtNil // in progress
	a := m.computeAtNil(fn)
	m.atNils[fn] = a
	return a
}

func (m *Model) computeAtNil(fn *types.Func) atNil {
	decl := m.decls[fn]
	sig, _ := fn.Type().(*types.Signature)
	if decl == nil || decl.Body == nil || sig == nil || sig.Results().Len() != 1 || !hasConstantKind(sig.Results().At(0).Type()) {
		return noAtNil
	}
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		if !IsErrorLike(p.Type()) || len(m.Defs(p)) > 0 {
			continue // reassigned: the value may be of another error
		}
		w := atNilWalk{m: m, v: p, value: new(constant.Value)}
		if w.stmts(decl.Body.List, false) && *w.value != nil {
			return atNil{param: i, value: *w.value}
		}
	}
	return noAtNil
}

// hasConstantKind reports whether t is a boolean, integer or string type:
// one whose values a fact can carry as constants.
func hasConstantKind(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsInteger|types.IsString) != 0
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// atNilWalk checks the return statements of a function's body, knowing
// along the way whether the tested variable v is certainly not nil
// there, and gathering in value what they yield when it is nil.
type atNilWalk struct {
	m     *Model
	v     *types.Var
	value *constant.Value
}

// stmts reports whether every return statement of list yields *w.value
// when v is nil, given known (v is not nil on entry).
func (w atNilWalk) stmts(list []ast.Stmt, known bool) bool {
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

func (w atNilWalk) stmt(s ast.Stmt, known bool) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return len(s.Results) == 1 && (known || w.agrees(s.Results[0]))
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

func (w atNilWalk) clauses(body *ast.BlockStmt, known bool, implies func(*ast.CaseClause) bool) bool {
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
func (w atNilWalk) caseImplies(tag ast.Expr, cc *ast.CaseClause) bool {
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
func (w atNilWalk) terminates(block *ast.BlockStmt) bool {
	if n := len(block.List); n > 0 {
		if _, ok := block.List[n-1].(*ast.ReturnStmt); ok {
			return true
		}
	}
	return w.m.endsInStop(block.List)
}

// agrees reports whether the returned value e is known when v is nil and
// is the same as every other return statement's so far.
func (w atNilWalk) agrees(e ast.Expr) bool {
	at := w.valueAtNil(e)
	if at == nil {
		return false
	}
	if *w.value == nil {
		*w.value = at
		return true
	}
	return (*w.value).Kind() == at.Kind() && constant.Compare(*w.value, token.EQL, at)
}

// valueAtNil returns the value of e when v is nil, or nil if it is not
// known: a constant; a condition that implies, true or false, that v is
// not nil; or a call with a value at nil of v.
func (w atNilWalk) valueAtNil(e ast.Expr) constant.Value {
	if c := w.m.Info.Types[e].Value; c != nil {
		return c
	}
	if isBool(w.m.Info.TypeOf(e)) {
		for _, outcome := range []bool{true, false} {
			if w.m.ImpliesNonNil(e, outcome, w.v) {
				return constant.MakeBool(!outcome)
			}
		}
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if at, ok := w.m.valueAtNilOf(call, w.v); ok {
			return at
		}
	}
	return nil
}

// findValuesAtNil computes and exports the ValueAtNil property of every
// function of the package.
func (m *Model) findValuesAtNil(pass *analysis.Pass) {
	for fn := range m.decls {
		if a := m.atNilOf(fn); a.param >= 0 {
			pass.ExportObjectFact(fn, a.fact())
		}
	}
	m.atNilsDone = true
}
