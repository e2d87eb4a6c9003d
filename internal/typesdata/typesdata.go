// Package typesdata encodes a type-checked *types.Package as shallow
// type data, and reads it back.
//
// The data declares only the package's own package-level objects: every
// object of its scope, exported or not (constants with their exact
// values, variables, functions, type names and aliases), and the methods
// of its named types. An object of another package is named by its
// package path and its objectpath.Path, and resolved on reading with
// objectpath.Object against the already complete packages the reader is
// given; the data of a package is therefore small and independent of
// the size of what it imports (export data as gcexportdata.Write writes
// it declares again every object of other packages the API reaches).
//
// What is kept is what a client of the package sees through go/types:
// the types, in the orders that object paths depend on (methods of a
// named type in declaration order, interface methods and embedded types,
// struct fields, parameters), and each object's position as a file
// name, line and column, recreated in the reader's token.FileSet in one
// fake token.File per file name and read. Not kept: the package's
// imports (see types.Package.SetImports), its Go version, and the
// identity of unnamed types shared with other packages (the underlying
// type of a named type defined on another package's type is declared
// again); their fields, methods and parameters stay the other package's
// objects where those have object paths there, and are declared again
// where not (such as the fields of an instance's expansion).
//
// Data can be written only for a package whose types name no type of
// another package that has no object path there (such as a type
// declared in a function body) and no type of its own that is not
// declared in its scope; Write reports an error for any other.
package typesdata

import (
	"errors"
	"fmt"
)

// magic starts every encoding; the digit is the format's version.
const magic = "ctxlint types 1\n"

// unsafeData is the encoding of package unsafe, which Read returns as
// types.Unsafe.
const unsafeData = magic + "unsafe"

// Tags of type entries.
const (
	tagBasic         = iota // kind
	tagUniverse             // name
	tagLocal                // object index
	tagForeign              // package path, object path
	tagPointer              // elem
	tagSlice                // elem
	tagArray                // length, elem
	tagMap                  // key, elem
	tagChan                 // dir, elem
	tagSignature            // see writer.signature
	tagStruct               // fields, tags
	tagInterface            // methods, embedded types, implicit
	tagUnion                // terms
	tagInstance             // origin, type arguments
	tagTypeParam            // type parameter index
	tagUniverseUnder        // name of a predeclared type whose underlying interface this is
)

// Tags of package-level objects.
const (
	objConst = iota
	objVar
	objFunc
	objNamed
	objAlias
)

// Tags of constant values.
const (
	valUnknown = iota
	valBool
	valString
	valInt64
	valBigInt
	valRat
	valFloat
	valComplex
)

// Tags of member entries.
const (
	memForeign     = iota // package path, object path
	memVar                // name, position, package, kind, embedded, type
	memFunc               // name, position, package, signature
	memIfaceMethod        // name, position, package, signature entry with receiver mode recvIface
)

// Receiver modes of a signature entry.
const (
	recvNone  = iota
	recvVar   // a member: the receiver variable
	recvIface // an interface method's receiver whose type is the interface literal itself
)

// Package references (of fields, methods and parameters).
const (
	pkgSelf = iota // the package being encoded
	pkgNil         // no package (universe objects)
	pkgPath        // followed by a path
)

// errFormat reports malformed data.
var errFormat = errors.New("malformed type data")

// failure is panicked with by the writer and reader, and recovered by
// Write and Read.
type failure struct{ err error }

func fail(format string, args ...any) {
	panic(failure{fmt.Errorf(format, args...)})
}
