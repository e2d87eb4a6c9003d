package ctxmodel

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"golang.org/x/tools/go/ast/inspector"
)

// TestSyntaxChunks checks that walking the files split into several
// inspectors visits what one inspector visits, in the same order, and
// that nodes are found in whichever inspector holds their file.
func TestSyntaxChunks(t *testing.T) {
	fset := token.NewFileSet()
	var files []*ast.File
	for i := range 5 {
		src := fmt.Sprintf("package p\n\nfunc f%d(x int) int {\n\tif x > %d {\n\t\treturn g(x)\n\t}\n\treturn x\n}\n\nfunc g(x int) int { return x + 1 }\n", i, i)
		if i > 0 {
			src = src[:len(src)-len("\nfunc g(x int) int { return x + 1 }\n")]
		}
		f, err := parser.ParseFile(fset, fmt.Sprintf("f%d.go", i), src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	one := inspector.New(files)
	for _, limit := range []int{1, 150, 1 << 30} {
		m := &Model{files: files}
		m.syntax = buildSyntaxIndex(files, limit)
		m.syntaxOnce.Do(func() {})
		if limit == 1 && len(m.syntax.chunks) != len(files) {
			t.Errorf("limit 1: %d inspectors for %d files, want one each", len(m.syntax.chunks), len(files))
		}
		var want, got []ast.Node
		for cur := range one.Root().Preorder((*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil)) {
			want = append(want, cur.Node())
		}
		for cur := range m.Preorder((*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil)) {
			got = append(got, cur.Node())
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("limit %d: Preorder visited %d nodes %v, want %d %v", limit, len(got), got, len(want), want)
		}
		for _, n := range want {
			cur, ok := m.FindNode(n)
			if !ok || cur.Node() != n {
				t.Errorf("limit %d: FindNode(%T at %v) = %v, %v", limit, n, fset.Position(n.Pos()), cur.Node(), ok)
			}
			cur, ok = m.FindByPos(n.Pos(), n.End())
			if !ok || cur.Node() != n {
				t.Errorf("limit %d: FindByPos(%v) = %T, %v", limit, fset.Position(n.Pos()), cur.Node(), ok)
			}
		}
		if _, ok := m.FindNode(&ast.Ident{NamePos: token.Pos(fset.Base() + 10)}); ok {
			t.Errorf("limit %d: FindNode found a node outside every file", limit)
		}
	}
}
