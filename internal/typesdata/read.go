package typesdata

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"math/big"

	"golang.org/x/tools/go/types/objectpath"
)

// Read decodes the type data of the package with the given path,
// written by Write, into a new package, complete and safe for concurrent
// use. imports maps the path of every package in its import closure to
// that package, complete; it is not modified. Positions are recreated in
// fset (one new token.File for each file name); Read may be called
// concurrently with the same fset.
//
// The package's imports are not set; see types.Package.SetImports.
func Read(fset *token.FileSet, imports map[string]*types.Package, path string, data []byte) (pkg *types.Package, err error) {
	if string(data) == unsafeData {
		if path != "unsafe" {
			return nil, fmt.Errorf("typesdata: data of package unsafe read as %s", path)
		}
		return types.Unsafe, nil
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, fmt.Errorf("typesdata: not type data (or of another version)")
	}
	r := &reader{fset: fset, imports: imports}
	defer func() {
		if x := recover(); x != nil {
			if f, ok := x.(failure); ok {
				err = f.err
			} else {
				// go/types panics on inconsistent input; the data
				// must be corrupt.
				err = fmt.Errorf("%w: %v", errFormat, x)
			}
			pkg = nil
		}
	}()
	r.read(path, data[len(magic):])
	return r.pkg, nil
}

type reader struct {
	fset    *token.FileSet
	imports map[string]*types.Package
	pkg     *types.Package

	strs     []string
	files    []*token.File
	typeOffs []int
	typeData []byte
	typs     []types.Type

	memberOffs []int
	memberData []byte
	members    []types.Object

	tparams []tparamRec
	tps     []*types.TypeParam

	objs   []objRec
	aliasy []int8 // of each object: 1 while its alias is being read

	ifaces []*types.Interface // to complete
}

type tparamRec struct {
	name       string
	pos        token.Pos
	constraint int
}

type objRec struct {
	tag  int
	name string
	pos  token.Pos
	typ  int // type, underlying (named) or right-hand side (alias)
	val  constant.Value
	kind types.VarKind
	tps  []int
	meth []methodRec
	obj  types.Object
}

type methodRec struct {
	name string
	pos  token.Pos
	sig  int
}

// dec reads data from off.
type dec struct {
	r    *reader
	data []byte
	off  int
}

func (d *dec) uint() uint64 {
	x, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		panic(failure{errFormat})
	}
	d.off += n
	return x
}

func (d *dec) int() int64 {
	x, n := binary.Varint(d.data[d.off:])
	if n <= 0 {
		panic(failure{errFormat})
	}
	d.off += n
	return x
}

func (d *dec) idx() int {
	x := d.uint()
	if x > uint64(len(d.data))*8+1<<20 {
		panic(failure{errFormat})
	}
	return int(x)
}

func (d *dec) bool() bool {
	if d.off >= len(d.data) {
		panic(failure{errFormat})
	}
	b := d.data[d.off]
	d.off++
	return b != 0
}

func (d *dec) bytes() []byte {
	n := d.idx()
	if d.off+n > len(d.data) {
		panic(failure{errFormat})
	}
	b := d.data[d.off : d.off+n]
	d.off += n
	return b
}

func (d *dec) rawString() string { return string(d.bytes()) }

func (d *dec) str() string {
	i := d.idx()
	if i >= len(d.r.strs) {
		panic(failure{errFormat})
	}
	return d.r.strs[i]
}

func (d *dec) pos() token.Pos {
	f := d.idx()
	if f == 0 {
		return token.NoPos
	}
	if f > len(d.r.files) {
		panic(failure{errFormat})
	}
	line, col := d.idx(), d.idx()
	file := d.r.files[f-1]
	if line < 1 || line > file.LineCount() {
		panic(failure{errFormat})
	}
	return file.LineStart(line) + token.Pos(col-1)
}

