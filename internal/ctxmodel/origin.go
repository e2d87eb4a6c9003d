package ctxmodel

import (
	"go/ast"
	"go/types"
)

// Kind classifies where a context comes from.
type Kind int

const (
	Unknown     Kind = iota // not provable from this package's code
	Root                    // context.Background() or context.TODO(): never cancelled
	Detached                // context.WithoutCancel(parent): never cancelled
	Deadline                // WithTimeout, WithDeadline and their Cause variants
	Cancellable             // WithCancel, WithCancelCause, signal.NotifyContext, errgroup.WithContext
	Param                   // a function parameter: supplied by the caller
	Field                   // a struct field
	Request                 // (*net/http.Request).Context()
	Test                    // testing.T/B/F/TB.Context()
	Mixed                   // several assignments with different origins; see Alts
	Helper                  // made by a helper that returns it with its cancel: ctx, cancel := newClient(cmd)
)

var kindNames = [...]string{"unknown", "root", "detached", "deadline", "cancellable", "param", "field", "request", "test", "mixed", "helper"}

func (k Kind) String() string { return kindNames[k] }

// Origin describes how a context value was made. Derivations (Detached,
// Deadline, Cancellable) have a Parent; context.WithValue is transparent
// (a value-wrapped context has its parent's origin, with Call set to the
// outermost call).
type Origin struct {
	Kind   Kind
	Call   *ast.CallExpr // the producing call, for every kind made by a call
	Parent *Origin       // for derivations
	Var    *types.Var    // for Param and Field
	Alts   []*Origin     // for Mixed
	// Assign is the assignment or var spec whose single multi-valued
	// right-hand side is Call (ctx, cancel := context.WithCancel(parent)),
	// when the context was reached through it; nil otherwise. Its left-hand
	// side shows what became of the call's other results, such as the
	// cancel function (see [AssignedResult]).
	Assign ast.Node
	// Uncancellable is set on a Param whose function's every call site is
	// visible and passes a context that can never be cancelled
	// (Background, TODO, WithoutCancel, values of those).
	Uncancellable bool
}

var unknown = &Origin{Kind: Unknown}

// cyclic stands for a variable's own value in a re-assignment such as
// ctx, cancel = context.WithTimeout(ctx, d): the derivation inherits
// whatever the variable's other assignments give it.
var cyclic = &Origin{Kind: Unknown}

// all reports whether pred holds for o, or for every alternative of a
// Mixed origin.
func (o *Origin) all(pred func(*Origin) bool) bool {
	return o.allSkipping(false, pred)
}

// allDerived is all, except that alternatives derived from the variable's
// own earlier value are skipped: they share the other alternatives' base.
func (o *Origin) allDerived(pred func(*Origin) bool) bool {
	return o.allSkipping(true, pred)
}

func (o *Origin) allSkipping(skipCyclic bool, pred func(*Origin) bool) bool {
	if o == nil {
		return false
	}
	if o.Kind != Mixed {
		return pred(o)
	}
	checked := 0
	for _, a := range o.Alts {
		if skipCyclic && a.Kind != Mixed && a.base() == cyclic {
			continue
		}
		if !a.allSkipping(skipCyclic, pred) {
			return false
		}
		checked++
	}
	return checked > 0
}

// base follows derivations (not Detached) down to the context they start
// from.
func (o *Origin) base() *Origin {
	for o != nil && (o.Kind == Deadline || o.Kind == Cancellable) && o.Parent != nil {
		o = o.Parent
	}
	return o
}

// IsUnbounded reports whether the context can never be cancelled or expire:
// a root or a detached context, possibly value-wrapped, with no derivation
// on top.
func (o *Origin) IsUnbounded() bool {
	return o.all(func(o *Origin) bool { return o.Kind == Root || o.Kind == Detached })
}

// IsCancellable reports whether someone other than the current function can
// cancel the context while it runs: it is, or derives from, a parameter
// (unless every caller passes one that cannot be cancelled), a field, a
// request's context, or a context a helper made with its own deadline or
// parent and handed back with its cancel.
func (o *Origin) IsCancellable() bool {
	return o.allDerived(func(o *Origin) bool {
		b := o.base()
		switch b.Kind {
		case Param:
			return !b.Uncancellable
		case Field, Request, Helper:
			return true
		}
		return false
	})
}

