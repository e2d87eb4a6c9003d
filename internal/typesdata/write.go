package typesdata

import (
	"encoding/binary"
	"go/constant"
	"go/token"
	"go/types"
	"math/big"
	"slices"

	"golang.org/x/tools/go/types/objectpath"
)

// Write encodes pkg, type-checked with positions in fset, as shallow
// type data.
func Write(fset *token.FileSet, pkg *types.Package) (data []byte, err error) {
	if pkg == types.Unsafe {
		return []byte(unsafeData), nil
	}
	w := &writer{
		fset:      fset,
		pkg:       pkg,
		strIdx:    make(map[string]int),
		fileIdx:   make(map[string]int),
		typeIdx:   make(map[types.Type]int),
		tparamIdx: make(map[*types.TypeParam]int),
		objIdx:    make(map[types.Object]int),
		owned:     make(map[*types.TypeParam]bool),
		foreign:   make(map[types.Object]string),
		memberIdx: make(map[types.Object]int),
	}
	defer func() {
		if r := recover(); r != nil {
			f, ok := r.(failure)
			if !ok {
				panic(r)
			}
			data, err = nil, f.err
		}
	}()
	w.write()
	return w.bytes(), nil
}

type writer struct {
	fset *token.FileSet
	pkg  *types.Package
	enc  objectpath.Encoder

	strIdx map[string]int
	strs   []string

	fileIdx map[string]int
	files   []*fileLines

	typeIdx  map[types.Type]int // -1 while being encoded
	typeOffs []int
	typeData []byte

	tparamIdx map[*types.TypeParam]int
	tparams   []*types.TypeParam
	owned     map[*types.TypeParam]bool // the type parameters of a declaration written

	foreign map[types.Object]string // object paths of other packages' objects; "" if none

	memberIdx  map[types.Object]int // -1 while being encoded
	memberOffs []int
	memberData []byte

	objIdx map[types.Object]int // the package-level objects
	body   []byte               // the objects' declarations
}

// fileLines records, of one file, the largest column used on each line.
type fileLines struct {
	name  string
	lines map[int]int
}

// buf is an encoding under way.
type buf []byte

func (b *buf) uint(x uint64) { *b = binary.AppendUvarint(*b, x) }
func (b *buf) int(x int64)   { *b = binary.AppendVarint(*b, x) }
func (b *buf) idx(i int)     { b.uint(uint64(i)) }
func (b *buf) bool(x bool) {
	if x {
		*b = append(*b, 1)
	} else {
		*b = append(*b, 0)
	}
}
func (b *buf) bytes(x []byte) { b.uint(uint64(len(x))); *b = append(*b, x...) }

func (w *writer) str(b *buf, s string) { b.idx(w.intern(s)) }

// intern returns the index of s in the string table, adding it.
func (w *writer) intern(s string) int {
	i, ok := w.strIdx[s]
	if !ok {
		i = len(w.strs)
		w.strs = append(w.strs, s)
		w.strIdx[s] = i
	}
	return i
}

// pos writes p as a file index (0: no position), line and column.
func (w *writer) pos(b *buf, p token.Pos) {
	if !p.IsValid() {
		b.idx(0)
		return
	}
	posn := w.fset.Position(p)
	if !posn.IsValid() {
		b.idx(0)
		return
	}
	i, ok := w.fileIdx[posn.Filename]
	if !ok {
		i = len(w.files)
		w.intern(posn.Filename)
		w.files = append(w.files, &fileLines{posn.Filename, make(map[int]int)})
		w.fileIdx[posn.Filename] = i
	}
	col := max(posn.Column, 1)
	fl := w.files[i]
	if fl.lines[posn.Line] < col {
		fl.lines[posn.Line] = col
	}
	b.idx(i + 1)
	b.idx(posn.Line)
	b.idx(col)
}

