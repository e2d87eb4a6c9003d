package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// This file computes [ContextUse], the one summary of what a function does
// with its context parameters. It is computed bottom-up: a call's
// contribution is the callee's summary for the parameter the context goes
// to, read from this package's summaries, from a fact for other packages,
// from the well-known table, or combined over an interface method's
// visible implementations.

// layer is how a context variable inside a function relates to the
// parameter it was derived from.
type layer uint8

const (
	plain    layer = iota // the parameter, or a value or cancel child of it
	bounded               // a WithTimeout/WithDeadline child: its own deadline bounds the work
	detached              // a WithoutCancel child: the parameter's cancellation no longer reaches it
)

type flow struct {
	param int // ordinal of the parameter among the function's context parameters
	layer layer
}

// useWalk accumulates the uses of one function's context parameters.
type useWalk struct {
	m     *Model
	vars  map[*types.Var]flow
	uses  []ParamUse
	stack []ast.Node
	// results collects the summaries of function literals returned by
	// the function, by result index.
	results []ResultUse
	fnSig   *types.Signature
	// funcParams maps the function's function-valued parameters to their
	// index.
	funcParams map[*types.Var]int
	keeps      []int
	owned      []FuncArg
}

// noteKept records e when it is one of the function's function-valued
// parameters, stored for later.
func (w *useWalk) noteKept(e ast.Expr) {
	v := w.m.VarOf(e)
	if v == nil {
		return
	}
	k, ok := w.funcParams[v]
	if !ok {
		return
	}
	for _, x := range w.keeps {
		if x == k {
			return
		}
	}
	w.keeps = append(w.keeps, k)
}

// summaryOf returns the summary of fn, declared in this package, computing
// it on first use. A function met again while its own summary is being
// computed (recursion) contributes nothing to itself: what it does is what
// its other statements do.
func (m *Model) summaryOf(fn *types.Func) *ContextUse {
	fn = fn.Origin()
	if s, ok := m.summaries[fn]; ok {
		return s
	}
	decl := m.decls[fn]
	if decl == nil || decl.Body == nil || m.summarizing[fn] {
		return nil
	}
	m.summarizing[fn] = true
	s := m.summarize(decl.Type, decl.Body, fn.Signature())
	delete(m.summarizing, fn)
	m.summaries[fn] = s
	return s
}

// summarize walks one function body with context parameters declared by
// ft, or returns nil when it has none.
func (m *Model) summarize(ft *ast.FuncType, body *ast.BlockStmt, sig *types.Signature) *ContextUse {
	w := &useWalk{m: m, vars: make(map[*types.Var]flow), fnSig: sig, funcParams: make(map[*types.Var]int)}
	eachParam(m.Info, ft, func(index int, v *types.Var, t types.Type) {
		switch {
		case t == nil:
		case m.IsContextLike(t):
			if v != nil {
				w.vars[v] = flow{param: len(w.uses)}
				w.uses = append(w.uses, ParamUse{Index: index})
			} else {
				w.uses = append(w.uses, ParamUse{Index: index, Reason: "unnamed"})
			}
		case v != nil && isFuncType(t):
			w.funcParams[v] = index
		}
	})
	if len(w.uses) == 0 && !returnsFunc(sig) && len(w.funcParams) == 0 {
		return nil
	}
	w.walk(body)
	for i := range w.uses {
		if w.uses[i].Reason == "" {
			w.uses[i].Use |= UseValues
			w.uses[i].Reason = "does nothing with it"
		}
	}
	if len(w.uses) == 0 && len(w.results) == 0 && len(w.keeps) == 0 && len(w.owned) == 0 {
		return nil
	}
	return &ContextUse{Params: w.uses, Results: w.results, Keeps: w.keeps, CallsOwned: w.owned}
}

func isFuncType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