// IsSelfOwned reports whether the context is a WithCancel/WithTimeout/
// WithDeadline child of an unbounded root or a detached context, so that
// only this code's own cancel or timer ends it.
func (o *Origin) IsSelfOwned() bool {
	return o.allDerived(func(o *Origin) bool {
		if o.Kind != Deadline && o.Kind != Cancellable {
			return false
		}
		b := o.base()
		return b.Kind == Root || b.Kind == Detached
	})
}

// IsFromParam reports whether the context is, or derives from, a
// parameter of the enclosing function (not a field or a request).
func (o *Origin) IsFromParam() bool {
	return o.allDerived(func(o *Origin) bool { return o.base().Kind == Param })
}

// IsTestScoped reports whether the context is, or derives from, t.Context().
func (o *Origin) IsTestScoped() bool {
	return o.allDerived(func(o *Origin) bool { return o.base().Kind == Test })
}

// HasDeadline reports whether a WithTimeout/WithDeadline lies on the chain
// (above any Detached layer, which cuts it off).
func (o *Origin) HasDeadline() bool {
	return o.all(func(o *Origin) bool {
		for ; o != nil; o = o.Parent {
			switch o.Kind {
			case Deadline:
				return true
			case Cancellable:
				continue
			}
			return false
		}
		return false
	})
}

// Origin returns the origin of the context-typed expression e, following
// local variables through their assignments (flow-insensitively: a variable
// assigned several contexts of different origins is Mixed).
func (m *Model) Origin(e ast.Expr) *Origin {
	return m.origin(e, map[*types.Var]bool{})
}

func (m *Model) origin(e ast.Expr, visiting map[*types.Var]bool) *Origin {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := m.VarOf(e)
		if v == nil {
			return unknown
		}
		return m.varOrigin(v, visiting)
	case *ast.SelectorExpr:
		if sel, ok := m.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			v, _ := sel.Obj().(*types.Var)
			return &Origin{Kind: Field, Var: v}
		}
		if v, ok := m.Info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			return m.varOrigin(v, visiting)
		}
	case *ast.CallExpr:
		return m.callOrigin(e, 0, visiting)
	}
	return unknown
}

func (m *Model) varOrigin(v *types.Var, visiting map[*types.Var]bool) *Origin {
	if o, ok := m.memoOrigin(v); ok {
		return o
	}
	if visiting[v] {
		return cyclic
	}
	visiting[v] = true
	defer delete(visiting, v)

	var alts []*Origin
	if m.index().params[v] {
		if o, ok := m.callbackOrigin(v, visiting); ok {
			alts = append(alts, o)
		} else {
			alts = append(alts, &Origin{Kind: Param, Var: v, Uncancellable: m.callersPassUncancellable(v, visiting)})
		}
	}
	for _, d := range m.index().defs[v] {
		var o *Origin
		switch {
		case d.Rhs == nil:
			o = unknown
		case d.Index >= 0:
			call, ok := ast.Unparen(d.Rhs).(*ast.CallExpr)
			if !ok {
				o = unknown
			} else {
				o = m.callOrigin(call, d.Index, visiting)
				if o.Call == call && o != unknown {
					o.Assign = d.Node
				}
			}
		default:
			o = m.origin(d.Rhs, visiting)
		}
		if o != cyclic {
			alts = append(alts, o)
		}
	}
	o := merge(alts)
	if v.Pkg() != m.Pkg && !m.index().params[v] && len(m.index().defs[v]) == 0 {
		o = unknown // declared elsewhere: nothing known
	}
	if len(visiting) == 1 {
		m.setMemoOrigin(v, o) // only results not cut short by a cycle
	}
	return o
}

func (m *Model) memoOrigin(v *types.Var) (*Origin, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	o, ok := m.origins[v]
	return o, ok
}

func (m *Model) setMemoOrigin(v *types.Var, o *Origin) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.origins[v] = o
}

func merge(alts []*Origin) *Origin {
	switch len(alts) {
	case 0:
		return unknown
	case 1:
		return alts[0]
	}
	return &Origin{Kind: Mixed, Alts: alts}
}