// pkgRef writes the package of an object that is not package-level.
func (w *writer) pkgRef(b *buf, p *types.Package) {
	switch p {
	case w.pkg:
		b.idx(pkgSelf)
	case nil:
		b.idx(pkgNil)
	default:
		b.idx(pkgPath)
		w.str(b, p.Path())
	}
}

func (w *writer) write() {
	scope := w.pkg.Scope()
	names := scope.Names()
	for i, name := range names {
		w.objIdx[scope.Lookup(name)] = i
	}
	b := buf{}
	w.str(&b, w.pkg.Path())
	w.str(&b, w.pkg.Name())
	b.idx(len(names))
	for _, name := range names {
		w.object(&b, scope.Lookup(name))
	}
	// Type parameters are declared last: a constraint may refer to its
	// own type parameter, and writing one may add others.
	var tb buf
	n := 0
	for ; n < len(w.tparams); n++ {
		tp := w.tparams[n]
		obj := tp.Obj()
		w.str(&tb, obj.Name())
		w.pos(&tb, obj.Pos())
		tb.idx(w.typ(tp.Constraint()))
	}
	for _, tp := range w.tparams {
		if !w.owned[tp] {
			fail("typesdata: type parameter %s of no declaration written", tp.Obj().Name())
		}
	}
	b.idx(n)
	b = append(b, tb...)
	w.body = b
}

// bytes lays out the encoding: the magic, the string table, the file
// table, the type table (offsets, then entries), the member table
// (likewise), then the body.
func (w *writer) bytes() []byte {
	out := buf(magic)
	out.idx(len(w.strs))
	for _, s := range w.strs {
		out.uint(uint64(len(s)))
		out = append(out, s...)
	}
	out.idx(len(w.files))
	for _, f := range w.files {
		out.idx(w.strIdx[f.name])
		lines := make([]int, 0, len(f.lines))
		for l := range f.lines {
			lines = append(lines, l)
		}
		slices.Sort(lines)
		out.idx(len(lines))
		prev := 0
		for _, l := range lines {
			out.idx(l - prev)
			out.idx(f.lines[l])
			prev = l
		}
	}
	out.idx(len(w.typeOffs))
	for _, off := range w.typeOffs {
		out.idx(off)
	}
	out.bytes(w.typeData)
	out.idx(len(w.memberOffs))
	for _, off := range w.memberOffs {
		out.idx(off)
	}
	out.bytes(w.memberData)
	out = append(out, w.body...)
	return out
}

func (w *writer) object(b *buf, obj types.Object) {
	switch obj := obj.(type) {
	case *types.Const:
		b.idx(objConst)
		w.str(b, obj.Name())
		w.pos(b, obj.Pos())
		b.idx(w.typ(obj.Type()))
		w.value(b, obj.Val())
	case *types.Var:
		b.idx(objVar)
		w.str(b, obj.Name())
		w.pos(b, obj.Pos())
		b.idx(w.typ(obj.Type()))
		b.idx(int(obj.Kind()))
	case *types.Func:
		b.idx(objFunc)
		w.str(b, obj.Name())
		w.pos(b, obj.Pos())
		b.idx(w.typ(obj.Type()))
	case *types.TypeName:
		switch t := obj.Type().(type) {
		case *types.Alias:
			b.idx(objAlias)
			w.str(b, obj.Name())
			w.pos(b, obj.Pos())
			w.tparamList(b, t.TypeParams())
			b.idx(w.typ(t.Rhs()))
		case *types.Named:
			b.idx(objNamed)
			w.str(b, obj.Name())
			w.pos(b, obj.Pos())
			w.tparamList(b, t.TypeParams())
			b.idx(w.typ(t.Underlying()))
			b.idx(t.NumMethods())
			for m := range t.Methods() {
				if m.Pkg() != w.pkg {
					fail("typesdata: method %s of %s is of package %v", m.Name(), obj.Name(), m.Pkg())
				}
				w.str(b, m.Name())
				w.pos(b, m.Pos())
				b.idx(w.typ(m.Type()))
			}
		default:
			fail("typesdata: type name %s has type %T", obj.Name(), t)
		}
	default:
		fail("typesdata: package-level object %s is a %T", obj.Name(), obj)
	}
}