func returnsFunc(sig *types.Signature) bool {
	if sig == nil {
		return false
	}
	for i := 0; i < sig.Results().Len(); i++ {
		if _, ok := sig.Results().At(i).Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}

// add records use u of the parameter behind f, for reason.
func (w *useWalk) add(f flow, u Use, reason string) {
	if f.layer == detached {
		return
	}
	if f.layer == bounded && u&(UseBlocks|UseWaits) != 0 {
		u = u&^(UseBlocks|UseWaits) | UseBoundedWork
	}
	if w.inGoroutine() && u.Observes() {
		// The function starts a goroutine that stops with the context and
		// returns at once: the context is the goroutine's lifetime.
		u = u&^(UseBlocks|UseWaits|UseChecks|UseBoundedWork) | UseLifetime
	}
	p := &w.uses[f.param]
	if p.Use&u == u && p.Reason != "" {
		return
	}
	if p.Reason == "" || moreTelling(u, p.Use) {
		p.Reason = reason
	}
	p.Use |= u
}

// moreTelling reports whether u explains more than old, so that the
// recorded reason is the one for the use that decides the class.
func moreTelling(u, old Use) bool {
	return u.Observes() && !old.Observes() || u&UseUnknown != 0 && old&^UseValues == 0
}

func (w *useWalk) walk(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			w.stack = w.stack[:len(w.stack)-1]
			return false
		}
		w.stack = append(w.stack, n)
		if !w.visit(n) {
			w.stack = w.stack[:len(w.stack)-1]
			return false
		}
		return true
	})
}

// visit handles one node before its children; it returns false when it
// walked the children itself.
func (w *useWalk) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		w.assign(n.Lhs, n.Rhs, n.Tok == token.DEFINE || n.Tok == token.ASSIGN)
		return false
	case *ast.ValueSpec:
		lhs := make([]ast.Expr, len(n.Names))
		for i, id := range n.Names {
			lhs[i] = id
		}
		w.assign(lhs, n.Values, true)
		return false
	case *ast.ExprStmt:
		if u, ok := ast.Unparen(n.X).(*ast.UnaryExpr); ok && u.Op == token.ARROW && !w.isComm(n) {
			if f, ok := w.doneCall(u.X); ok {
				w.add(f, UseLifetime, "waits for "+ExprString(u.X)+" to stop")
				return false
			}
		}
	case *ast.BinaryExpr:
		if n.Op == token.EQL || n.Op == token.NEQ {
			w.walkSkippingTracked(n.X)
			w.walkSkippingTracked(n.Y)
			return false
		}
	case *ast.ReturnStmt:
		w.returns(n)
		return false
	case *ast.CallExpr:
		w.call(n)
		return false
	case *ast.CompositeLit:
		for _, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				e = kv.Value
			}
			w.noteKept(e)
		}
	case *ast.Ident:
		if f, ok := w.tracked(n); ok {
			w.add(f, UseUnknown, n.Name+" escapes the model (stored, sent or captured by a value)")
		}
	}
	return true
}

// inNestedBlock reports whether the walk is inside a block nested in the
// body being summarised (a branch, a loop, a case), where an assignment
// happens on some paths only.
func (w *useWalk) inNestedBlock() bool {
	blocks := 0
	for _, n := range w.stack {
		switch n.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			blocks++
		case *ast.FuncLit:
			return true
		}
	}
	return blocks > 1
}

// isComm reports whether st is a select case's communication.
func (w *useWalk) isComm(st ast.Stmt) bool {
	if len(w.stack) < 2 {
		return false
	}
	cc, ok := w.stack[len(w.stack)-2].(*ast.CommClause)
	return ok && cc.Comm == st
}

// walkSkippingTracked walks e unless it is a tracked context itself
// (compared with nil or another context: no use).
func (w *useWalk) walkSkippingTracked(e ast.Expr) {
	if _, ok := w.tracked(e); ok {
		return
	}
	w.walk(e)
}

// tracked returns the flow of e when it is a variable holding one of the
// parameters or a context derived from one.
func (w *useWalk) tracked(e ast.Expr) (flow, bool) {
	v := w.m.VarOf(e)
	if v == nil {
		return flow{}, false
	}
	f, ok := w.vars[v]
	return f, ok
}

