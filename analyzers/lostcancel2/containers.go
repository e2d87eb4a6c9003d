package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// A containerStore is a cancel function put into a map or slice.
type containerStore struct {
	node ast.Node // the indexed target, or the append call
	text string   // how the message names the destination
	verb string   // "stored in" or "appended to"
}

// An elementRead is a read of m[k] whose value is not thrown away.
type elementRead struct {
	key ast.Expr
	pos token.Pos
}

// A rangeRead is a range over the container that binds its values.
type rangeRead struct {
	key  types.Object // the key variable, or nil
	loop *ast.RangeStmt
}

// containerUses is what the package does with one map or slice.
type containerUses struct {
	stores []containerStore
	called bool                       // some element is read in a way that may call it
	reads  map[ast.Node][]elementRead // by enclosing function
	ranges []rangeRead
}

// checkContainers implements rule 4: cancel functions stored in a map or
// slice (a variable or an unexported field) whose elements nothing in the
// package reads, and delete(m, k) on such a map without first calling the
// value stored under k.
func (c *checker) checkContainers() {
	uses := c.containerStores()
	if len(uses) == 0 {
		return
	}
	c.containerReads(uses)
	for _, u := range uses {
		if u.called {
			continue
		}
		for _, s := range u.stores {
			c.report(s.node, fmt.Sprintf("cancel function %s %s is never called (possible context leak)", s.verb, s.text))
		}
	}
	c.checkDeletes(uses)
}

// container returns the map or slice variable or field e denotes, or nil.
// Exported fields and package variables are skipped: other packages may
// call their elements.
func (c *checker) container(e ast.Expr) *types.Var {
	var v *types.Var
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ = c.pass.TypesInfo.ObjectOf(e).(*types.Var)
	case *ast.SelectorExpr:
		if sel, ok := c.pass.TypesInfo.Selections[e]; ok && sel.Kind() == types.FieldVal {
			v, _ = sel.Obj().(*types.Var)
		}
	}
	if v == nil {
		return nil
	}
	v = v.Origin()
	switch v.Kind() {
	case types.LocalVar:
	case types.PackageVar, types.FieldVar:
		if v.Exported() {
			return nil
		}
	default:
		return nil // a parameter or receiver: the caller owns the container
	}
	switch v.Type().Underlying().(type) {
	case *types.Map, *types.Slice:
		return v
	}
	return nil
}

// containerStores finds the stores of cancel functions into containers:
// m[k] = cancel, and s = append(s, cancel).
func (c *checker) containerStores() map[*types.Var]*containerUses {
	var uses map[*types.Var]*containerUses
	add := func(v *types.Var, s containerStore) {
		if uses == nil {
			uses = make(map[*types.Var]*containerUses)
		}
		if uses[v] == nil {
			uses[v] = new(containerUses)
		}
		uses[v].stores = append(uses[v].stores, s)
	}
	for cur := range c.m.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if as.Tok != token.ASSIGN {
			continue
		}
		for i, l := range as.Lhs {
			d := ctxmodel.Def{Index: -1, Node: as}
			switch {
			case len(as.Rhs) == 1 && len(as.Lhs) > 1:
				d.Rhs, d.Index = as.Rhs[0], i
			case i < len(as.Rhs):
				d.Rhs = as.Rhs[i]
			}
			if ix, ok := ast.Unparen(l).(*ast.IndexExpr); ok {
				if v := c.container(ix.X); v != nil && c.storesOwnCancel(d) {
					add(v, containerStore{ix, ctxmodel.ExprString(ix), "stored in"})
				}
				continue
			}
			if call, ok := c.appendTo(l, d.Rhs); ok && d.Index < 0 {
				v := c.container(l)
				for _, arg := range call.Args[1:] {
					if v != nil && !c.isParamRef(arg) && c.m.HoldsCancel(arg) {
						add(v, containerStore{call, ctxmodel.ExprString(l), "appended to"})
						break
					}
				}
			}
		}
	}
	return uses
}

// appendTo reports whether rhs is append(lhs, ...) without a spread.
func (c *checker) appendTo(lhs, rhs ast.Expr) (*ast.CallExpr, bool) {
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if !ok || len(call.Args) < 2 || call.Ellipsis.IsValid() || !c.isBuiltin(call, "append") {
		return nil, false
	}
	v := c.container(lhs)
	return call, v != nil && c.container(call.Args[0]) == v
}

