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
	"golang.org/x/tools/go/types/objectpath"

	"github.com/ctxlint/ctxlint/internal/typesdata"
)

// What the incremental engine stores per package, under the package's
// key (cachekey.go) in the cache namespace engineKind: what an importer
// needs of it, so that a later run need not type-check or analyze it.
//
//   - Its types, as shallow type data (package typesdata): the whole
//     scope, unexported objects included (ctxmodel's index of interface
//     implementations walks the scope of every package in the import
//     closure), with the methods of its named types; other packages'
//     objects are named by object path and resolved against the
//     packages of the import closure, which are read first. And the
//     paths of its imports in the order types.Package.Imports lists
//     them, which the index also reads.
//   - Its facts: for each analyzer with facts, the object facts an
//     importer may see (the checker's rule, see engineFacts) encoded
//     with gob, each object named by its objectpath, and its package
//     facts.
//
// engineKind names the entry's format: a new format takes a new name,
// so that entries of an older one are never decoded (the keys cover
// ctxlint's executable too). "engine" held gcexportdata's deep export
// data and an extra blob of unexported types.
const engineKind = "engine2"

// engineEntry is the gob-encoded value of an entry.
type engineEntry struct {
	Imports []string // import paths, in types.Package.Imports order
	// ImportMap maps the import paths of a cgo package that go list
	// without -compiled does not know to the IDs they load.
	ImportMap map[string]string
	Types     []byte // typesdata.Write's encoding
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

// exportTypes writes pkg's shallow type data (see package typesdata):
// its whole scope, unexported objects included, with other packages'
// objects named by object path.
func exportTypes(fset *token.FileSet, pkg *types.Package) ([]byte, error) {
	return typesdata.Write(fset, pkg)
}

// importTypes reads a package stored by exportTypes. imports maps the
// path of every package in its import closure to its types; it is not
// modified. e.Imports, the package's own import paths in Imports order,
// become its imports.
func importTypes(fset *token.FileSet, path string, e *engineEntry, imports map[string]*types.Package) (*types.Package, error) {
	pkg, err := typesdata.Read(fset, imports, path, e.Types)
	if err != nil {
		return nil, err
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

// decodeFacts decodes af against pkg, read from type data. It returns
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
