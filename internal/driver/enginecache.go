package driver

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/types/objectpath"
)

// What the incremental engine stores per package, under the package's
// key (cachekey.go) in the cache namespace engineKind: what an importer
// needs of it, so that a later run need not type-check or analyze it.
//
//   - Its types, as export data (gcexportdata). Export data holds the
//     exported API and what it reaches; an importer analyzed from source
//     sees more: ctxmodel's index of interface implementations walks
//     the scope of every package in the import closure, unexported types
//     included, and the packages each one imports. So the entry also
//     holds, as a second export-data blob, the package's unexported types
//     that index needs and the first one lacks (written as the exported aliases of
//     a synthetic package, which declares them in the package's scope
//     when read), and the paths of its imports in the order
//     types.Package.Imports lists them.
//   - Its facts: for each analyzer with facts, the object facts an
//     importer may see (the checker's rule, see engineFacts) encoded
//     with gob, each object named by its objectpath, and its package
//     facts.
const engineKind = "engine"

// engineEntry is the gob-encoded value of an entry.
type engineEntry struct {
	Imports []string // import paths, in types.Package.Imports order
	// ImportMap maps the import paths of a cgo package that go list
	// without -compiled does not know to the IDs they load.
	ImportMap map[string]string
	Export    []byte
	Extra     []byte // the unexported type names Export lacks; empty if none
	Facts     []analyzerFacts
}

// analyzerFacts are one analyzer's facts on one package. Data is one
// gob stream holding, in order, the fact of each object of Objects, then
// of each element of Packages (indices into the analyzer's FactTypes).
type analyzerFacts struct {
	Analyzer string
	Objects  []objectFactRecord
	Packages []int
	Data     []byte
}

type objectFactRecord struct {
	Path objectpath.Path
	Type int // index into the analyzer's FactTypes
}

// importsContext reports whether pkg is context or imports it. The
// extra blob holds only what ctxmodel's index of implementations reads
// of a dependency's scope (see buildImplIndex there): the non-generic,
// non-interface named types with methods of the packages that import
// context. Writing every unexported type name would write much of the
// API a second time (export data includes what it reaches).
func importsContext(pkg *types.Package) bool {
	if pkg.Path() == "context" {
		return true
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == "context" {
			return true
		}
	}
	return false
}

// extraSuffix makes the path of the synthetic package that carries a
// package's unexported type names; no import path contains a space.
const extraSuffix = " (ctxlint unexported types)"

// exportTypes writes pkg's export data, and the extra blob of its
// unexported type names that export data leaves out.
func exportTypes(fset *token.FileSet, pkg *types.Package) (export, extra []byte, err error) {
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, fset, pkg); err != nil {
		return nil, nil, err
	}
	export = buf.Bytes()
	if !importsContext(pkg) {
		return export, nil, nil
	}
	scope := pkg.Scope()
	var hidden []*types.TypeName
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.Exported() || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || types.IsInterface(named) || named.TypeParams().Len() > 0 || named.NumMethods() == 0 {
			continue
		}
		hidden = append(hidden, tn)
	}
	if len(hidden) == 0 {
		return export, nil, nil
	}
	carrier := types.NewPackage(pkg.Path()+extraSuffix, "ctxlintextra")
	for i, tn := range hidden {
		alias := types.NewTypeName(token.NoPos, carrier, fmt.Sprintf("T%d", i), nil)
		types.NewAlias(alias, tn.Type())
		carrier.Scope().Insert(alias)
	}
	carrier.MarkComplete()
	buf = bytes.Buffer{}
	if err := gcexportdata.Write(&buf, fset, carrier); err != nil {
		return nil, nil, err
	}
	return export, buf.Bytes(), nil
}

// importTypes reads a package stored by exportTypes. imports maps the
// path of every package in its import closure to its types; it is
// updated with nothing but the packages read. importOrder is the
// package's own import paths in Imports order.
func importTypes(fset *token.FileSet, path string, e *engineEntry, imports map[string]*types.Package) (*types.Package, error) {
	pkg, err := gcexportdata.Read(bytes.NewReader(e.Export), fset, imports, path)
	if err != nil {
		return nil, err
	}
	if len(e.Extra) > 0 {
		imports[path] = pkg
		carrierPath := path + extraSuffix
		_, err := gcexportdata.Read(bytes.NewReader(e.Extra), fset, imports, carrierPath)
		delete(imports, carrierPath)
		if err != nil {
			return nil, fmt.Errorf("unexported types: %v", err)
		}
	}
	var direct []*types.Package
	for _, imp := range e.Imports {
		if imp == "unsafe" {
			direct = append(direct, types.Unsafe)
			continue
		}
		dep, ok := imports[imp]
		if !ok {
			return nil, fmt.Errorf("import %s: not loaded", imp)
		}
		direct = append(direct, dep)
	}
	pkg.SetImports(direct)
	return pkg, nil
}