func (c *checker) isBuiltin(call *ast.CallExpr, name string) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// containerReads classifies every mention of the containers in uses: a
// mention that may lead to calling an element (an element read, a range
// over the values, handing the container on) marks it called.
func (c *checker) containerReads(uses map[*types.Var]*containerUses) {
	for cur := range c.m.Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		u := uses[obj.Origin()]
		if u == nil {
			continue
		}
		mention := cur
		if k, _ := cur.ParentEdge(); k == edge.SelectorExpr_Sel {
			mention = cur.Parent()
		} else if obj.IsField() {
			continue // a composite literal key
		}
		c.classifyMention(mention, u)
	}
}

func (c *checker) classifyMention(cur inspector.Cursor, u *containerUses) {
	parent := cur.Parent()
	kind, index := cur.ParentEdge()
	switch p := parent.Node().(type) {
	case *ast.IndexExpr:
		if kind != edge.IndexExpr_X {
			break
		}
		if isStoreTarget(parent) {
			return
		}
		if discardedRead(parent) {
			return
		}
		u.called = true
		if u.reads == nil {
			u.reads = make(map[ast.Node][]elementRead)
		}
		fn := enclosingFunc(cur)
		u.reads[fn] = append(u.reads[fn], elementRead{key: p.Index, pos: p.Pos()})
		return
	case *ast.CallExpr:
		if kind == edge.CallExpr_Args && index == 0 {
			switch {
			case c.isBuiltin(p, "delete"), c.isBuiltin(p, "len"), c.isBuiltin(p, "cap"), c.isBuiltin(p, "clear"):
				return
			case c.isBuiltin(p, "append"):
				if _, ok := parent.Parent().Node().(*ast.AssignStmt); ok {
					return // the container grows in place
				}
			}
		}
	case *ast.AssignStmt:
		if kind == edge.AssignStmt_Lhs {
			return
		}
	case *ast.RangeStmt:
		if kind == edge.RangeStmt_X {
			if p.Value == nil || ctxmodel.IsBlank(p.Value) {
				return // keys only: calls go through m[k], seen on their own
			}
			var key types.Object
			if id, ok := p.Key.(*ast.Ident); ok && id.Name != "_" {
				key = c.pass.TypesInfo.ObjectOf(id)
			}
			u.called = true
			u.ranges = append(u.ranges, rangeRead{key: key, loop: p})
			return
		}
	}
	u.called = true // handed on: returned, passed, copied, compared...
}

// isStoreTarget reports whether the element m[k] at cur is written to.
func isStoreTarget(cur inspector.Cursor) bool {
	kind, _ := cur.ParentEdge()
	switch kind {
	case edge.AssignStmt_Lhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		return as.Tok == token.ASSIGN || as.Tok == token.DEFINE
	case edge.IncDecStmt_X:
		return true
	}
	return false
}

// discardedRead reports whether the element m[k] at cur is read only for
// its presence: _, ok := m[k].
func discardedRead(cur inspector.Cursor) bool {
	kind, _ := cur.ParentEdge()
	switch kind {
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		return len(as.Lhs) == 2 && len(as.Rhs) == 1 && ctxmodel.IsBlank(as.Lhs[0])
	case edge.ValueSpec_Values:
		vs := cur.Parent().Node().(*ast.ValueSpec)
		return len(vs.Names) == 2 && len(vs.Values) == 1 && vs.Names[0].Name == "_"
	}
	return false
}

// checkDeletes reports delete(m, k) on a map holding cancel functions when
// the same function has not, before the delete, read the value under k
// (to call it, directly or through a variable) or ranged over m with k as
// the key.
func (c *checker) checkDeletes(uses map[*types.Var]*containerUses) {
	for cur := range c.m.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if len(call.Args) != 2 || !c.isBuiltin(call, "delete") {
			continue
		}
		v := c.container(call.Args[0])
		if v == nil {
			continue
		}
		u := uses[v]
		if u == nil {
			continue
		}
		fn := enclosingFunc(cur)
		if c.valueTaken(u, call, fn) || c.selfRemoving(fn) || c.afterDone(cur) || c.callersTakeValue(u, call, fn) {
			continue
		}
		c.report(call, fmt.Sprintf("cancel function in %s[%s] is deleted without being called (possible context leak)",
			ctxmodel.ExprString(call.Args[0]), ctxmodel.ExprString(call.Args[1])))
	}
}