func (w *writer) tparamList(b *buf, list *types.TypeParamList) {
	b.idx(list.Len())
	for tp := range list.TypeParams() {
		b.idx(w.tparam(tp))
		w.owned[tp] = true
	}
}

func (w *writer) tparam(tp *types.TypeParam) int {
	i, ok := w.tparamIdx[tp]
	if !ok {
		if tp.Obj().Pkg() != w.pkg {
			fail("typesdata: type parameter %s of package %v", tp.Obj().Name(), tp.Obj().Pkg())
		}
		i = len(w.tparams)
		w.tparams = append(w.tparams, tp)
		w.tparamIdx[tp] = i
	}
	return i
}

func (w *writer) value(b *buf, v constant.Value) {
	switch v.Kind() {
	case constant.Bool:
		b.idx(valBool)
		b.bool(constant.BoolVal(v))
	case constant.String:
		b.idx(valString)
		s := constant.StringVal(v)
		b.uint(uint64(len(s)))
		*b = append(*b, s...)
	case constant.Int:
		switch x := constant.Val(v).(type) {
		case int64:
			b.idx(valInt64)
			b.int(x)
		case *big.Int:
			b.idx(valBigInt)
			w.gob(b, x)
		default:
			fail("typesdata: int constant %s of representation %T", v, x)
		}
	case constant.Float:
		switch x := constant.Val(v).(type) {
		case *big.Rat:
			b.idx(valRat)
			w.gob(b, x)
		case *big.Float:
			b.idx(valFloat)
			w.gob(b, x)
		default:
			fail("typesdata: float constant %s of representation %T", v, x)
		}
	case constant.Complex:
		b.idx(valComplex)
		w.value(b, constant.Real(v))
		w.value(b, constant.Imag(v))
	default:
		b.idx(valUnknown)
	}
}

type gobber interface{ GobEncode() ([]byte, error) }

func (w *writer) gob(b *buf, x gobber) {
	data, err := x.GobEncode()
	if err != nil {
		fail("typesdata: %v", err)
	}
	b.bytes(data)
}

// typ returns the index of t's entry in the type table, adding it (and
// what it refers to first) if need be.
func (w *writer) typ(t types.Type) int {
	if i, ok := w.typeIdx[t]; ok {
		if i < 0 {
			fail("typesdata: type %s refers to itself", t)
		}
		return i
	}
	w.typeIdx[t] = -1
	e := w.entry(t, nil)
	i := len(w.typeOffs)
	w.typeOffs = append(w.typeOffs, len(w.typeData))
	w.typeData = append(w.typeData, e...)
	w.typeIdx[t] = i
	return i
}