func (d *dec) pkgRef() *types.Package {
	switch d.idx() {
	case pkgSelf:
		return d.r.pkg
	case pkgNil:
		return nil
	case pkgPath:
		path := d.str()
		p := d.r.imports[path]
		if p == nil {
			fail("typesdata: package %s not imported", path)
		}
		return p
	}
	panic(failure{errFormat})
}

func (r *reader) read(path string, data []byte) {
	d := &dec{r: r, data: data}
	r.strs = make([]string, d.idx())
	for i := range r.strs {
		r.strs[i] = d.rawString()
	}
	r.files = make([]*token.File, d.idx())
	for i := range r.files {
		r.files[i] = r.fakeFile(d)
	}
	r.typeOffs = make([]int, d.idx())
	for i := range r.typeOffs {
		r.typeOffs[i] = d.idx()
	}
	r.typeData = d.bytes()
	r.typs = make([]types.Type, len(r.typeOffs))
	r.memberOffs = make([]int, d.idx())
	for i := range r.memberOffs {
		r.memberOffs[i] = d.idx()
	}
	r.memberData = d.bytes()
	r.members = make([]types.Object, len(r.memberOffs))

	if got := d.str(); got != path {
		fail("typesdata: data of package %s read as %s", got, path)
	}
	r.pkg = types.NewPackage(path, d.str())
	r.objs = make([]objRec, d.idx())
	r.aliasy = make([]int8, len(r.objs))
	for i := range r.objs {
		r.objs[i] = r.objRec(d)
	}
	r.tparams = make([]tparamRec, d.idx())
	for i := range r.tparams {
		r.tparams[i] = tparamRec{d.str(), d.pos(), d.idx()}
	}
	r.tps = make([]*types.TypeParam, len(r.tparams))
	if d.off != len(data) {
		panic(failure{errFormat})
	}

	// Named types first, with their type parameters, so that any type
	// may refer to them (or instantiate them).
	for i := range r.objs {
		o := &r.objs[i]
		if o.tag == objNamed {
			tn := types.NewTypeName(o.pos, r.pkg, o.name, nil)
			named := types.NewNamed(tn, nil, nil)
			if len(o.tps) > 0 {
				named.SetTypeParams(r.tparamList(o.tps))
			}
			o.obj = tn
		}
	}
	for i := range r.objs {
		if r.objs[i].tag == objAlias {
			r.alias(i)
		}
	}
	for i := range r.objs {
		o := &r.objs[i]
		if o.tag != objNamed {
			continue
		}
		named := o.obj.Type().(*types.Named)
		under := r.typ(o.typ)
		if _, ok := under.(*types.Named); ok {
			panic(failure{errFormat})
		}
		named.SetUnderlying(under)
		for _, m := range o.meth {
			sig, ok := r.typ(m.sig).(*types.Signature)
			if !ok || sig.Recv() == nil {
				panic(failure{errFormat})
			}
			named.AddMethod(types.NewFunc(m.pos, r.pkg, m.name, sig))
		}
		if named.NumMethods() != len(o.meth) {
			fail("typesdata: duplicate method of %s", o.name)
		}
	}
	scope := r.pkg.Scope()
	for i := range r.objs {
		o := &r.objs[i]
		switch o.tag {
		case objConst:
			o.obj = types.NewConst(o.pos, r.pkg, o.name, r.typ(o.typ), o.val)
		case objVar:
			v := types.NewVar(o.pos, r.pkg, o.name, r.typ(o.typ))
			v.SetKind(o.kind)
			o.obj = v
		case objFunc:
			sig, ok := r.typ(o.typ).(*types.Signature)
			if !ok {
				panic(failure{errFormat})
			}
			o.obj = types.NewFunc(o.pos, r.pkg, o.name, sig)
		}
		if scope.Insert(o.obj) != nil {
			fail("typesdata: %s declared twice", o.name)
		}
	}
	// Constraints last: setting one reads its underlying type.
	for i, tp := range r.tps {
		if tp == nil {
			fail("typesdata: type parameter %s not declared", r.tparams[i].name)
		}
		tp.SetConstraint(r.typ(r.tparams[i].constraint))
	}
	for _, t := range r.ifaces {
		t.Complete()
	}
	r.pkg.MarkComplete()
}