// derived returns the flow of e when it is a tracked context or a
// derivation of one (context.WithValue(ctx, k, v), WithTimeout(ctx, d)[0],
// ...), walking the derivation's other arguments. index is the result
// index taken from a multi-valued call, or -1.
func (w *useWalk) derived(e ast.Expr, index int) (flow, bool) {
	if f, ok := w.tracked(e); ok {
		return f, true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return flow{}, false
	}
	l, ok := derivationLayer(w.m.CalleeFunc(call), max(index, 0))
	if !ok {
		return flow{}, false
	}
	f, ok := w.derived(call.Args[0], -1)
	if !ok {
		return flow{}, false
	}
	for _, a := range call.Args[1:] {
		w.walk(a)
	}
	if l == detached && f.layer != detached {
		w.add(f, UseDetaches, "detaches it with context.WithoutCancel")
	}
	f.layer = max(f.layer, l)
	return f, true
}

// derivationLayer says how result index of a call of fn relates to its
// first argument, when fn derives a context from it.
func derivationLayer(fn *types.Func, index int) (layer, bool) {
	switch DerivationOf(fn, index) {
	case DerivedValue, DerivedCancel:
		return plain, true
	case DerivedDeadline:
		return bounded, true
	case DerivedDetached:
		return detached, true
	}
	return 0, false
}

// assign records local variables that take a tracked context (or a
// derivation of one), forgets those assigned something else, and counts a
// tracked context stored anywhere but a local variable as an escape.
func (w *useWalk) assign(lhs, rhs []ast.Expr, plainAssign bool) {
	if !plainAssign {
		for _, e := range append(lhs, rhs...) {
			w.walk(e)
		}
		return
	}
	if len(rhs) == 1 && len(lhs) > 1 {
		flows := make([]flow, len(lhs))
		oks := make([]bool, len(lhs))
		if i := derivedResult(w.m, rhs[0], len(lhs)); i >= 0 {
			// ctx, cancel := context.WithTimeout(parent, d): derived walks
			// the call's other arguments.
			flows[i], oks[i] = w.derived(rhs[0], i)
		}
		if !slices.Contains(oks, true) {
			for i := range lhs {
				flows[i], oks[i] = w.wrapped(rhs[0], i)
			}
			w.walk(rhs[0])
		}
		for i, l := range lhs {
			w.bind(l, flows[i], oks[i], rhs[0])
		}
		return
	}
	for i, r := range rhs {
		if i >= len(lhs) {
			w.walk(r)
			continue
		}
		f, ok := w.derived(r, -1)
		if !ok {
			f, ok = w.wrapped(r, 0)
			w.walk(r)
		}
		w.bind(lhs[i], f, ok, r)
	}
}

// wrapped returns the flow of the tracked context that a call wraps: a
// call outside package context that takes the context and returns one at
// result index (ctx = tracer.Start(ctx, name), ctx = log.WithContext(ctx))
// returns a context derived from its argument, as such wrappers do.
func (w *useWalk) wrapped(e ast.Expr, index int) (flow, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return flow{}, false
	}
	t := w.m.Info.TypeOf(call)
	if tuple, ok := t.(*types.Tuple); ok {
		if index >= tuple.Len() {
			return flow{}, false
		}
		t = tuple.At(index).Type()
	} else if index != 0 {
		return flow{}, false
	}
	if !IsContext(t) {
		return flow{}, false
	}
	for _, a := range call.Args {
		if f, ok := w.tracked(a); ok {
			return f, true
		}
	}
	return flow{}, false
}

// derivedResult returns which of the n results of e, a call, is a context
// it derives from its first argument, or -1.
func derivedResult(m *Model, e ast.Expr, n int) int {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return -1
	}
	fn := m.CalleeFunc(call)
	for i := 0; i < n; i++ {
		if DerivationOf(fn, i) != NotDerived {
			return i
		}
	}
	return -1
}

func (w *useWalk) bind(l ast.Expr, f flow, ok bool, r ast.Expr) {
	if _, isIdent := ast.Unparen(l).(*ast.Ident); !isIdent {
		w.noteKept(r)
		if call, isCall := ast.Unparen(r).(*ast.CallExpr); isCall && isBuiltin(w.m.Info, call.Fun, "append") {
			for _, a := range call.Args[1:] {
				w.noteKept(a)
			}
		}
	}
	if id, isIdent := ast.Unparen(l).(*ast.Ident); isIdent {
		if id.Name == "_" {
			return
		}
		if v := w.m.VarOf(id); v != nil && (v.Parent() != nil && v.Parent() != v.Pkg().Scope()) {
			switch {
			case ok:
				w.vars[v] = f
			case w.inNestedBlock():
				// if ctx == nil { ctx = context.Background() }: on the
				// other paths the variable still holds what it held.
			default:
				delete(w.vars, v)
			}
			return
		}
	}
	w.walk(l)
	if ok {
		w.add(f, UseUnknown, "stores it in "+ExprString(l))
	}
}

