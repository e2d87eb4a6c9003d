package ctxmodel

import (
	"go/ast"
	"go/types"
)

// callSites indexes, for this package's unexported functions and methods,
// their calls and the parameter each variable is, so that a parameter's
// origin can be the meet of what every caller passes when every caller is
// visible.
type callSites struct {
	calls  map[*types.Func][]*ast.CallExpr
	refs   map[*types.Func]int // every use of the function's name, called or not
	params map[*types.Var]paramOf
	// callbacks maps the context parameters of function literals passed
	// as arguments to the call they are passed to.
	callbacks map[*types.Var]callbackParam
	// closures holds, for a local variable assigned a function literal
	// once, the calls of it; closureRefs, every use of it, called or not;
	// closureParams, the literal's context parameters.
	closures      map[*types.Var][]*ast.CallExpr
	closureRefs   map[*types.Var]int
	closureParams map[*types.Var]closureParam
}

// closureParam is parameter index of the function literal held by the
// local variable fn.
type closureParam struct {
	fn    *types.Var
	index int
}

// callbackParam is parameter index of a function literal passed as
// argument arg of call.
type callbackParam struct {
	call       *ast.CallExpr
	arg, index int
}

type paramOf struct {
	fn    *types.Func
	index int
}

// callersPassUncancellable reports whether v is a parameter of a function
// whose every call site is in this package and visible, and every call
// passes, for v, a context that can never be cancelled. Every call site is
// visible for an unexported function never used as a value and not a
// method an interface of the package declares, and for a function literal
// held by a local variable assigned once and only ever called
// (check := func(ctx context.Context) {...}; check(ctx)).
func (m *Model) callersPassUncancellable(v *types.Var, visiting map[*types.Var]bool) bool {
	x := m.callIndex()
	var calls []*ast.CallExpr
	var sig *types.Signature
	index := 0
	if p, ok := x.params[v]; ok {
		calls, sig, index = x.calls[p.fn], p.fn.Signature(), p.index
		if len(calls) != x.refs[p.fn] {
			return false
		}
	} else if p, ok := x.closureParams[v]; ok {
		calls, index = x.closures[p.fn], p.index
		sig, _ = p.fn.Type().Underlying().(*types.Signature)
		if len(calls) != x.closureRefs[p.fn] {
			return false
		}
	}
	if len(calls) == 0 || sig == nil || sig.Variadic() && index == sig.Params().Len()-1 {
		return false
	}
	for _, call := range calls {
		if index >= len(call.Args) || !m.origin(call.Args[index], visiting).IsUnbounded() {
			return false
		}
	}
	return true
}

func (m *Model) callIndex() *callSites {
	m.callsOnce.Do(func() {
		x := &callSites{
			calls:     make(map[*types.Func][]*ast.CallExpr),
			refs:      make(map[*types.Func]int),
			params:    make(map[*types.Var]paramOf),
			callbacks: make(map[*types.Var]callbackParam),

			closures:      make(map[*types.Var][]*ast.CallExpr),
			closureRefs:   make(map[*types.Var]int),
			closureParams: make(map[*types.Var]closureParam),
		}
		ifaceMethods := m.interfaceMethodNames()
		for fn, decl := range m.decls {
			if fn.Exported() || ifaceMethods[fn.Name()] && fn.Signature().Recv() != nil {
				continue
			}
			eachParam(m.Info, decl.Type, func(index int, v *types.Var, t types.Type) {
				if v != nil && IsContext(t) {
					x.params[v] = paramOf{fn, index}
				}
			})
		}
		m.indexClosureVars(x)
		for _, obj := range m.Info.Uses {
			switch obj := obj.(type) {
			case *types.Func:
				if obj.Pkg() == m.Pkg {
					x.refs[obj.Origin()]++
				}
			case *types.Var:
				if _, ok := x.closures[obj]; ok {
					x.closureRefs[obj]++
				}
			}
		}
		for _, f := range m.files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if fn := calledName(m.Info, call.Fun); fn != nil && fn.Pkg() == m.Pkg {
						x.calls[fn.Origin()] = append(x.calls[fn.Origin()], call)
					}
					if v := m.VarOf(call.Fun); v != nil {
						if calls, ok := x.closures[v]; ok {
							x.closures[v] = append(calls, call)
						}
					}
					m.indexCallbacks(x, call)
				}
				return true
			})
		}
		m.calls = x
	})
	return m.calls
}

// indexClosureVars records the local variables assigned a function
// literal once, and nothing else, with the literal's context parameters.
func (m *Model) indexClosureVars(x *callSites) {
	for v, defs := range m.index().defs {
		if len(defs) != 1 || isPackageVar(v) || v.IsField() {
			continue
		}
		lit, ok := ast.Unparen(defs[0].Rhs).(*ast.FuncLit)
		if !ok || defs[0].Index >= 0 {
			continue
		}
		x.closures[v] = nil
		eachParam(m.Info, lit.Type, func(index int, p *types.Var, t types.Type) {
			if p != nil && IsContext(t) {
				x.closureParams[p] = closureParam{v, index}
			}
		})
	}
}