// entry encodes t, whose children it adds to the table first. iface is
// the interface whose explicit method's signature t is, if it is one.
func (w *writer) entry(t types.Type, iface *types.Interface) buf {
	var b buf
	switch t := t.(type) {
	case *types.Interface:
		for _, name := range universeIfaces {
			if t == types.Universe.Lookup(name).Type().Underlying() {
				b.idx(tagUniverseUnder)
				w.str(&b, name)
				return b
			}
		}
	}
	switch t := t.(type) {
	case *types.Basic:
		switch {
		case t == types.Typ[t.Kind()]:
			b.idx(tagBasic)
			b.idx(int(t.Kind()))
		case types.Universe.Lookup(t.Name()) != nil && types.Universe.Lookup(t.Name()).Type() == t:
			b.idx(tagUniverse)
			w.str(&b, t.Name())
		default:
			fail("typesdata: unknown basic type %s", t)
		}
	case *types.Named:
		if t.Origin() != t {
			w.instance(&b, t.Origin(), t.TypeArgs())
		} else {
			w.typeName(&b, t.Obj())
		}
	case *types.Alias:
		if t.Origin() != t {
			w.instance(&b, t.Origin(), t.TypeArgs())
		} else {
			w.typeName(&b, t.Obj())
		}
	case *types.TypeParam:
		i := w.tparam(t)
		b.idx(tagTypeParam)
		b.idx(i)
	case *types.Pointer:
		elem := w.typ(t.Elem())
		b.idx(tagPointer)
		b.idx(elem)
	case *types.Slice:
		elem := w.typ(t.Elem())
		b.idx(tagSlice)
		b.idx(elem)
	case *types.Array:
		elem := w.typ(t.Elem())
		b.idx(tagArray)
		b.int(t.Len())
		b.idx(elem)
	case *types.Map:
		key, elem := w.typ(t.Key()), w.typ(t.Elem())
		b.idx(tagMap)
		b.idx(key)
		b.idx(elem)
	case *types.Chan:
		elem := w.typ(t.Elem())
		b.idx(tagChan)
		b.idx(int(t.Dir()))
		b.idx(elem)
	case *types.Signature:
		w.signature(&b, t, iface)
	case *types.Struct:
		fields := make([]int, t.NumFields())
		for i := range fields {
			fields[i] = w.member(t.Field(i), nil)
		}
		b.idx(tagStruct)
		b.idx(len(fields))
		for i, f := range fields {
			b.idx(f)
			tag := t.Tag(i)
			b.uint(uint64(len(tag)))
			b = append(b, tag...)
		}
	case *types.Interface:
		methods := make([]int, t.NumExplicitMethods())
		for i := range methods {
			methods[i] = w.member(t.ExplicitMethod(i), t)
		}
		embeddeds := make([]int, t.NumEmbeddeds())
		for i := range embeddeds {
			embeddeds[i] = w.typ(t.EmbeddedType(i))
		}
		b.idx(tagInterface)
		b.idx(len(methods))
		for _, m := range methods {
			b.idx(m)
		}
		b.idx(len(embeddeds))
		for _, e := range embeddeds {
			b.idx(e)
		}
		b.bool(t.IsImplicit())
	case *types.Union:
		var ub buf
		ub.idx(t.Len())
		for i := range t.Len() {
			term := t.Term(i)
			ub.bool(term.Tilde())
			ub.idx(w.typ(term.Type()))
		}
		b.idx(tagUnion)
		b = append(b, ub...)
	default:
		fail("typesdata: cannot encode type %s (%T)", t, t)
	}
	return b
}

func (w *writer) instance(b *buf, origin types.Type, targs *types.TypeList) {
	o := w.typ(origin)
	args := make([]int, targs.Len())
	for i := range args {
		args[i] = w.typ(targs.At(i))
	}
	b.idx(tagInstance)
	b.idx(o)
	b.idx(len(args))
	for _, a := range args {
		b.idx(a)
	}
}

// universeIfaces are the predeclared types whose underlying interfaces
// are written as such: types.TypeString prints any's as "any", and the
// others' methods are universe objects.
var universeIfaces = []string{"any", "error", "comparable"}