// returns handles a return statement: a returned context is the caller's
// to use (no use here); a returned function literal is summarised as a
// result.
func (w *useWalk) returns(ret *ast.ReturnStmt) {
	for i, r := range ret.Results {
		if _, ok := w.derived(r, -1); ok {
			continue
		}
		if lit, ok := ast.Unparen(r).(*ast.FuncLit); ok && len(w.stack) > 0 && w.enclosingFuncIsTop() {
			w.walk(lit)
			if s := w.m.summarizeLit(lit); s != nil && len(s.Params) > 0 {
				w.results = append(w.results, ResultUse{Index: i, Params: s.Params})
			}
			continue
		}
		w.walk(r)
	}
}

func isBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// enclosingFuncIsTop reports whether the walk is in the summarised
// function's own body, not in a function literal inside it.
func (w *useWalk) enclosingFuncIsTop() bool {
	for _, n := range w.stack {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
	}
	return true
}

// summarizeLit summarises a function literal's own context parameters.
func (m *Model) summarizeLit(lit *ast.FuncLit) *ContextUse {
	sig, _ := m.Info.TypeOf(lit).(*types.Signature)
	return m.summarize(lit.Type, lit.Body, sig)
}

// call handles a call: methods of a tracked context, derivations, and
// tracked contexts passed as arguments, judged by the callee's summary.
func (w *useWalk) call(call *ast.CallExpr) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if f, ok := w.derived(sel.X, -1); ok {
			w.contextMethod(f, sel, call)
			for _, a := range call.Args {
				w.walk(a)
			}
			return
		}
	}
	if _, ok := w.derived(call, -1); ok {
		return // a derivation used as a value; its uses are the enclosing expression's
	}
	w.walk(call.Fun)
	for i, a := range call.Args {
		f, ok := w.derived(a, -1)
		if !ok {
			w.noteOwnedArg(call, i, a)
			w.walk(a)
			continue
		}
		if k, ok := w.callsFuncParam(call); ok {
			w.addVia(f, FuncArg{Param: k, Arg: i, Bounded: f.layer == bounded})
			if f.layer != detached && w.m.IsCleanup(call, nil) {
				w.add(f, UseCleanup, "passes it to cleanup "+CallName(call))
			}
			continue
		}
		u, reason := w.m.ArgUse(call, i)
		w.add(f, u, reason)
		w.forwardVia(f, call, i)
		if f.layer != detached && u&UseCleanup == 0 && u.Observes() && w.m.IsCleanup(call, nil) {
			w.add(f, UseCleanup, "passes it to cleanup "+CallName(call))
		}
	}
}

// noteOwnedArg records a call of one of the function's own function-valued
// parameters with a context the function made and only it can cancel.
func (w *useWalk) noteOwnedArg(call *ast.CallExpr, i int, a ast.Expr) {
	k, ok := w.callsFuncParam(call)
	if !ok || !IsContext(w.m.Info.TypeOf(a)) {
		return
	}
	if o := w.m.Origin(a); !o.IsSelfOwned() && !o.IsUnbounded() {
		return
	}
	fa := FuncArg{Param: k, Arg: i}
	for _, x := range w.owned {
		if x == fa {
			return
		}
	}
	w.owned = append(w.owned, fa)
}

// forwardVia handles a context passed, with one of the function's own
// function-valued parameters, to a callee that calls that function value
// with it (RunTest(ctx, t, f), where RunTest calls f(ctx, t, conn)): the
// function forwards its context to its own parameter too.
func (w *useWalk) forwardVia(f flow, call *ast.CallExpr, i int) {
	fn := w.m.CalleeFunc(call)
	if fn == nil || isAbstract(fn) {
		return
	}
	p, ok := w.m.Summary(fn).param(paramIndex(fn.Signature(), i))
	if !ok {
		return
	}
	for _, via := range p.Via {
		if via.Param >= len(call.Args) {
			continue
		}
		if v := w.m.VarOf(call.Args[via.Param]); v != nil {
			if k, ok := w.funcParams[v]; ok {
				w.addVia(f, FuncArg{Param: k, Arg: via.Arg, Bounded: via.Bounded || f.layer == bounded})
			}
		}
	}
}