// fakeFile reads a file table entry (a name and the largest column used
// on each line used) and adds to fset a file of that name whose lines
// are just long enough.
func (r *reader) fakeFile(d *dec) *token.File {
	name := d.str()
	n := d.idx()
	var lens []int // lens[i]: length of line i+1
	line := 0
	for range n {
		line += d.idx()
		col := d.idx()
		if line <= len(lens) || col < 1 || line > 1<<24 {
			panic(failure{errFormat})
		}
		for len(lens) < line-1 {
			lens = append(lens, 1)
		}
		lens = append(lens, col)
	}
	if len(lens) == 0 {
		lens = append(lens, 1)
	}
	offs := make([]int, len(lens))
	size := 0
	for i, l := range lens {
		offs[i] = size
		size += l
	}
	f := r.fset.AddFile(name, -1, size)
	if !f.SetLines(offs) {
		panic(failure{errFormat})
	}
	return f
}

func (r *reader) objRec(d *dec) objRec {
	o := objRec{tag: d.idx(), name: d.str(), pos: d.pos()}
	switch o.tag {
	case objConst:
		o.typ = d.idx()
		o.val = r.value(d)
	case objVar:
		o.typ = d.idx()
		o.kind = types.VarKind(d.idx())
	case objFunc:
		o.typ = d.idx()
	case objAlias:
		o.tps = r.idxList(d)
		o.typ = d.idx()
	case objNamed:
		o.tps = r.idxList(d)
		o.typ = d.idx()
		o.meth = make([]methodRec, d.idx())
		for i := range o.meth {
			o.meth[i] = methodRec{d.str(), d.pos(), d.idx()}
		}
	default:
		panic(failure{errFormat})
	}
	return o
}

func (r *reader) idxList(d *dec) []int {
	n := d.idx()
	if n == 0 {
		return nil
	}
	list := make([]int, n)
	for i := range list {
		list[i] = d.idx()
	}
	return list
}

func (r *reader) value(d *dec) constant.Value {
	switch d.idx() {
	case valUnknown:
		return constant.MakeUnknown()
	case valBool:
		return constant.MakeBool(d.bool())
	case valString:
		return constant.MakeString(d.rawString())
	case valInt64:
		return constant.MakeInt64(d.int())
	case valBigInt:
		x := new(big.Int)
		if err := x.GobDecode(d.bytes()); err != nil {
			panic(failure{errFormat})
		}
		return constant.Make(x)
	case valRat:
		x := new(big.Rat)
		if err := x.GobDecode(d.bytes()); err != nil {
			panic(failure{errFormat})
		}
		return constant.Make(x)
	case valFloat:
		x := new(big.Float)
		if err := x.GobDecode(d.bytes()); err != nil {
			panic(failure{errFormat})
		}
		return constant.Make(x)
	case valComplex:
		re := r.value(d)
		im := r.value(d)
		return constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
	}
	panic(failure{errFormat})
}

// alias returns the alias declared by object i, reading it first if
// need be.
func (r *reader) alias(i int) types.Type {
	o := &r.objs[i]
	if o.obj != nil {
		return o.obj.Type()
	}
	if r.aliasy[i] != 0 {
		fail("typesdata: alias %s refers to itself", o.name)
	}
	r.aliasy[i] = 1
	tn := types.NewTypeName(o.pos, r.pkg, o.name, nil)
	var tps []*types.TypeParam
	if len(o.tps) > 0 {
		tps = r.tparamList(o.tps)
	}
	a := types.NewAlias(tn, r.typ(o.typ))
	if len(tps) > 0 {
		a.SetTypeParams(tps)
	}
	o.obj = tn
	return a
}