// member returns the index in the member table of obj, a field, an
// interface method or a variable of a signature, adding it (and what it
// refers to first) if need be. iface is the interface whose explicit
// method obj is, if it is one. Members have a table of their own as
// types do because they may be shared: a method value's signature has
// the method's parameters.
//
// Another package's member that has an object path there is written as
// a reference to it, so that it stays the same object as when
// type-checked from source (the field of a type defined on another
// package's struct type, the parameter of another package's function
// assigned to a variable).
func (w *writer) member(obj types.Object, iface *types.Interface) int {
	if i, ok := w.memberIdx[obj]; ok {
		if i < 0 {
			fail("typesdata: %s refers to itself", obj)
		}
		return i
	}
	w.memberIdx[obj] = -1
	var b buf
	if path := w.foreignPath(obj); path != "" {
		b.idx(memForeign)
		w.str(&b, obj.Pkg().Path())
		w.str(&b, path)
	} else {
		switch obj := obj.(type) {
		case *types.Var:
			typ := w.typ(obj.Type())
			b.idx(memVar)
			w.str(&b, obj.Name())
			w.pos(&b, obj.Pos())
			w.pkgRef(&b, obj.Pkg())
			b.idx(int(obj.Kind()))
			b.bool(obj.Embedded())
			b.idx(typ)
		case *types.Func:
			sig := obj.Signature()
			if iface != nil && sig.Recv() != nil && sig.Recv().Type() == iface {
				// The receiver's type is iface itself: the
				// signature cannot be an entry of the type table
				// before iface's.
				se := w.entry(sig, iface)
				b.idx(memIfaceMethod)
				w.str(&b, obj.Name())
				w.pos(&b, obj.Pos())
				w.pkgRef(&b, obj.Pkg())
				b = append(b, se...)
			} else {
				typ := w.typ(sig)
				b.idx(memFunc)
				w.str(&b, obj.Name())
				w.pos(&b, obj.Pos())
				w.pkgRef(&b, obj.Pkg())
				b.idx(typ)
			}
		default:
			fail("typesdata: member %s is a %T", obj.Name(), obj)
		}
	}
	i := len(w.memberOffs)
	w.memberOffs = append(w.memberOffs, len(w.memberData))
	w.memberData = append(w.memberData, b...)
	w.memberIdx[obj] = i
	return i
}

// foreignPath returns the object path of obj in its package if that is
// not the package written, or "".
func (w *writer) foreignPath(obj types.Object) string {
	p := obj.Pkg()
	if p == nil || p == w.pkg {
		return ""
	}
	path, ok := w.foreign[obj]
	if !ok {
		if op, err := w.enc.For(obj); err == nil {
			path = string(op)
		}
		w.foreign[obj] = path
	}
	return path
}

// typeName writes a reference to the type declared by tn.
func (w *writer) typeName(b *buf, tn *types.TypeName) {
	switch tn.Pkg() {
	case nil:
		if types.Universe.Lookup(tn.Name()) != tn {
			fail("typesdata: type %s of no package is not predeclared", tn.Name())
		}
		b.idx(tagUniverse)
		w.str(b, tn.Name())
	case w.pkg:
		i, ok := w.objIdx[tn]
		if !ok {
			fail("typesdata: type %s is not declared at package level", tn.Name())
		}
		b.idx(tagLocal)
		b.idx(i)
	default:
		path, err := w.enc.For(tn)
		if err != nil {
			fail("typesdata: type %s.%s: %v", tn.Pkg().Path(), tn.Name(), err)
		}
		b.idx(tagForeign)
		w.str(b, tn.Pkg().Path())
		w.str(b, string(path))
	}
}

// signature writes sig: its receiver (mode, then variable), receiver
// type parameters, type parameters, parameters, results and whether it
// is variadic. iface is the interface literal whose method sig is, if
// the receiver's type is that interface.
func (w *writer) signature(b *buf, sig *types.Signature, iface *types.Interface) {
	var sb buf
	switch recv := sig.Recv(); {
	case recv == nil:
		sb.idx(recvNone)
	case iface != nil:
		sb.idx(recvIface)
	default:
		sb.idx(recvVar)
		sb.idx(w.member(recv, nil))
	}
	w.tparamList(&sb, sig.RecvTypeParams())
	w.tparamList(&sb, sig.TypeParams())
	w.tuple(&sb, sig.Params())
	w.tuple(&sb, sig.Results())
	sb.bool(sig.Variadic())
	b.idx(tagSignature)
	*b = append(*b, sb...)
}

func (w *writer) tuple(b *buf, t *types.Tuple) {
	b.idx(t.Len())
	for v := range t.Variables() {
		b.idx(w.member(v, nil))
	}
}
