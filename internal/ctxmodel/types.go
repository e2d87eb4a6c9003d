package ctxmodel

import (
	"go/ast"
	"go/token"
	"go/types"
)

// IsContext reports whether t is context.Context (through aliases).
func IsContext(t types.Type) bool {
	return isNamed(t, "context", "Context")
}

// IsCancelFunc reports whether t is context.CancelFunc or
// context.CancelCauseFunc (through aliases).
func IsCancelFunc(t types.Type) bool {
	return isNamed(t, "context", "CancelFunc") || isNamed(t, "context", "CancelCauseFunc")
}

// IsPlainFunc reports whether t's underlying type is func() with no
// parameters and no results: the shape a helper uses to hand out a
// cancel function without naming context.CancelFunc.
func IsPlainFunc(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := t.Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 0 && sig.Results().Len() == 0 && sig.Recv() == nil
}

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool {
	return t != nil && types.Identical(t, types.Universe.Lookup("error").Type())
}

// IsChan reports whether t's underlying type is a channel.
func IsChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

func isNamed(t types.Type, pkgPath, name string) bool {
	if t == nil {
		return false
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath && obj.Name() == name
}

// IsPkgFunc reports whether fn is the package-level function pkgPath.name.
func IsPkgFunc(fn *types.Func, pkgPath string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	if sig, ok := fn.Type().(*types.Signature); !ok || sig.Recv() != nil {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// IsMethodOf reports whether fn is a method named one of names on a type
// named typeName (pointer or not) declared in pkgPath.
func IsMethodOf(fn *types.Func, pkgPath, typeName string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != pkgPath {
		return false
	}
	recv := RecvNamed(fn)
	if recv == nil || recv.Obj().Name() != typeName {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// RecvNamed returns the named type of fn's receiver (dereferencing a
// pointer), or nil for functions and interface methods of unnamed types.
func RecvNamed(fn *types.Func) *types.Named {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, _ := t.(*types.Named)
	return named
}

// QualifiedName spells fn as pkg/path.Func or pkg/path.Type.Method, the
// form users write in flags.
func QualifiedName(fn *types.Func) string {
	if fn == nil {
		return ""
	}
	pkg := ""
	if fn.Pkg() != nil {
		pkg = fn.Pkg().Path() + "."
	}
	if recv := RecvNamed(fn); recv != nil {
		return pkg + recv.Obj().Name() + "." + fn.Name()
	}
	return pkg + fn.Name()
}

// Within reports whether pos lies inside the node n.
func Within(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }

// ComparedWithNil returns the operand that e, a comparison (== or !=),
// compares with nil, or nil when neither side is nil.
func ComparedWithNil(info *types.Info, e *ast.BinaryExpr) ast.Expr {
	if e.Op != token.EQL && e.Op != token.NEQ {
		return nil
	}
	switch {
	case info.Types[e.Y].IsNil():
		return e.X
	case info.Types[e.X].IsNil():
		return e.Y
	}
	return nil
}