// callsFuncParam reports whether call calls one of the function's own
// function-valued parameters, and which.
func (w *useWalk) callsFuncParam(call *ast.CallExpr) (int, bool) {
	v := w.m.VarOf(call.Fun)
	if v == nil {
		return 0, false
	}
	k, ok := w.funcParams[v]
	return k, ok
}

// addVia records that the parameter behind f goes to a call of a
// function-valued parameter. Detached contexts go nowhere that matters;
// in a started goroutine the call is the goroutine's lifetime.
func (w *useWalk) addVia(f flow, via FuncArg) {
	if f.layer == detached || w.inGoroutine() {
		w.add(f, UseUnknown, "passes it to a function value the caller gives")
		return
	}
	p := &w.uses[f.param]
	for _, v := range p.Via {
		if v == via {
			return
		}
	}
	p.Via = append(p.Via, via)
	if p.Reason == "" {
		p.Reason = "passes it to a function value the caller gives"
	}
}

// contextMethod handles ctx.M(...) on a tracked context.
func (w *useWalk) contextMethod(f flow, sel *ast.SelectorExpr, call *ast.CallExpr) {
	name := ExprString(sel)
	switch sel.Sel.Name {
	case "Done":
		if w.inLoop() {
			w.add(f, UseLifetime, "stops its loop on "+name+"()")
		} else {
			w.add(f, UseWaits, "waits on "+name+"()")
		}
	case "Err":
		if w.inCondition() {
			w.add(f, UseChecks, "checks "+name+"()")
		} else {
			w.add(f, UseValues, "reads "+name+"()") // returned or wrapped as an error value
		}
	case "Value", "Deadline":
		w.add(f, UseValues, "reads "+name+"()")
	default:
		w.add(f, UseUnknown, "calls "+name)
	}
}

// inCondition reports whether the walk is in a condition that decides the
// function's control flow: an if, switch or for header, or a comparison.
func (w *useWalk) inCondition() bool {
	for i := len(w.stack) - 2; i >= 0; i-- {
		next := w.stack[i+1]
		switch n := w.stack[i].(type) {
		case *ast.IfStmt:
			if next == n.Init || next == n.Cond {
				return true
			}
		case *ast.SwitchStmt:
			if next == n.Init || next == n.Tag {
				return true
			}
		case *ast.ForStmt:
			if next == n.Cond {
				return true
			}
		case *ast.CaseClause:
			for _, e := range n.List {
				if next == e {
					return true
				}
			}
		case *ast.BinaryExpr:
			return true
		case *ast.FuncLit:
			return false
		case ast.Stmt:
			if i == 0 || !isInit(w.stack[i-1], n) {
				return false
			}
		}
	}
	return false
}

// isInit reports whether st is the init statement of parent.
func isInit(parent ast.Node, st ast.Stmt) bool {
	switch p := parent.(type) {
	case *ast.IfStmt:
		return p.Init == st
	case *ast.SwitchStmt:
		return p.Init == st
	case *ast.TypeSwitchStmt:
		return p.Init == st
	}
	return false
}

// doneCall returns the flow of e when e is ctx.Done() on a tracked context.
func (w *useWalk) doneCall(e ast.Expr) (flow, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return flow{}, false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Done" {
		return flow{}, false
	}
	return w.tracked(sel.X)
}

// inLoop reports whether the walk is inside a loop of the function or
// function literal it is in.
func (w *useWalk) inLoop() bool {
	for i := len(w.stack) - 1; i >= 0; i-- {
		switch w.stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit:
			return false
		}
	}
	return false
}

// inGoroutine reports whether the walk is inside a function literal
// started by a go statement.
func (w *useWalk) inGoroutine() bool {
	for i := len(w.stack) - 1; i > 0; i-- {
		if _, ok := w.stack[i].(*ast.FuncLit); ok {
			if call, ok := w.stack[i-1].(*ast.CallExpr); ok && i > 1 {
				if _, ok := w.stack[i-2].(*ast.GoStmt); ok && call.Fun == w.stack[i] {
					return true
				}
			}
		}
	}
	return false
}

