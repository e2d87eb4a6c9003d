package driver

import (
	"fmt"
	"go/types"
	"log"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// Facts in the incremental engine follow the checker's rules
// (golang.org/x/tools/go/analysis/checker), which decide what an
// analysis of package p sees:
//
//   - each analyzer sees only the facts its own actions exported;
//   - an object fact exported by the analysis of package d reaches an
//     importer of d if d "exports" the object: an exported package-level
//     function of d, any method, any field, any variable of d (parameters
//     and locals included), any type name or constant;
//   - it reaches the importers of those importers, transitively, only if
//     that test holds for every package on the way; for an object of d
//     seen from another package that leaves methods, fields, type names
//     and constants, so a fact on d's exported function reaches d's
//     direct importers only;
//   - package facts reach the whole import closure.
//
// The checker implements this by copying, for each action, the facts of
// its dependencies' actions, filtered. The engine keeps, per package and
// analyzer, only the object facts the package exports (visible) and
// answers a query on an object of package d from d's set, after the
// test above: d a direct import, or any package of the closure and an
// object of a kind that travels.

// nodeFacts are one analyzer's facts on one package: those an importer
// may see (the only ones kept once its analysis is done) and its
// package facts.
type nodeFacts struct {
	objects  map[objectFactKey]analysis.Fact
	packages map[reflect.Type]analysis.Fact
}

// exportedFrom is the checker's test: whether a fact on obj, held by the
// analysis of pkg, is passed on to pkg's importers.
func exportedFrom(obj types.Object, pkg *types.Package) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Exported() && obj.Pkg() == pkg || obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField() || obj.Pkg() == pkg
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// travels reports whether a fact on obj passes every package on an
// import path that does not declare obj.
func travels(obj types.Object) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Signature().Recv() != nil
	case *types.Var:
		return obj.IsField()
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// visibleFacts keeps the facts of an action that its package passes on.
func visibleFacts(own map[objectFactKey]analysis.Fact, pkg *types.Package) map[objectFactKey]analysis.Fact {
	vis := make(map[objectFactKey]analysis.Fact, len(own))
	for k, f := range own {
		if exportedFrom(k.obj, pkg) {
			vis[k] = f
		}
	}
	return vis
}

// factView is what one action (analyzer a on node n) sees.
type factView struct {
	eng      *engine
	a        *analysis.Analyzer
	n        *engineNode
	own      map[objectFactKey]analysis.Fact
	ownPkg   map[reflect.Type]analysis.Fact
	done     bool // Run returned: exporting is an error
	factLogf func(format string, args ...any)
}

func factTypeOf(f analysis.Fact) reflect.Type {
	t := reflect.TypeOf(f)
	if t.Kind() != reflect.Pointer {
		log.Fatalf("invalid Fact type: got %T, want pointer", f)
	}
	return t
}

// lookup returns the fact of type typ on obj that the action sees.
func (v *factView) lookup(obj types.Object, typ reflect.Type) (analysis.Fact, bool) {
	key := objectFactKey{obj, typ}
	pkg := obj.Pkg()
	if pkg == v.n.pkg {
		f, ok := v.own[key]
		return f, ok
	}
	d := v.eng.nodeOf(pkg)
	if d == nil {
		return nil, false
	}
	if !v.n.direct[d] && !(v.n.closure[d] && travels(obj)) {
		return nil, false
	}
	nf := d.facts[v.a]
	if nf == nil {
		return nil, false
	}
	f, ok := nf.objects[key]
	return f, ok
}

func (v *factView) importObjectFact(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("nil object")
	}
	f, ok := v.lookup(obj, factTypeOf(ptr))
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
	}
	return ok
}

func (v *factView) exportObjectFact(obj types.Object, fact analysis.Fact) {
	if v.done {
		log.Panicf("%s@%s: Pass.ExportObjectFact(%s, %T) called after Run", v.a.Name, v.n.id, obj, fact)
	}
	if obj.Pkg() != v.n.pkg {
		log.Panicf("internal error: in analysis %s of package %s: Fact.Set(%s, %T): can't set facts on objects belonging another package",
			v.a, v.n.id, obj, fact)
	}
	v.own[objectFactKey{obj, factTypeOf(fact)}] = fact
	if v.factLogf != nil {
		v.factLogf("%s: object %s has fact %s\n", v.eng.fset.Position(obj.Pos()), types.ObjectString(obj, (*types.Package).Name), fact)
	}
}

func (v *factView) allObjectFacts() []analysis.ObjectFact {
	var facts []analysis.ObjectFact
	for k, f := range v.own {
		facts = append(facts, analysis.ObjectFact{Object: k.obj, Fact: f})
	}
	for d := range v.n.closure {
		nf := d.facts[v.a]
		if nf == nil {
			continue
		}
		direct := v.n.direct[d]
		for k, f := range nf.objects {
			if direct || travels(k.obj) {
				facts = append(facts, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		}
	}
	return facts
}

func (v *factView) importPackageFact(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("nil package")
	}
	typ := factTypeOf(ptr)
	var f analysis.Fact
	var ok bool
	if pkg == v.n.pkg {
		f, ok = v.ownPkg[typ]
	} else if d := v.eng.nodeOf(pkg); d != nil && v.n.closure[d] && d.facts[v.a] != nil {
		f, ok = d.facts[v.a].packages[typ]
	}
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(f).Elem())
	}
	return ok
}

func (v *factView) exportPackageFact(fact analysis.Fact) {
	if v.done {
		log.Panicf("%s@%s: Pass.ExportPackageFact(%T) called after Run", v.a.Name, v.n.id, fact)
	}
	v.ownPkg[factTypeOf(fact)] = fact
	if v.factLogf != nil {
		v.factLogf("package %s has fact %s\n", v.n.pkg.Path(), fact)
	}
}

func (v *factView) allPackageFacts() []analysis.PackageFact {
	var facts []analysis.PackageFact
	for _, f := range v.ownPkg {
		facts = append(facts, analysis.PackageFact{Package: v.n.pkg, Fact: f})
	}
	for d := range v.n.closure {
		if nf := d.facts[v.a]; nf != nil {
			for _, f := range nf.packages {
				facts = append(facts, analysis.PackageFact{Package: d.pkg, Fact: f})
			}
		}
	}
	return facts
}

func (v *factView) String() string { return fmt.Sprintf("%s@%s", v.a.Name, v.n.id) }
