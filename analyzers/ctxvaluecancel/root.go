package ctxvaluecancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// managedRoot describes a struct type that keeps a cancel function in a
// field: the "cancel everything" root of the contexts it manages.
type managedRoot struct {
	cancelField  *types.Var          // the first cancel field, named in messages
	cancelFields map[*types.Var]bool // all of them
	// creations are the context.Background()/TODO() calls from which the
	// root itself is made (their cancel function is stored in a cancel
	// field): those are where the root must come from.
	creations map[*ast.CallExpr]bool
}

// managedRootOf returns the managed root that named (a receiver type)
// is, or nil. Computed once per type.
func (c *checker) managedRootOf(named *types.Named) *managedRoot {
	tn := named.Origin().Obj()
	if r, ok := c.rootTypes[tn]; ok {
		return r
	}
	if c.rootTypes == nil {
		c.rootTypes = make(map[*types.TypeName]*managedRoot)
	}
	var r *managedRoot
	if st, ok := named.Origin().Underlying().(*types.Struct); ok && tn.Pkg() == c.pass.Pkg {
		for i := range st.NumFields() {
			f := st.Field(i)
			if !c.isCancelField(f) {
				continue
			}
			if r == nil {
				r = &managedRoot{cancelField: f, cancelFields: make(map[*types.Var]bool), creations: make(map[*ast.CallExpr]bool)}
			}
			r.cancelFields[f] = true
			c.addCreations(r, f)
		}
	}
	c.rootTypes[tn] = r
	return r
}

// addCreations records the roots of the producers whose cancel function
// is stored into the cancel field f.
func (c *checker) addCreations(r *managedRoot, f *types.Var) {
	var producers []*ast.CallExpr
	for _, d := range c.model.FieldDefs(f) {
		producers = c.producersOf(d.Rhs, d.Index, producers, map[*types.Var]bool{})
	}
	for _, p := range producers {
		if len(p.Args) == 0 {
			continue
		}
		var roots []*ast.CallExpr
		if rootCalls(c.model.Origin(p.Args[0]), &roots) {
			for _, call := range roots {
				r.creations[call] = true
			}
		}
	}
}

// producersOf appends to out the cancel producer calls whose cancel
// function e (result index of a multi-valued e) is, following local
// variables and function literals that call a cancel function.
func (c *checker) producersOf(e ast.Expr, index int, out []*ast.CallExpr, visiting map[*types.Var]bool) []*ast.CallExpr {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if i, ok := c.model.CancelResult(e); ok && (index < 0 || i == index) {
			out = append(out, e)
		}
	case *ast.Ident:
		v := c.model.VarOf(e)
		if v == nil || visiting[v] {
			return out
		}
		visiting[v] = true
		for _, d := range c.model.Defs(v) {
			out = c.producersOf(d.Rhs, d.Index, out, visiting)
		}
	case *ast.FuncLit:
		for _, st := range e.Body.List {
			switch st := st.(type) {
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(st.X).(*ast.CallExpr); ok {
					out = c.producersOf(call.Fun, -1, out, visiting)
				}
			case *ast.DeferStmt:
				out = c.producersOf(st.Call.Fun, -1, out, visiting)
			}
		}
	}
	return out
}

// rootCalls appends to out the context.Background()/TODO() calls that o
// derives from, and reports whether every alternative of o derives from
// one (a context that may also come from a parameter or a field does not
// count).
func rootCalls(o *ctxmodel.Origin, out *[]*ast.CallExpr) bool {
	if o == nil {
		return false
	}
	switch o.Kind {
	case ctxmodel.Root:
		if o.Call == nil {
			return false
		}
		*out = append(*out, o.Call)
		return true
	case ctxmodel.Deadline, ctxmodel.Cancellable, ctxmodel.Detached:
		return rootCalls(o.Parent, out)
	case ctxmodel.Mixed:
		for _, a := range o.Alts {
			if !rootCalls(a, out) {
				return false
			}
		}
		return len(o.Alts) > 0
	}
	return false
}

// methodScan is what checkManagedMethod gathers from one method body.
type methodScan struct {
	roots       []*ast.CallExpr // Background()/TODO() calls
	sinks       []ast.Expr      // contexts handed out
	cancelsRoot bool            // the method calls a cancel field itself
}