// ArgUse says what the callee of call does with the context passed as
// argument i, and why.
func (m *Model) ArgUse(call *ast.CallExpr, i int) (Use, string) {
	switch obj := m.Callee(call).(type) {
	case *types.Func:
		u, reason := m.funcArgUse(obj, paramIndex(obj.Signature(), i))
		return m.resolveVia(call, obj, paramIndex(obj.Signature(), i), u, reason)
	case *types.Var:
		if fn := m.funcVarTarget(obj); fn != nil {
			return m.funcArgUse(fn, paramIndex(fn.Signature(), i))
		}
		if u, ok := m.returnedFuncUse(obj, call, i); ok {
			return u.Use, u.Reason
		}
		if u, r, ok := m.fieldArgUse(obj, i); ok {
			return u, r
		}
		return UseUnknown, "calls the function value " + ExprString(call.Fun)
	}
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		if s := m.summarizeLit(lit); s != nil {
			if p, ok := s.param(i); ok {
				return p.Use, p.Reason
			}
		}
	}
	return UseUnknown, "calls " + ExprString(call.Fun)
}

// resolveVia adds to u what the function values passed in call do with the
// context, for a callee that passes its parameter i to its own
// function-valued parameters.
func (m *Model) resolveVia(call *ast.CallExpr, fn *types.Func, i int, u Use, reason string) (Use, string) {
	s := m.Summary(fn)
	p, ok := s.param(i)
	if !ok || len(p.Via) == 0 {
		return u, reason
	}
	for _, via := range p.Via {
		vu, vr := UseUnknown, "passes it to a function value"
		if via.Param < len(call.Args) {
			vu, vr = m.funcValueUse(call.Args[via.Param], via.Arg)
		}
		if via.Bounded && vu&(UseBlocks|UseWaits) != 0 {
			vu = vu&^(UseBlocks|UseWaits) | UseBoundedWork // under the callee's own deadline
		}
		if moreTelling(vu, u) || reason == "" {
			reason = fmt.Sprintf("passes it to %s, which calls %s", shortName(fn), vr)
		}
		u |= vu
	}
	return u, reason
}

// funcValueUse says what the function value e (a literal, a function or
// a method value) does with its parameter i.
func (m *Model) funcValueUse(e ast.Expr, i int) (Use, string) {
	switch e := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		if p, ok := m.summarizeLit(e).param(i); ok {
			return p.Use, "a function literal, which " + leafReason(p.Reason)
		}
		return UseValues, "a function literal that ignores it"
	case *ast.Ident, *ast.SelectorExpr:
		var id *ast.Ident
		if sel, ok := e.(*ast.SelectorExpr); ok {
			id = sel.Sel
		} else {
			id = e.(*ast.Ident)
		}
		if fn, ok := m.Info.Uses[id].(*types.Func); ok {
			u, r := m.funcArgUse(fn, i)
			return u, strings.TrimPrefix(r, "passes it to ")
		}
	}
	return UseUnknown, "a function value"
}

// paramIndex maps argument i to the callee's parameter index.
func paramIndex(sig *types.Signature, i int) int {
	if sig.Variadic() && i >= sig.Params().Len()-1 {
		return sig.Params().Len() - 1
	}
	return i
}

// FuncUse says what fn does with its parameter number i.
func (m *Model) FuncUse(fn *types.Func, i int) (Use, string) { return m.funcArgUse(fn, i) }

func (m *Model) funcArgUse(fn *types.Func, i int) (Use, string) {
	fn = fn.Origin()
	name := QualifiedName(fn)
	if fn.Pkg() != nil {
		if u, ok := wellKnownUse(fn); ok {
			return u, fmt.Sprintf("passes it to %s (%s)", shortName(fn), u.Class())
		}
	}
	if isAbstract(fn) {
		return m.interfaceArgUse(fn, i)
	}
	var s *ContextUse
	if fn.Pkg() == m.Pkg {
		if m.summarizing[fn] {
			return 0, "" // recursion: contributes nothing
		}
		s = m.summaryOf(fn)
	} else {
		s = m.importedUse(fn)
	}
	p, ok := s.param(i)
	if !ok {
		return UseUnknown, "passes it to " + name + ", which the model has not seen"
	}
	return p.Use, "passes it to " + shortName(fn) + ", which " + leafReason(p.Reason)
}