// callOrigin returns the origin of result index of call (index 0 for a
// single-valued call), or unknown when that result is not a context.
func (m *Model) callOrigin(call *ast.CallExpr, index int, visiting map[*types.Var]bool) *Origin {
	fn := m.CalleeFunc(call)
	if fn == nil {
		return unknown
	}
	parent := func() *Origin {
		if len(call.Args) == 0 {
			return unknown
		}
		return m.origin(call.Args[0], visiting)
	}
	switch DerivationOf(fn, index) {
	case DerivedValue:
		return parent()
	case DerivedCancel:
		return &Origin{Kind: Cancellable, Call: call, Parent: parent()}
	case DerivedDeadline:
		return &Origin{Kind: Deadline, Call: call, Parent: parent()}
	case DerivedDetached:
		return &Origin{Kind: Detached, Call: call, Parent: parent()}
	}
	switch {
	case index != 0:
		return m.helperOrigin(call, index)
	case IsPkgFunc(fn, "context", "Background", "TODO"):
		return &Origin{Kind: Root, Call: call}
	case IsMethodOf(fn, "net/http", "Request", "Context"):
		return &Origin{Kind: Request, Call: call}
	case fn.Name() == "Context" && fn.Pkg() != nil && fn.Pkg().Path() == "testing":
		return &Origin{Kind: Test, Call: call}
	case m.returnsRoot(fn):
		return &Origin{Kind: Root, Call: call} // a helper returning Background with values
	}
	return m.helperOrigin(call, index)
}

// helperOrigin is the origin of result index of a call outside package
// context that returns a context together with a cancel function, such as
// ctx, cancel := newClient(cmd): a context the helper derived with a
// deadline or parent of its own choosing, unless its OwnedContext fact
// says it made it from Background (ctx, cancel := testContext(t)).
func (m *Model) helperOrigin(call *ast.CallExpr, index int) *Origin {
	tuple, ok := m.Info.TypeOf(call).(*types.Tuple)
	if !ok || index >= tuple.Len() || !IsContext(tuple.At(index).Type()) {
		return unknown
	}
	if i, ok := m.CancelResult(call); !ok || i == index {
		return unknown
	}
	if fn := m.CalleeFunc(call); fn != nil {
		if f := m.ownedContextOf(fn, index); f != nil {
			// The helper made it from Background with its cancel: the
			// caller owns it as it owns a derivation of its own.
			kind := Cancellable
			if f.Deadline {
				kind = Deadline
			}
			return &Origin{Kind: kind, Call: call, Parent: &Origin{Kind: Root}}
		}
	}
	return &Origin{Kind: Helper, Call: call}
}

// DerivesFrom reports whether the context expression e is v itself or is
// derived from v by context.With* functions other than WithoutCancel,
// following local variables. Such a context is cancelled whenever v is.
func (m *Model) DerivesFrom(e ast.Expr, v *types.Var) bool {
	return m.derivesFrom(e, v, map[*types.Var]bool{})
}

func (m *Model) derivesFrom(e ast.Expr, target *types.Var, visiting map[*types.Var]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v := m.VarOf(e)
		if v == nil {
			return false
		}
		if v == target {
			return true
		}
		if visiting[v] || m.index().params[v] {
			return false
		}
		visiting[v] = true
		defs := m.index().defs[v]
		for _, d := range defs {
			if !m.defDerivesFrom(d, target, visiting) {
				return false
			}
		}
		return len(defs) > 0
	case *ast.SelectorExpr:
		if sel, ok := m.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return sel.Obj() == target
		}
	case *ast.CallExpr:
		return m.derivedCallFrom(e, 0, target, visiting)
	}
	return false
}

func (m *Model) defDerivesFrom(d Def, target *types.Var, visiting map[*types.Var]bool) bool {
	if d.Rhs == nil {
		return false
	}
	if d.Index >= 0 {
		call, ok := ast.Unparen(d.Rhs).(*ast.CallExpr)
		return ok && m.derivedCallFrom(call, d.Index, target, visiting)
	}
	return m.derivesFrom(d.Rhs, target, visiting)
}

func (m *Model) derivedCallFrom(call *ast.CallExpr, index int, target *types.Var, visiting map[*types.Var]bool) bool {
	fn := m.CalleeFunc(call)
	if fn == nil || len(call.Args) == 0 || fn.Pkg() == nil {
		return false
	}
	switch DerivationOf(fn, index) {
	case DerivedValue, DerivedCancel, DerivedDeadline:
		return m.derivesFrom(call.Args[0], target, visiting)
	}
	return false
}