// checkManagedMethod implements rule 4 for the method fd at cur.
func (c *checker) checkManagedMethod(cur inspector.Cursor, fd *ast.FuncDecl) {
	if fd.Recv == nil || fd.Body == nil {
		return
	}
	fn, _ := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return
	}
	named := ctxmodel.RecvNamed(fn)
	if named == nil {
		return
	}
	r := c.managedRootOf(named)
	if r == nil {
		return
	}
	scan := c.scanMethod(cur, named, r, c.recvVar(fd))
	// A method that cancels the root itself (a shutdown path) needs
	// contexts that outlive it, for draining and cleanup.
	if len(scan.roots) == 0 || scan.cancelsRoot {
		return
	}
	inMethod := make(map[*ast.CallExpr]bool, len(scan.roots))
	for _, call := range scan.roots {
		inMethod[call] = true
	}
	reported := make(map[*ast.CallExpr]bool)
	for _, sink := range scan.sinks {
		var roots []*ast.CallExpr
		if !rootCalls(c.model.Origin(sink), &roots) {
			continue
		}
		for _, call := range roots {
			if !inMethod[call] || r.creations[call] || reported[call] {
				continue
			}
			reported[call] = true
			c.report(call, fmt.Sprintf("contexts created by %s.%s derive from context.%s(), not from the context that %s.%s cancels, so cancelling it stops none of them",
				named.Obj().Name(), fd.Name.Name, c.model.CalleeFunc(call).Name(), named.Obj().Name(), r.cancelField.Name()))
		}
	}
}

// scanMethod walks a method body once, collecting its root-context calls,
// the contexts it hands out (returns, passes to callbacks, stores in the
// receiver type's fields), and whether it calls a cancel field.
func (c *checker) scanMethod(cur inspector.Cursor, recv *types.Named, r *managedRoot, recvVar *types.Var) methodScan {
	var s methodScan
	info := c.pass.TypesInfo
	isCtx := func(e ast.Expr) bool { return ctxmodel.IsContext(info.TypeOf(e)) }
	filter := []ast.Node{(*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil), (*ast.AssignStmt)(nil), (*ast.CompositeLit)(nil)}
	for n := range cur.Preorder(filter...) {
		switch node := n.Node().(type) {
		case *ast.CallExpr:
			if ctxmodel.IsPkgFunc(c.model.CalleeFunc(node), "context", "Background", "TODO") && !c.whereNoRoot(n, recvVar) {
				s.roots = append(s.roots, node)
			}
			if c.callsCancelField(node, r) {
				s.cancelsRoot = true
			}
			if c.isCallback(node) {
				for _, a := range node.Args {
					if isCtx(a) {
						s.sinks = append(s.sinks, a)
					}
				}
			}
		case *ast.ReturnStmt:
			for _, e := range node.Results {
				if isCtx(e) || firstResultIsContext(info.TypeOf(e)) {
					// return context.WithCancel(...): the origin of the
					// call is that of its first result.
					s.sinks = append(s.sinks, e)
				}
			}
		case *ast.AssignStmt:
			s.sinks = c.fieldStores(node, recv, s.sinks)
		case *ast.CompositeLit:
			if !c.litHandedOut(n, recv) {
				continue
			}
			for _, e := range node.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					e = kv.Value
				}
				if isCtx(e) {
					s.sinks = append(s.sinks, e)
				}
			}
		}
	}
	return s
}

// recvVar returns the receiver variable of the method fd, or nil.
func (c *checker) recvVar(fd *ast.FuncDecl) *types.Var {
	if fd.Recv == nil || len(fd.Recv.List) == 0 || len(fd.Recv.List[0].Names) == 0 {
		return nil
	}
	v, _ := c.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// whereNoRoot reports whether the call at cur runs only where the managed
// root does not exist: in the branch of a test that the receiver, or one
// of its fields, is nil (if m == nil { return context.Background() }). A
// nil or zero manager has no root to derive from.
func (c *checker) whereNoRoot(cur inspector.Cursor, recv *types.Var) bool {
	if recv == nil {
		return false
	}
	pos := cur.Node().Pos()
	for enc := range cur.Enclosing((*ast.IfStmt)(nil)) {
		is := enc.Node().(*ast.IfStmt)
		switch {
		case ctxmodel.Within(pos, is.Body):
			if c.testsNoRoot(is.Cond, true, recv) {
				return true
			}
		case is.Else != nil && ctxmodel.Within(pos, is.Else):
			if c.testsNoRoot(is.Cond, false, recv) {
				return true
			}
		}
	}
	return false
}

// testsNoRoot reports whether cond evaluating to outcome implies that the
// receiver recv, or a field of it, is nil.
func (c *checker) testsNoRoot(cond ast.Expr, outcome bool, recv *types.Var) bool {
	info := c.pass.TypesInfo
	return ctxmodel.CondImplies(cond, outcome, func(e ast.Expr, outcome bool) bool {
		cmp, ok := e.(*ast.BinaryExpr)
		if !ok {
			return false
		}
		other := ctxmodel.ComparedWithNil(info, cmp)
		return other != nil && outcome == (cmp.Op == token.EQL) && c.recvOrField(other, recv)
	})
}

// recvOrField reports whether e is recv or a field selected from it.
func (c *checker) recvOrField(e ast.Expr, recv *types.Var) bool {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if s, ok := c.pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.FieldVal {
			return false
		}
		e = sel.X
	}
	return c.model.VarOf(e) == recv
}

