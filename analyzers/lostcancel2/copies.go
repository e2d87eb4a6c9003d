package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// lostInCopy reports whether d, a store of a cancel function into field f,
// writes into a value receiver: the method's copy of the struct, which is
// dropped when the method returns, while the caller's struct keeps its old
// value (often a no-op placeholder that a Stop or Delete method then
// calls). It returns the method, and the receiver written through.
//
// It stays quiet whenever the copy could still reach a caller: the method
// mentions the receiver other than by selecting its fields (returns it,
// passes it, calls a method on it, takes its address), mentions it inside
// a function literal, or reads f itself (calls it, hands it on).
func (c *checker) lostInCopy(d ctxmodel.Def, f *types.Var) (*ast.FuncDecl, *types.Var, bool) {
	if _, ok := d.Node.(*ast.AssignStmt); !ok {
		return nil, nil, false
	}
	sel, ok := fieldStore(d, f, c.pass.TypesInfo).(*ast.SelectorExpr)
	if !ok {
		return nil, nil, false
	}
	base, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil, nil, false
	}
	recv, _ := c.pass.TypesInfo.Uses[base].(*types.Var)
	fd := c.valueReceivers()[recv]
	// A store inside a function literal mentions the receiver there, which
	// onlyFieldStores rejects: the literal's copy is captured, not dropped.
	if fd == nil || !c.onlyFieldStores(fd.Body, recv, f) {
		return nil, nil, false
	}
	return fd, recv, true
}

// valueReceivers returns, once per package, the methods whose receiver is
// a struct value rather than a pointer, by receiver variable.
func (c *checker) valueReceivers() map[*types.Var]*ast.FuncDecl {
	if c.valueRecvs != nil {
		return c.valueRecvs
	}
	c.valueRecvs = make(map[*types.Var]*ast.FuncDecl)
	for _, file := range c.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv == nil || len(fd.Recv.List) != 1 || len(fd.Recv.List[0].Names) != 1 {
				continue
			}
			recv, _ := c.pass.TypesInfo.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
			if recv == nil {
				continue
			}
			if _, isStruct := recv.Type().Underlying().(*types.Struct); isStruct {
				c.valueRecvs[recv] = fd
			}
		}
	}
	return c.valueRecvs
}

// onlyFieldStores reports whether every mention of recv in body selects
// one of its fields, outside function literals, and f only as the target
// of an assignment.
func (c *checker) onlyFieldStores(body *ast.BlockStmt, recv, f *types.Var) bool {
	info := c.pass.TypesInfo
	stores := make(map[*ast.SelectorExpr]bool)
	fieldSel := make(map[*ast.Ident]*ast.SelectorExpr)
	only := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && info.Uses[id] == recv {
					only = false
				}
				return only
			})
			return false
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if s, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
					stores[s] = true
				}
			}
		case *ast.SelectorExpr:
			if s := info.Selections[n]; s != nil && s.Kind() == types.FieldVal {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					fieldSel[id] = n
				}
			}
		case *ast.Ident:
			if info.Uses[n] != recv {
				break
			}
			sel := fieldSel[n]
			if sel == nil {
				only = false // the copy itself is used: returned, passed, addressed, a method called
				break
			}
			if field, _ := info.Uses[sel.Sel].(*types.Var); field != nil && field.Origin() == f.Origin() && !stores[sel] {
				only = false // the method reads the cancel itself
			}
		}
		return only
	})
	return only
}

// lostInCopyMessage is rule 3's report for a store into a value receiver.
func lostInCopyMessage(fd *ast.FuncDecl, recv, f *types.Var) string {
	return fmt.Sprintf("cancel function stored in %s.%s is lost when %s returns: the value receiver %s is a copy; use a pointer receiver (possible context leak)",
		recv.Name(), f.Name(), fd.Name.Name, recv.Name())
}