// tparam returns type parameter i, unbound and without its constraint
// until the end of reading.
func (r *reader) tparam(i int) *types.TypeParam {
	if i >= len(r.tps) {
		panic(failure{errFormat})
	}
	if r.tps[i] == nil {
		rec := r.tparams[i]
		r.tps[i] = types.NewTypeParam(types.NewTypeName(rec.pos, r.pkg, rec.name, nil), nil)
	}
	return r.tps[i]
}

func (r *reader) tparamList(list []int) []*types.TypeParam {
	if len(list) == 0 {
		return nil
	}
	tps := make([]*types.TypeParam, len(list))
	for i, j := range list {
		tps[i] = r.tparam(j)
	}
	return tps
}

// typ returns the type of entry i.
func (r *reader) typ(i int) types.Type {
	if i >= len(r.typs) {
		panic(failure{errFormat})
	}
	if t := r.typs[i]; t != nil {
		return t
	}
	off := r.typeOffs[i]
	if off >= len(r.typeData) {
		panic(failure{errFormat})
	}
	t := r.entry(&dec{r: r, data: r.typeData, off: off})
	r.typs[i] = t
	return t
}

func (r *reader) entry(d *dec) types.Type {
	switch tag := d.idx(); tag {
	case tagBasic:
		k := types.BasicKind(d.idx())
		if int(k) >= len(types.Typ) {
			panic(failure{errFormat})
		}
		return types.Typ[k]
	case tagUniverse:
		obj, ok := types.Universe.Lookup(d.str()).(*types.TypeName)
		if !ok {
			panic(failure{errFormat})
		}
		return obj.Type()
	case tagLocal:
		i := d.idx()
		if i >= len(r.objs) {
			panic(failure{errFormat})
		}
		switch r.objs[i].tag {
		case objNamed:
			return r.objs[i].obj.Type()
		case objAlias:
			return r.alias(i)
		}
		panic(failure{errFormat})
	case tagForeign:
		path, opath := d.str(), d.str()
		p := r.imports[path]
		if p == nil {
			fail("typesdata: package %s not imported", path)
		}
		obj, err := objectpath.Object(p, objectpath.Path(opath))
		if err != nil {
			fail("typesdata: %s: %v", path, err)
		}
		tn, ok := obj.(*types.TypeName)
		if !ok {
			fail("typesdata: %s.%s is not a type", path, opath)
		}
		return tn.Type()
	case tagPointer:
		return types.NewPointer(r.typ(d.idx()))
	case tagSlice:
		return types.NewSlice(r.typ(d.idx()))
	case tagArray:
		n := d.int()
		return types.NewArray(r.typ(d.idx()), n)
	case tagMap:
		k := r.typ(d.idx())
		return types.NewMap(k, r.typ(d.idx()))
	case tagChan:
		dir := types.ChanDir(d.idx())
		return types.NewChan(dir, r.typ(d.idx()))
	case tagSignature:
		return r.signature(d)
	case tagStruct:
		fields := make([]*types.Var, d.idx())
		var tags []string
		for i := range fields {
			fields[i] = memberOf[*types.Var](r, d.idx())
			if tag := d.rawString(); tag != "" {
				if tags == nil {
					tags = make([]string, len(fields))
				}
				tags[i] = tag
			}
		}
		return types.NewStruct(fields, tags)
	case tagInterface:
		methods := make([]*types.Func, d.idx())
		for i := range methods {
			methods[i] = memberOf[*types.Func](r, d.idx())
		}
		embeddeds := make([]types.Type, d.idx())
		for i := range embeddeds {
			embeddeds[i] = r.typ(d.idx())
		}
		implicit := d.bool()
		if len(methods) == 0 && len(embeddeds) == 0 {
			if implicit {
				panic(failure{errFormat})
			}
			return types.NewInterfaceType(nil, nil)
		}
		t := types.NewInterfaceType(methods, embeddeds)
		if implicit {
			t.MarkImplicit()
		}
		r.ifaces = append(r.ifaces, t)
		return t
	case tagUnion:
		terms := make([]*types.Term, d.idx())
		if len(terms) == 0 {
			panic(failure{errFormat})
		}
		for i := range terms {
			tilde := d.bool()
			terms[i] = types.NewTerm(tilde, r.typ(d.idx()))
		}
		return types.NewUnion(terms)
	case tagInstance:
		origin := r.typ(d.idx())
		targs := make([]types.Type, d.idx())
		if len(targs) == 0 {
			panic(failure{errFormat})
		}
		for i := range targs {
			targs[i] = r.typ(d.idx())
		}
		t, err := types.Instantiate(nil, origin, targs, false)
		if err != nil {
			fail("typesdata: instantiating %s: %v", origin, err)
		}
		return t
	case tagTypeParam:
		return r.tparam(d.idx())
	case tagUniverseUnder:
		obj, ok := types.Universe.Lookup(d.str()).(*types.TypeName)
		if !ok {
			panic(failure{errFormat})
		}
		return obj.Type().Underlying()
	default:
		fail("typesdata: unknown type tag %d", tag)
	}
	panic("unreachable")
}