// encodeFacts encodes one analyzer's facts on pkg: the object facts of
// facts whose object has a path (an importer cannot name the others),
// and the package facts.
func encodeFacts(a *analysis.Analyzer, pkg *types.Package, facts map[objectFactKey]analysis.Fact, pkgFacts map[reflect.Type]analysis.Fact) (analyzerFacts, int, error) {
	af := analyzerFacts{Analyzer: a.Name}
	typeIndex := make(map[reflect.Type]int)
	for i, f := range a.FactTypes {
		typeIndex[reflect.TypeOf(f)] = i
	}
	type item struct {
		rec  objectFactRecord
		fact analysis.Fact
	}
	var items []item
	var enc objectpath.Encoder
	skipped := 0
	for key, fact := range facts {
		path, err := enc.For(key.obj)
		if err != nil {
			skipped++
			continue
		}
		items = append(items, item{objectFactRecord{path, typeIndex[key.typ]}, fact})
	}
	slices.SortFunc(items, func(x, y item) int {
		if x.rec.Path != y.rec.Path {
			if x.rec.Path < y.rec.Path {
				return -1
			}
			return 1
		}
		return x.rec.Type - y.rec.Type
	})
	var data bytes.Buffer
	genc := gob.NewEncoder(&data)
	for _, it := range items {
		af.Objects = append(af.Objects, it.rec)
		if err := genc.Encode(it.fact); err != nil {
			return af, 0, fmt.Errorf("encoding %T fact: %v", it.fact, err)
		}
	}
	var ptypes []reflect.Type
	for t := range pkgFacts {
		ptypes = append(ptypes, t)
	}
	slices.SortFunc(ptypes, func(x, y reflect.Type) int { return typeIndex[x] - typeIndex[y] })
	for _, t := range ptypes {
		af.Packages = append(af.Packages, typeIndex[t])
		if err := genc.Encode(pkgFacts[t]); err != nil {
			return af, 0, fmt.Errorf("encoding %T fact: %v", pkgFacts[t], err)
		}
	}
	af.Data = data.Bytes()
	return af, skipped, nil
}

// decodeFacts decodes af against pkg, read from export data. It returns
// how many object facts named objects pkg lacks.
func decodeFacts(a *analysis.Analyzer, af analyzerFacts, pkg *types.Package) (map[objectFactKey]analysis.Fact, map[reflect.Type]analysis.Fact, int, error) {
	facts := make(map[objectFactKey]analysis.Fact, len(af.Objects))
	pkgFacts := make(map[reflect.Type]analysis.Fact)
	dec := gob.NewDecoder(bytes.NewReader(af.Data))
	next := func(i int) (analysis.Fact, error) {
		if i < 0 || i >= len(a.FactTypes) {
			return nil, fmt.Errorf("fact type %d of %s out of range", i, a.Name)
		}
		f := reflect.New(reflect.TypeOf(a.FactTypes[i]).Elem()).Interface().(analysis.Fact)
		return f, dec.Decode(f)
	}
	missing := 0
	for _, rec := range af.Objects {
		f, err := next(rec.Type)
		if err != nil {
			return nil, nil, 0, err
		}
		obj, err := objectpath.Object(pkg, rec.Path)
		if err != nil {
			missing++
			continue
		}
		facts[objectFactKey{obj, reflect.TypeOf(f)}] = f
	}
	for _, i := range af.Packages {
		f, err := next(i)
		if err != nil {
			return nil, nil, 0, err
		}
		pkgFacts[reflect.TypeOf(f)] = f
	}
	return facts, pkgFacts, missing, nil
}

func encodeEntry(e *engineEntry) ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(e)
	return buf.Bytes(), err
}

func decodeEntry(data []byte) (*engineEntry, error) {
	e := new(engineEntry)
	err := gob.NewDecoder(bytes.NewReader(data)).Decode(e)
	return e, err
}

// objectFactKey identifies an object fact, as in the checker.
type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}
