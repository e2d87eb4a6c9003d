package bgtimeout

import (
	"go/ast"
	"go/types"
	"go/version"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// report reports d about an unbounded context of origin o. In a
// test (rule 4), where a *testing.T, B, F or testing.TB is in scope of the
// context.Background() or TODO() call and the file's Go version has
// t.Context (1.24), it suggests t.Context(), which the test cancels when
// it ends.
func (c *checker) report(o *ctxmodel.Origin, d analysis.Diagnostic) {
	if fix, ok := c.testContextFix(o); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.m.Report(c.pass, d)
}

func (c *checker) testContextFix(o *ctxmodel.Origin) (analysis.SuggestedFix, bool) {
	if o.Kind != ctxmodel.Root || o.Call == nil {
		return analysis.SuggestedFix{}, false
	}
	file := c.fileOf(o.Call)
	if file == nil || !isTestFile(c.pass, file) {
		return analysis.SuggestedFix{}, false
	}
	if v := c.pass.TypesInfo.FileVersions[file]; !version.IsValid(v) || version.Compare(v, "go1.24") < 0 {
		return analysis.SuggestedFix{}, false
	}
	t := c.testingVarAt(file, o.Call)
	if t == nil {
		return analysis.SuggestedFix{}, false
	}
	repl := t.Name() + ".Context()"
	return analysis.SuggestedFix{
		Message: "use " + repl + ", which is cancelled when the test ends",
		TextEdits: []analysis.TextEdit{{
			Pos: o.Call.Pos(), End: o.Call.End(), NewText: []byte(repl),
		}},
	}, true
}

func (c *checker) fileOf(n ast.Node) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= n.Pos() && n.End() <= f.FileEnd {
			return f
		}
	}
	return nil
}

// testingVarAt returns the innermost parameter of type *testing.T, B, F or
// testing.TB of the functions enclosing call that is visible (not
// shadowed) at call.
func (c *checker) testingVarAt(file *ast.File, call *ast.CallExpr) *types.Var {
	cur, ok := c.m.FindByPos(call.Pos(), call.End())
	if !ok {
		return nil
	}
	scope := c.pass.TypesInfo.Scopes[file]
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := fc.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		if ft == nil || ft.Params == nil {
			continue
		}
		for _, field := range ft.Params.List {
			for _, id := range field.Names {
				v, _ := c.pass.TypesInfo.Defs[id].(*types.Var)
				if v == nil || !isTestingT(v.Type()) || scope == nil {
					continue
				}
				if _, obj := scope.Innermost(call.Pos()).LookupParent(v.Name(), call.Pos()); obj == v {
					return v
				}
			}
		}
	}
	return nil
}

func isTestingT(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	} else if named, ok := types.Unalias(t).(*types.Named); ok {
		return isTestingNamed(named, "TB")
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && isTestingNamed(named, "T", "B", "F")
}

func isTestingNamed(named *types.Named, names ...string) bool {
	obj := named.Obj()
	if obj.Pkg() == nil || obj.Pkg().Path() != "testing" {
		return false
	}
	return slices.Contains(names, obj.Name())
}