// memberOf returns member i, which must be a T.
func memberOf[T types.Object](r *reader, i int) T {
	t, ok := r.member(i).(T)
	if !ok {
		panic(failure{errFormat})
	}
	return t
}

// member returns the object of member entry i.
func (r *reader) member(i int) types.Object {
	if i >= len(r.members) {
		panic(failure{errFormat})
	}
	if obj := r.members[i]; obj != nil {
		return obj
	}
	off := r.memberOffs[i]
	if off >= len(r.memberData) {
		panic(failure{errFormat})
	}
	d := &dec{r: r, data: r.memberData, off: off}
	var obj types.Object
	switch d.idx() {
	case memForeign:
		path, opath := d.str(), d.str()
		p := r.imports[path]
		if p == nil {
			fail("typesdata: package %s not imported", path)
		}
		o, err := objectpath.Object(p, objectpath.Path(opath))
		if err != nil {
			fail("typesdata: %s: %v", path, err)
		}
		obj = o
	case memVar:
		name, pos, pkg := d.str(), d.pos(), d.pkgRef()
		kind := types.VarKind(d.idx())
		embedded := d.bool()
		typ := r.typ(d.idx())
		if kind == types.FieldVar {
			obj = types.NewField(pos, pkg, name, typ, embedded)
		} else {
			v := types.NewParam(pos, pkg, name, typ)
			v.SetKind(kind)
			obj = v
		}
	case memFunc:
		name, pos, pkg := d.str(), d.pos(), d.pkgRef()
		sig, ok := r.typ(d.idx()).(*types.Signature)
		if !ok {
			panic(failure{errFormat})
		}
		obj = types.NewFunc(pos, pkg, name, sig)
	case memIfaceMethod:
		name, pos, pkg := d.str(), d.pos(), d.pkgRef()
		if d.idx() != tagSignature {
			panic(failure{errFormat})
		}
		obj = types.NewFunc(pos, pkg, name, r.signature(d))
	default:
		panic(failure{errFormat})
	}
	r.members[i] = obj
	return obj
}

// signature reads a signature entry after its tag. An interface
// method's receiver (mode recvIface) is left for NewInterfaceType to set.
func (r *reader) signature(d *dec) *types.Signature {
	var recv *types.Var
	switch d.idx() {
	case recvNone, recvIface:
	case recvVar:
		recv = memberOf[*types.Var](r, d.idx())
	default:
		panic(failure{errFormat})
	}
	rtps := r.tparamList(r.idxList(d))
	tps := r.tparamList(r.idxList(d))
	params := r.tuple(d)
	results := r.tuple(d)
	variadic := d.bool()
	return types.NewSignatureType(recv, rtps, tps, params, results, variadic)
}

func (r *reader) tuple(d *dec) *types.Tuple {
	n := d.idx()
	if n == 0 {
		return nil
	}
	vars := make([]*types.Var, n)
	for i := range vars {
		vars[i] = memberOf[*types.Var](r, d.idx())
	}
	return types.NewTuple(vars...)
}
