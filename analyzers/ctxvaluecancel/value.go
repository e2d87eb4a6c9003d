package ctxvaluecancel

import (
	"go/ast"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

const (
	msgStored    = "cancel function stored as a context value; derive a child context with context.WithCancel and pass that instead"
	msgRetrieved = "cancel function retrieved from a context value; cancel the context by cancelling its parent instead"
)

// checkWithValue implements rule 1: context.WithValue(parent, key, v) where
// v is, or is a struct holding, a cancel function.
func (c *checker) checkWithValue(call *ast.CallExpr) {
	if len(call.Args) != 3 || !ctxmodel.IsPkgFunc(c.model.CalleeFunc(call), "context", "WithValue") {
		return
	}
	if v := call.Args[2]; c.carriesCancel(v) {
		c.report(v, msgStored)
	}
}

// carriesCancel reports whether v is a cancel function, or a struct or
// pointer to a struct one of whose fields holds one that the struct does
// not own. A struct owns a cancel field that its own methods call (a
// server's Close cancels the server's context): putting such an object in
// a context shares the object, whose methods end its life, not its
// cancel. An unexported field of another package's struct is owned too:
// only that package's code can call it.
func (c *checker) carriesCancel(v ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(v)
	if t == nil {
		return false
	}
	if ctxmodel.IsCancelFunc(t) || ctxmodel.IsPlainFunc(t) && c.model.HoldsCancel(v) {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range st.NumFields() {
		if f := st.Field(i); c.isCancelField(f) && !c.ownedCancel(f) {
			return true
		}
	}
	return false
}

// ownedCancel reports whether the struct that declares f owns it: f is an
// unexported field of another package, or a method of this package calls
// it on its receiver's own struct.
func (c *checker) ownedCancel(f *types.Var) bool {
	f = f.Origin()
	if f.Pkg() != c.pass.Pkg {
		return !f.Exported()
	}
	if c.methodCalled == nil {
		c.methodCalled = c.fieldsCalledByOwnMethods()
	}
	return c.methodCalled[f]
}

// fieldsCalledByOwnMethods returns the fields that a method of the struct
// type declaring them calls.
func (c *checker) fieldsCalledByOwnMethods() map[*types.Var]bool {
	called := make(map[*types.Var]bool)
	for _, file := range c.pass.Files {
		for _, d := range file.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil {
				continue
			}
			own := c.receiverFields(fd)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.FieldVal {
						if f, ok := s.Obj().(*types.Var); ok && own[f.Origin()] {
							called[f.Origin()] = true
						}
					}
				}
				return true
			})
		}
	}
	return called
}

// receiverFields returns the direct fields of the struct type of fd's
// receiver.
func (c *checker) receiverFields(fd *ast.FuncDecl) map[*types.Var]bool {
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	named := ctxmodel.RecvNamed(fn)
	if named == nil {
		return nil
	}
	st, ok := named.Origin().Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	own := make(map[*types.Var]bool, st.NumFields())
	for i := range st.NumFields() {
		own[st.Field(i)] = true
	}
	return own
}

// isCancelField is Model.IsCancelField, remembered for the pass: the same
// struct types are put into many contexts.
func (c *checker) isCancelField(f *types.Var) bool {
	f = f.Origin()
	is, ok := c.cancelFields[f]
	if !ok {
		if c.cancelFields == nil {
			c.cancelFields = make(map[*types.Var]bool)
		}
		is = c.model.IsCancelField(f)
		c.cancelFields[f] = is
	}
	return is
}

// checkAssert implements rule 2 for x.(T).
func (c *checker) checkAssert(ta *ast.TypeAssertExpr) {
	if ta.Type == nil { // a type switch's guard: see checkTypeSwitch
		return
	}
	if c.isCancelType(ta.Type) && c.fromContextValue(ta.X, map[*types.Var]bool{}) {
		c.report(ta.Type, msgRetrieved)
	}
}

// checkTypeSwitch implements rule 2 for switch x.(type), reporting each
// case type that is a cancel function type.
func (c *checker) checkTypeSwitch(sw *ast.TypeSwitchStmt) {
	ta, ok := ast.Unparen(ctxmodel.StmtValue(sw.Assign)).(*ast.TypeAssertExpr)
	if !ok || !c.fromContextValue(ta.X, map[*types.Var]bool{}) {
		return
	}
	for _, st := range sw.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, t := range cc.List {
			if c.isCancelType(t) {
				c.report(t, msgRetrieved)
			}
		}
	}
}

// isCancelType reports whether the type expression t denotes
// context.CancelFunc, context.CancelCauseFunc or the literal type func().
// Named func() types are left alone: they say they are something else.
func (c *checker) isCancelType(t ast.Expr) bool {
	tv, ok := c.pass.TypesInfo.Types[t]
	if !ok || !tv.IsType() {
		return false
	}
	if ctxmodel.IsCancelFunc(tv.Type) {
		return true
	}
	_, unnamed := types.Unalias(tv.Type).(*types.Signature)
	return unnamed && ctxmodel.IsPlainFunc(tv.Type)
}

// fromContextValue reports whether x is the result of a context's Value
// method, directly or through local variables every assignment of which
// is one.
func (c *checker) fromContextValue(x ast.Expr, visiting map[*types.Var]bool) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.CallExpr:
		return c.isValueMethod(c.model.CalleeFunc(x))
	case *ast.Ident:
		v := c.model.VarOf(x)
		if v == nil || visiting[v] || c.model.IsParam(v) {
			return false
		}
		defs := c.model.Defs(v)
		if len(defs) == 0 {
			return false
		}
		visiting[v] = true
		for _, d := range defs {
			if d.Rhs == nil || d.Index >= 0 || !c.fromContextValue(d.Rhs, visiting) {
				return false
			}
		}
		return true
	}
	return false
}

// isValueMethod reports whether fn is the Value method of context.Context,
// or of a type that implements context.Context.
func (c *checker) isValueMethod(fn *types.Func) bool {
	if fn == nil || fn.Name() != "Value" {
		return false
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	recv := sig.Recv().Type()
	if ctxmodel.IsContext(recv) {
		return true
	}
	iface := c.contextInterface()
	return iface != nil && (types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface))
}

// contextInterface returns context.Context's interface if the package
// imports context, or nil.
func (c *checker) contextInterface() *types.Interface {
	for _, p := range c.pass.Pkg.Imports() {
		if p.Path() == "context" {
			if obj := p.Scope().Lookup("Context"); obj != nil {
				iface, _ := obj.Type().Underlying().(*types.Interface)
				return iface
			}
		}
	}
	return nil
}