// leafReason keeps, of a callee's reason, the use at the end of its chain
// ("waits on ctx.Done()"), so that reasons, and the facts that carry them,
// stay short however deep the calls go.
func leafReason(reason string) string {
	if i := strings.LastIndex(reason, ", which "); i >= 0 {
		return "(further down) " + reason[i+len(", which "):]
	}
	return reason
}

func shortName(fn *types.Func) string {
	if recv := RecvNamed(fn); recv != nil {
		return recv.Obj().Name() + "." + fn.Name()
	}
	if fn.Pkg() != nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// isAbstract reports whether fn is an interface method.
func isAbstract(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	return recv != nil && types.IsInterface(recv.Type())
}

// interfaceArgUse combines what the visible implementations of the
// interface method fn do with parameter i: it observes if any observes,
// and is bounded only if all are. With none visible, it is unknown.
func (m *Model) interfaceArgUse(fn *types.Func, i int) (Use, string) {
	impls := m.implementations(fn)
	if len(impls) == 0 {
		return UseUnknown, "passes it to " + shortName(fn) + ", an interface method with no visible implementation"
	}
	var u Use
	reason := ""
	for _, impl := range impls {
		iu, r := m.funcArgUse(impl, i)
		if reason == "" || moreTelling(iu, u) {
			reason = r
		}
		u |= iu
	}
	return u, reason
}

// funcVarTarget resolves a function variable of this package that is
// assigned once, to a named function or a method value: a package-level
// variable at its declaration (var logFor = loggerFrom), or a local one
// (rollback := tx.Rollback).
func (m *Model) funcVarTarget(v *types.Var) *types.Func {
	if v.Pkg() != m.Pkg {
		return nil
	}
	defs := m.Defs(v)
	if len(defs) != 1 || defs[0].Rhs == nil || defs[0].Index >= 0 {
		return nil
	}
	if _, ok := defs[0].Node.(*ast.ValueSpec); !ok && v.Parent() == m.Pkg.Scope() {
		return nil // assigned in some function, at some time
	}
	switch e := ast.Unparen(defs[0].Rhs).(type) {
	case *ast.Ident:
		fn, _ := m.Info.Uses[e].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := m.Info.Uses[e.Sel].(*types.Func)
		return fn
	}
	return nil
}

// returnedFuncUse handles a call of a local function value assigned once
// from a call of a function that returns it (done, err := lease(ctx);
// defer done(ctx)): the returned literal's summary, from the fact.
func (m *Model) returnedFuncUse(v *types.Var, call *ast.CallExpr, i int) (ParamUse, bool) {
	defs := m.Defs(v)
	if len(defs) != 1 || defs[0].Rhs == nil {
		return ParamUse{}, false
	}
	src, ok := ast.Unparen(defs[0].Rhs).(*ast.CallExpr)
	if !ok {
		return ParamUse{}, false
	}
	fn := m.CalleeFunc(src)
	if fn == nil {
		return ParamUse{}, false
	}
	var s *ContextUse
	if fn.Origin().Pkg() == m.Pkg {
		s = m.summaryOf(fn)
	} else {
		s = m.importedUse(fn.Origin())
	}
	if s == nil {
		return ParamUse{}, false
	}
	index := max(defs[0].Index, 0)
	for _, r := range s.Results {
		if r.Index != index {
			continue
		}
		sig, ok := types.Unalias(m.Info.TypeOf(call.Fun)).(*types.Signature)
		if !ok {
			return ParamUse{}, false
		}
		for _, p := range r.Params {
			if p.Index == paramIndex(sig, i) {
				p.Reason = "calls the function " + shortName(fn) + " returned, which " + leafReason(p.Reason)
				return p, true
			}
		}
	}
	return ParamUse{}, false
}

// Summary returns what fn, declared in this package or (by its fact) in
// another, does with its context parameters, or nil when nothing is known.
func (m *Model) Summary(fn *types.Func) *ContextUse {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() == m.Pkg {
		return m.summaries[fn]
	}
	return m.importedUse(fn)
}
