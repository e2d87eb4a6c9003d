package ctxmodel

import (
	"go/types"
	"sync"
)

// implIndex lists, by method name, the named non-interface types declared
// in the package's import closure that have a method of that name: the
// candidates that may implement an interface method called here.
type implIndex struct {
	once   sync.Once
	byName map[string][]*types.Named

	mu    sync.Mutex
	impls map[*types.Func][]*types.Func
}

// implementations returns the concrete methods that implement the
// interface method fn, over every named type visible in the package's
// import closure (by types.Implements, for T and *T).
func (m *Model) implementations(fn *types.Func) []*types.Func {
	x := &m.implIdx
	x.once.Do(func() { x.byName = buildImplIndex(m.Pkg) })
	x.mu.Lock()
	defer x.mu.Unlock()
	if impls, ok := x.impls[fn]; ok {
		return impls
	}
	iface, _ := fn.Signature().Recv().Type().Underlying().(*types.Interface)
	var impls []*types.Func
	for _, named := range x.byName[fn.Name()] {
		if iface == nil {
			break
		}
		var t types.Type = named
		if !types.Implements(t, iface) {
			t = types.NewPointer(named)
			if !types.Implements(t, iface) {
				continue
			}
		}
		obj, _, _ := types.LookupFieldOrMethod(t, false, fn.Pkg(), fn.Name())
		if impl, ok := obj.(*types.Func); ok {
			impls = append(impls, impl)
		}
	}
	if x.impls == nil {
		x.impls = make(map[*types.Func][]*types.Func)
	}
	x.impls[fn] = impls
	return impls
}

func buildImplIndex(pkg *types.Package) map[string][]*types.Named {
	byName := make(map[string][]*types.Named)
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if p == nil || seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			visit(imp)
		}
		if !importsContext(p) {
			return // its methods cannot take a context.Context
		}
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok || types.IsInterface(named) || named.TypeParams().Len() > 0 {
				continue
			}
			for i := 0; i < named.NumMethods(); i++ {
				n := named.Method(i).Name()
				byName[n] = append(byName[n], named)
			}
		}
	}
	visit(pkg)
	return byName
}

// importsContext reports whether p is package context or imports it: only
// then can its methods have a context.Context parameter.
func importsContext(p *types.Package) bool {
	if p.Path() == "context" {
		return true
	}
	for _, imp := range p.Imports() {
		if imp.Path() == "context" {
			return true
		}
	}
	return false
}

// IsContextLike reports whether t is context.Context, or a named type (or
// pointer to one) that implements it, such as a framework's own context
// type that embeds context.Context.
func (m *Model) IsContextLike(t types.Type) bool {
	if IsContext(t) {
		return true
	}
	if t == nil || types.IsInterface(t) || !isNamedOrPointerToNamed(t) {
		return false
	}
	key := contextLikeKey{named: namedOf(t), ptr: isPointer(t)}
	if v, ok := m.contextLike.Load(key); ok {
		return v.(bool)
	}
	iface := m.contextInterface()
	v := iface != nil && types.Implements(t, iface)
	m.contextLike.Store(key, v)
	return v
}

// contextLikeKey identifies a defined type, or a pointer to it: pointer
// types are not canonical, so the memo of IsContextLike keys on the
// defined type.
type contextLikeKey struct {
	named *types.Named
	ptr   bool
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// contextInterface returns context.Context's interface, when the package's
// import closure has package context.
func (m *Model) contextInterface() *types.Interface {
	m.ctxIfaceOnce.Do(func() {
		seen := make(map[*types.Package]bool)
		var find func(p *types.Package) *types.Interface
		find = func(p *types.Package) *types.Interface {
			if p == nil || seen[p] {
				return nil
			}
			seen[p] = true
			if p.Path() == "context" {
				if tn, ok := p.Scope().Lookup("Context").(*types.TypeName); ok {
					i, _ := tn.Type().Underlying().(*types.Interface)
					return i
				}
			}
			for _, imp := range p.Imports() {
				if i := find(imp); i != nil {
					return i
				}
			}
			return nil
		}
		m.ctxIface = find(m.Pkg)
	})
	return m.ctxIface
}

// isNamedOrPointerToNamed reports whether t is a defined type or a pointer
// to one: the only types that can have the methods of context.Context.
func isNamedOrPointerToNamed(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.NumMethods() > 0 || ok && isStructWithEmbedded(named)
}

// isStructWithEmbedded reports whether named is a struct with an embedded
// field, through which it may promote context.Context's methods.
func isStructWithEmbedded(named *types.Named) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Embedded() {
			return true
		}
	}
	return false
}
