package typesdata

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// roots are the packages whose import closures the tests round-trip.
var roots = []string{
	"example.com/mod/sample", "example.com/mod/user",
	"context", "net/http", "go/types", "reflect", "sync/atomic", "iter", "maps", "encoding/json", "os/exec", "unsafe",
}

var (
	loadOnce sync.Once
	loaded   []*packages.Package // dependency order
	loadErr  error
)

// load type-checks roots and their closure from source, once.
func load(t testing.TB) []*packages.Package {
	t.Helper()
	loadOnce.Do(func() {
		dir, err := filepath.Abs(filepath.Join("testdata", "mod"))
		if err != nil {
			loadErr = err
			return
		}
		cfg := &packages.Config{
			Mode: packages.LoadAllSyntax,
			Dir:  dir,
			Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod"),
		}
		pkgs, err := packages.Load(cfg, roots...)
		if err != nil {
			loadErr = err
			return
		}
		var errs []string
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			for _, e := range p.Errors {
				errs = append(errs, e.Error())
			}
			loaded = append(loaded, p)
		})
		if len(errs) > 0 {
			loadErr = fmt.Errorf("loading: %s", strings.Join(errs, "; "))
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

// roundTrip writes every package of pkgs (in dependency order) and reads
// it back into a new world, each against the packages already read.
func roundTrip(t testing.TB, pkgs []*packages.Package) (*token.FileSet, map[string]*types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	world := make(map[string]*types.Package)
	for _, p := range pkgs {
		data, err := Write(p.Fset, p.Types)
		if err != nil {
			t.Fatalf("Write(%s): %v", p.PkgPath, err)
		}
		got, err := Read(fset, world, p.PkgPath, data)
		if err != nil {
			t.Fatalf("Read(%s): %v", p.PkgPath, err)
		}
		world[p.PkgPath] = got
	}
	return fset, world
}

func TestRoundTrip(t *testing.T) {
	pkgs := load(t)
	fset, world := roundTrip(t, pkgs)
	seen := make(map[string]bool)
	for _, p := range pkgs {
		seen[p.PkgPath] = true
		if diffs := compare(p.Fset, p.Types, fset, world[p.PkgPath]); len(diffs) > 0 {
			if len(diffs) > 20 {
				diffs = append(diffs[:20], "...")
			}
			t.Errorf("%s read back differs:\n\t%s", p.PkgPath, strings.Join(diffs, "\n\t"))
		}
	}
	for _, root := range roots {
		if !seen[root] {
			t.Errorf("%s not loaded", root)
		}
	}
	if len(pkgs) < 100 {
		t.Errorf("only %d packages loaded", len(pkgs))
	}
}

// TestCompareDetects checks that compare notices what it is meant to.
func TestCompareDetects(t *testing.T) {
	pkgs := load(t)
	var sample *packages.Package
	for _, p := range pkgs {
		if p.PkgPath == "example.com/mod/sample" {
			sample = p
		}
	}
	if diffs := compare(sample.Fset, sample.Types, sample.Fset, sample.Types); len(diffs) > 0 {
		t.Fatalf("a package differs from itself: %v", diffs)
	}
	fset, world := roundTrip(t, pkgs)
	got := world[sample.PkgPath]

	// A package with one object fewer, one with methods reordered, and
	// one with a position moved must each differ.
	mutants := map[string]func() *types.Package{
		"missing object": func() *types.Package {
			p := types.NewPackage(got.Path(), got.Name())
			for _, name := range got.Scope().Names() {
				if name != "Tree" {
					p.Scope().Insert(got.Scope().Lookup(name))
				}
			}
			return p
		},
		"method order": func() *types.Package {
			data, err := Write(sample.Fset, sample.Types)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Read(fset, world, got.Path(), data)
			if err != nil {
				t.Fatal(err)
			}
			named := p.Scope().Lookup("Ordering").Type().(*types.Named)
			m := named.Method(0)
			var ms []*types.Func
			for i := 1; i < named.NumMethods(); i++ {
				ms = append(ms, named.Method(i))
			}
			ms = append(ms, m)
			tn := types.NewTypeName(named.Obj().Pos(), p, "Ordering", nil)
			nn := types.NewNamed(tn, named.Underlying(), ms)
			_ = nn
			q := types.NewPackage(p.Path(), p.Name())
			for _, name := range p.Scope().Names() {
				if name == "Ordering" {
					q.Scope().Insert(tn)
				} else {
					q.Scope().Insert(p.Scope().Lookup(name))
				}
			}
			return q
		},
		"position": func() *types.Package {
			q := types.NewPackage(got.Path(), got.Name())
			for _, name := range got.Scope().Names() {
				obj := got.Scope().Lookup(name)
				if name == "Int" {
					c := obj.(*types.Const)
					obj = types.NewConst(obj.Pos()+1, q, name, c.Type(), c.Val())
				}
				q.Scope().Insert(obj)
			}
			return q
		},
	}
	for name, mutant := range mutants {
		if diffs := compare(sample.Fset, sample.Types, fset, mutant()); len(diffs) == 0 {
			t.Errorf("%s: no difference found", name)
		}
	}
}

func TestErrors(t *testing.T) {
	pkgs := load(t)
	var sample, user *packages.Package
	for _, p := range pkgs {
		switch p.PkgPath {
		case "example.com/mod/sample":
			sample = p
		case "example.com/mod/user":
			user = p
		}
	}
	fset := token.NewFileSet()
	data, err := Write(user.Fset, user.Types)
	if err != nil {
		t.Fatal(err)
	}
	// An import missing from the closure.
	if _, err := Read(fset, map[string]*types.Package{"context": types.NewPackage("context", "context")}, user.PkgPath, data); err == nil {
		t.Error("Read without sample: no error")
	}
	// Truncated and corrupt data.
	for _, n := range []int{0, len(magic), len(data) / 2, len(data) - 1} {
		if _, err := Read(fset, nil, user.PkgPath, data[:n]); err == nil {
			t.Errorf("Read of %d of %d bytes: no error", n, len(data))
		}
	}
	if _, err := Read(fset, nil, "other/path", data); err == nil {
		t.Error("Read under another path: no error")
	}
	// A type that is not declared at package level.
	p := types.NewPackage("p", "p")
	local := types.NewNamed(types.NewTypeName(token.NoPos, p, "local", nil), types.Typ[types.Int], nil)
	p.Scope().Insert(types.NewVar(token.NoPos, p, "V", local))
	if _, err := Write(token.NewFileSet(), p); err == nil || !strings.Contains(err.Error(), "not declared at package level") {
		t.Errorf("Write of a package reaching a local type: err = %v", err)
	}
	// A reference to another package's type that objectpath cannot name.
	q := types.NewPackage("q", "q")
	q.Scope().Insert(types.NewVar(token.NoPos, q, "V", local))
	if _, err := Write(token.NewFileSet(), q); err == nil {
		t.Error("Write of a package reaching another's local type: no error")
	}
	_ = sample
}

// compare reports how package got (positions in gotFset) differs from
// want, which was type-checked from source.
func compare(wantFset *token.FileSet, want *types.Package, gotFset *token.FileSet, got *types.Package) []string {
	var diffs []string
	errorf := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	if want.Path() != got.Path() || want.Name() != got.Name() {
		errorf("package %s %s, want %s %s", got.Name(), got.Path(), want.Name(), want.Path())
	}
	if !got.Complete() {
		errorf("package not complete")
	}
	wn, gn := want.Scope().Names(), got.Scope().Names()
	if !slices.Equal(wn, gn) {
		errorf("scope names %v, want %v", gn, wn)
		return diffs
	}
	qual := func(p *types.Package) string { return p.Path() }

	// Objects reachable from the scope, walked in step.
	wantObjs, gotObjs := reachable(want), reachable(got)
	if len(wantObjs) != len(gotObjs) {
		errorf("%d objects reachable, want %d", len(gotObjs), len(wantObjs))
	}
	var wenc, genc objectpath.Encoder
	for i := range min(len(wantObjs), len(gotObjs)) {
		w, g := wantObjs[i], gotObjs[i]
		ws, gs := types.ObjectString(w, qual), types.ObjectString(g, qual)
		if ws != gs {
			errorf("object %q, want %q", gs, ws)
			continue
		}
		if fmt.Sprintf("%T", w) != fmt.Sprintf("%T", g) {
			errorf("%s is a %T, want %T", ws, g, w)
		}
		if wc, ok := w.(*types.Const); ok {
			gc := g.(*types.Const)
			wv, gv := wc.Val(), gc.Val()
			if wv.Kind() != gv.Kind() || wv.ExactString() != gv.ExactString() || wv.Kind() != constant.Unknown && !constant.Compare(wv, token.EQL, gv) {
				errorf("%s: value %s, want %s", ws, gv.ExactString(), wv.ExactString())
			}
		}
		if wt, ok := w.(*types.TypeName); ok {
			if wtp, ok := wt.Type().(*types.TypeParam); ok {
				if gtp, ok := g.Type().(*types.TypeParam); !ok || gtp.Index() != wtp.Index() {
					errorf("%s: not type parameter %d", ws, wtp.Index())
				}
			}
		}
		if wv, ok := w.(*types.Var); ok {
			gv := g.(*types.Var)
			if wv.Kind() != gv.Kind() && wv.Kind() != types.RecvVar {
				errorf("%s: kind %v, want %v", ws, gv.Kind(), wv.Kind())
			}
			if wv.Embedded() != gv.Embedded() {
				errorf("%s: embedded %t", ws, gv.Embedded())
			}
		}
		if (w.Pkg() == nil) != (g.Pkg() == nil) || w.Pkg() != nil && w.Pkg().Path() != g.Pkg().Path() {
			errorf("%s: package %v, want %v", ws, g.Pkg(), w.Pkg())
		}
		wp, gp := wantFset.Position(w.Pos()), gotFset.Position(g.Pos())
		if wp.Filename != gp.Filename || wp.Line != gp.Line || wp.Column != gp.Column {
			errorf("%s: position %v, want %v", ws, gp, wp)
		}
		wpath, werr := wenc.For(w)
		gpath, gerr := genc.For(g)
		if (werr == nil) != (gerr == nil) || wpath != gpath {
			errorf("%s: objectpath %q (%v), want %q (%v)", ws, gpath, gerr, wpath, werr)
			continue
		}
		if werr == nil {
			// Resolve the path in both worlds: objectpath does not
			// always find the object it named (the type parameters
			// of a generic alias).
			wobj, _ := objectpath.Object(w.Pkg(), wpath)
			gobj, err := objectpath.Object(g.Pkg(), gpath)
			if err != nil || (wobj == w) != (gobj == g) || types.ObjectString(wobj, qual) != types.ObjectString(gobj, qual) {
				errorf("%s: objectpath.Object(%q) = %v, %v; want %v", ws, gpath, gobj, err, wobj)
			}
		}
	}

	// Method sets, and implementations.
	var wnamed, gnamed []types.Type
	var wifaces, gifaces []*types.Interface
	for _, name := range wn {
		wt, gt := want.Scope().Lookup(name), got.Scope().Lookup(name)
		wtn, ok := wt.(*types.TypeName)
		if !ok {
			continue
		}
		gtn := gt.(*types.TypeName)
		if wtn.IsAlias() != gtn.IsAlias() {
			errorf("%s: alias %t", name, gtn.IsAlias())
			continue
		}
		for _, ptr := range []bool{false, true} {
			w, g := wtn.Type(), gtn.Type()
			if ptr {
				if types.IsInterface(w) {
					continue
				}
				w, g = types.NewPointer(w), types.NewPointer(g)
			}
			wm, gm := methodSet(w, qual), methodSet(g, qual)
			if !slices.Equal(wm, gm) {
				errorf("method set of %s: %v, want %v", types.TypeString(w, qual), gm, wm)
			}
			if !ptr {
				if wi, ok := w.Underlying().(*types.Interface); ok {
					wifaces = append(wifaces, wi)
					gifaces = append(gifaces, g.Underlying().(*types.Interface))
				}
			}
			if hasTypeParams(wtn.Type()) {
				continue
			}
			wnamed, gnamed = append(wnamed, w), append(gnamed, g)
		}
	}
	for i := range wnamed {
		for j := range wifaces {
			wi, gi := types.Implements(wnamed[i], wifaces[j]), types.Implements(gnamed[i], gifaces[j])
			if wi != gi {
				errorf("Implements(%s, %s) = %t, want %t", gnamed[i], gifaces[j], gi, wi)
			}
		}
	}
	return diffs
}

func hasTypeParams(t types.Type) bool {
	switch t := t.(type) {
	case *types.Named:
		return t.TypeParams().Len() > 0
	case *types.Alias:
		return t.TypeParams().Len() > 0
	}
	return false
}

func methodSet(t types.Type, qual types.Qualifier) []string {
	ms := types.NewMethodSet(t)
	var out []string
	for sel := range ms.Methods() {
		out = append(out, fmt.Sprintf("%s %v %t %s", sel.Obj().Name(), sel.Index(), sel.Indirect(), types.TypeString(sel.Type(), qual)))
	}
	return out
}

// reachable lists, in a deterministic order, the package's scope
// objects and the methods, fields, parameters, results and type
// parameters its own types reach.
func reachable(pkg *types.Package) []types.Object {
	var out []types.Object
	seenObj := make(map[types.Object]bool)
	seenType := make(map[types.Type]bool)
	add := func(obj types.Object) bool {
		if obj == nil || seenObj[obj] {
			return false
		}
		seenObj[obj] = true
		out = append(out, obj)
		return true
	}
	var walk func(t types.Type)
	walkVars := func(tup *types.Tuple) {
		for v := range tup.Variables() {
			add(v)
			walk(v.Type())
		}
	}
	walkTParams := func(list *types.TypeParamList) {
		for tp := range list.TypeParams() {
			if add(tp.Obj()) {
				walk(tp.Constraint())
			}
		}
	}
	walk = func(t types.Type) {
		if t == nil || seenType[t] {
			return
		}
		seenType[t] = true
		switch t := t.(type) {
		case *types.Named:
			if t.Obj().Pkg() != pkg {
				return
			}
			for targ := range t.TypeArgs().Types() {
				walk(targ)
			}
			if t.Origin() != t {
				return
			}
			walkTParams(t.TypeParams())
			walk(t.Underlying())
			for m := range t.Methods() {
				add(m)
				walk(m.Type())
			}
		case *types.Alias:
			if t.Obj().Pkg() != pkg {
				return
			}
			walkTParams(t.TypeParams())
			walk(t.Rhs())
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			walkTParams(t.RecvTypeParams())
			walkTParams(t.TypeParams())
			walkVars(t.Params())
			walkVars(t.Results())
		case *types.Struct:
			for f := range t.Fields() {
				add(f)
				walk(f.Type())
			}
		case *types.Interface:
			for m := range t.ExplicitMethods() {
				add(m)
				walk(m.Type())
			}
			for e := range t.EmbeddedTypes() {
				walk(e)
			}
			for m := range t.Methods() {
				add(m)
			}
		case *types.Union:
			for term := range t.Terms() {
				walk(term.Type())
			}
		case *types.TypeParam:
			add(t.Obj())
		}
	}
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		add(obj)
		walk(obj.Type())
	}
	return out
}

func BenchmarkWrite(b *testing.B) {
	p := largest(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		data, err := Write(p.Fset, p.Types)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes")
}

func BenchmarkRead(b *testing.B) {
	pkgs := load(b)
	p := largest(b)
	_, world := roundTrip(b, pkgs)
	data, err := Write(p.Fset, p.Types)
	if err != nil {
		b.Fatal(err)
	}
	delete(world, p.PkgPath)
	fset := token.NewFileSet()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(fset, world, p.PkgPath, data); err != nil {
			b.Fatal(err)
		}
	}
}

// largest returns the loaded package with the most scope objects.
func largest(b *testing.B) *packages.Package {
	var best *packages.Package
	for _, p := range load(b) {
		if best == nil || p.Types.Scope().Len() > best.Types.Scope().Len() {
			best = p
		}
	}
	b.Logf("%s: %d objects", best.PkgPath, best.Types.Scope().Len())
	return best
}