// indexCallbacks records the context parameters of the function literals
// passed to call.
func (m *Model) indexCallbacks(x *callSites, call *ast.CallExpr) {
	for arg, a := range call.Args {
		lit, ok := ast.Unparen(a).(*ast.FuncLit)
		if !ok {
			continue
		}
		eachParam(m.Info, lit.Type, func(index int, v *types.Var, t types.Type) {
			if v != nil && IsContext(t) {
				x.callbacks[v] = callbackParam{call, arg, index}
			}
		})
	}
}

// callbackOrigin is the origin of v when v is a context parameter of a
// function literal passed to a callee whose summary says which of its own
// context parameters it calls the literal with (RunTest(ctx, t, func(ctx
// context.Context, ...) {...}), where RunTest calls f(ctx, ...)): the
// contexts the caller passes there. ok is false when that is not known.
func (m *Model) callbackOrigin(v *types.Var, visiting map[*types.Var]bool) (*Origin, bool) {
	cb, ok := m.callIndex().callbacks[v]
	if !ok {
		return nil, false
	}
	fn := m.CalleeFunc(cb.call)
	if fn == nil || isAbstract(fn) {
		return nil, false
	}
	s := m.Summary(fn)
	if s == nil {
		return nil, false
	}
	sig := fn.Signature()
	for _, fa := range s.CallsOwned {
		if fa.Param == paramIndex(sig, cb.arg) && fa.Arg == cb.index {
			// The runner made the context and only it cancels it, after
			// the literal returns: a context of its own, with a deadline.
			return &Origin{Kind: Deadline, Parent: &Origin{Kind: Root}}, true
		}
	}
	var alts []*Origin
	for _, p := range s.Params {
		for _, via := range p.Via {
			if via.Param != paramIndex(sig, cb.arg) || via.Arg != cb.index || p.Index >= len(cb.call.Args) {
				continue
			}
			if sig.Variadic() && p.Index >= sig.Params().Len()-1 {
				return nil, false
			}
			o := m.origin(cb.call.Args[p.Index], visiting)
			if via.Bounded {
				// The runner's own timeout on it, cancelled once the
				// literal returns.
				o = &Origin{Kind: Deadline, Parent: o}
			}
			alts = append(alts, o)
		}
	}
	if len(alts) == 0 {
		return nil, false
	}
	return merge(alts), true
}

// calledName returns the function a call's function expression names
// directly (f, pkg.F, x.m, f[T]), or nil.
func calledName(info *types.Info, fun ast.Expr) *types.Func {
	switch e := ast.Unparen(fun).(type) {
	case *ast.IndexExpr:
		return calledName(info, e.X)
	case *ast.IndexListExpr:
		return calledName(info, e.X)
	case *ast.Ident:
		fn, _ := info.Uses[e].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := info.Uses[e.Sel].(*types.Func)
		return fn
	}
	return nil
}

// interfaceMethodNames returns the names of the methods declared by the
// package's interface types, through which calls are not visible.
func (m *Model) interfaceMethodNames() map[string]bool {
	names := make(map[string]bool)
	for _, tv := range m.Info.Types {
		if !tv.IsType() {
			continue
		}
		if iface, ok := tv.Type.Underlying().(*types.Interface); ok {
			for i := 0; i < iface.NumMethods(); i++ {
				names[iface.Method(i).Name()] = true
			}
		}
	}
	return names
}

// eachParam calls f with the index, the variable (nil when the parameter
// has no name) and the type of every parameter ft declares.
func eachParam(info *types.Info, ft *ast.FuncType, f func(index int, v *types.Var, t types.Type)) {
	index := 0
	for _, field := range ft.Params.List {
		if len(field.Names) == 0 {
			f(index, nil, info.TypeOf(field.Type))
			index++
			continue
		}
		for _, id := range field.Names {
			v, _ := info.Defs[id].(*types.Var)
			var t types.Type
			if v != nil {
				t = v.Type()
			}
			f(index, v, t)
			index++
		}
	}
}

// VisibleCalls returns every call of fn, a function or method of this
// package, when they are all the uses it has: fn is unexported, never
// used as a value, and no interface of the package declares its name (so
// no dynamic call can reach it). ok is false otherwise.
func (m *Model) VisibleCalls(fn *types.Func) (calls []*ast.CallExpr, ok bool) {
	if fn == nil || fn.Pkg() != m.Pkg || fn.Exported() {
		return nil, false
	}
	fn = fn.Origin()
	x := m.callIndex()
	if fn.Signature().Recv() != nil && m.interfaceMethodNames()[fn.Name()] {
		return nil, false
	}
	calls = x.calls[fn]
	return calls, len(calls) > 0 && len(calls) == x.refs[fn]
}