// fieldStores appends to sinks the contexts that as stores into the
// receiver type's fields (or into maps and slices held in them).
func (c *checker) fieldStores(as *ast.AssignStmt, recv *types.Named, sinks []ast.Expr) []ast.Expr {
	if as.Tok != token.ASSIGN {
		return sinks
	}
	for i, l := range as.Lhs {
		if !ctxmodel.IsContext(c.pass.TypesInfo.TypeOf(l)) || !c.isOwnField(l, recv) {
			continue
		}
		switch {
		case len(as.Lhs) == len(as.Rhs):
			sinks = append(sinks, as.Rhs[i])
		case i == 0 && len(as.Rhs) == 1:
			// s.ctx, s.cancel = context.WithCancel(...): the origin
			// of the call is that of its first result.
			sinks = append(sinks, as.Rhs[0])
		}
	}
	return sinks
}

// isOwnField reports whether e is a field of a value of type recv, or an
// element of a map or slice held in one: m.current, m.byName[id].
func (c *checker) isOwnField(e ast.Expr, recv *types.Named) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr:
		return c.isOwnField(e.X, recv)
	case *ast.SelectorExpr:
		s, ok := c.pass.TypesInfo.Selections[e]
		return ok && s.Kind() == types.FieldVal && sameNamed(s.Recv(), recv)
	}
	return false
}

// litHandedOut reports whether the composite literal at cur is a value of
// the receiver type, or is (possibly through &) returned, passed to a
// callback, or stored into the receiver type's fields.
func (c *checker) litHandedOut(cur inspector.Cursor, recv *types.Named) bool {
	if sameNamed(c.pass.TypesInfo.TypeOf(cur.Node().(ast.Expr)), recv) {
		return true
	}
	for {
		if u, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
			cur = cur.Parent()
			continue
		}
		break
	}
	k, i := cur.ParentEdge()
	switch parent := cur.Parent().Node().(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.CallExpr:
		return k == edge.CallExpr_Args && c.isCallback(parent)
	case *ast.AssignStmt:
		return k == edge.AssignStmt_Rhs && len(parent.Lhs) == len(parent.Rhs) && c.isOwnField(parent.Lhs[i], recv)
	}
	return false
}

// sameNamed reports whether t, or the type t points to, is an instance of
// the named type recv.
func sameNamed(t types.Type, recv *types.Named) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Origin() == recv.Origin()
}

// callsCancelField reports whether call calls one of r's cancel fields.
func (c *checker) callsCancelField(call *ast.CallExpr, r *managedRoot) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return false
	}
	f, _ := s.Obj().(*types.Var)
	return f != nil && r.cancelFields[f.Origin()]
}

// isCallback reports whether call calls a function value (a parameter,
// variable, field or element) rather than a declared function or method.
func (c *checker) isCallback(call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	if _, lit := fun.(*ast.FuncLit); lit {
		return false
	}
	switch c.model.Callee(call).(type) {
	case *types.Var:
		return true
	case nil:
		tv, ok := c.pass.TypesInfo.Types[fun]
		if !ok || tv.IsType() || tv.IsBuiltin() || tv.Type == nil {
			return false
		}
		_, isSig := tv.Type.Underlying().(*types.Signature)
		return isSig
	}
	return false
}

func firstResultIsContext(t types.Type) bool {
	tuple, ok := t.(*types.Tuple)
	return ok && tuple.Len() > 0 && ctxmodel.IsContext(tuple.At(0).Type())
}