// afterDone reports whether the delete at cur runs once a context is
// done: after a plain <-ctx.Done() earlier in its function, in a
// case <-ctx.Done(): of a select, or in the callback of
// context.AfterFunc. An entry removed when its context has ended needs no
// call: the cancellation released the context already.
func (c *checker) afterDone(cur inspector.Cursor) bool {
	for p := range cur.Enclosing() {
		switch n := p.Node().(type) {
		case *ast.FuncDecl:
			return c.waitsForDoneBefore(n.Body, cur.Node().Pos())
		case *ast.FuncLit:
			if call, ok := p.Parent().Node().(*ast.CallExpr); ok && ctxmodel.IsPkgFunc(c.m.CalleeFunc(call), "context", "AfterFunc") {
				return true
			}
			return c.waitsForDoneBefore(n.Body, cur.Node().Pos())
		case *ast.CommClause:
			if c.isDoneRecv(n.Comm) {
				return true
			}
		}
	}
	return false
}

// waitsForDoneBefore reports whether body has, as one of its statements
// before pos, a plain receive from a context's Done channel.
func (c *checker) waitsForDoneBefore(body *ast.BlockStmt, pos token.Pos) bool {
	for _, st := range body.List {
		if st.Pos() >= pos {
			return false
		}
		if es, ok := st.(*ast.ExprStmt); ok && c.isDoneRecv(es) {
			return true
		}
	}
	return false
}

// isDoneRecv reports whether st receives from a context's Done channel:
// <-ctx.Done(), v := <-ctx.Done(), v, ok := <-ctx.Done().
func (c *checker) isDoneRecv(st ast.Stmt) bool {
	return c.m.DoneReceived(ctxmodel.StmtValue(st)) != nil
}

// callersTakeValue reports whether the delete is in a helper of the
// package (forget(k)) whose every call is in a function that, before the
// call, reads the value stored under some key of the same container (to
// call it): the helper only forgets an entry its callers took care of.
func (c *checker) callersTakeValue(u *containerUses, del *ast.CallExpr, fn ast.Node) bool {
	decl, ok := fn.(*ast.FuncDecl)
	if !ok {
		return false
	}
	f, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	calls, ok := c.m.VisibleCalls(f)
	if !ok {
		return false
	}
	for _, call := range calls {
		cur, found := c.m.FindNode(call)
		if !found || !readBefore(u.reads[enclosingFunc(cur)], call.Pos()) {
			return false
		}
	}
	return true
}

func readBefore(reads []elementRead, pos token.Pos) bool {
	for _, r := range reads {
		if r.pos < pos {
			return true
		}
	}
	return false
}

// selfRemoving reports whether fn is a function literal that is itself a
// cancel function (it calls one), so that the delete is the cancel
// function removing its own entry: cancel := func() { inner(); delete(m, k) }.
func (c *checker) selfRemoving(fn ast.Node) bool {
	lit, ok := fn.(*ast.FuncLit)
	return ok && c.m.HoldsCancel(lit)
}

func (c *checker) valueTaken(u *containerUses, del *ast.CallExpr, fn ast.Node) bool {
	key := del.Args[1]
	for _, r := range u.reads[fn] {
		if r.pos < del.Pos() && c.sameKey(r.key, key) {
			return true
		}
	}
	for _, r := range u.ranges {
		if r.loop.Pos() <= del.Pos() && del.End() <= r.loop.End() && r.key != nil {
			if id, ok := ast.Unparen(key).(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == r.key {
				return true
			}
		}
	}
	return false
}

// sameKey reports whether two key expressions denote the same key: the
// same variable, or the same spelling.
func (c *checker) sameKey(a, b ast.Expr) bool {
	ida, oka := ast.Unparen(a).(*ast.Ident)
	idb, okb := ast.Unparen(b).(*ast.Ident)
	if oka && okb {
		oa, ob := c.pass.TypesInfo.ObjectOf(ida), c.pass.TypesInfo.ObjectOf(idb)
		return oa != nil && oa == ob
	}
	return ctxmodel.ExprString(a) == ctxmodel.ExprString(b)
}
