package detachedcleanup

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// wrapFix suggests wrapping the context expression e in
// context.WithoutCancel(e).
func (c *checker) wrapFix(e ast.Expr) []analysis.SuggestedFix {
	name, imp, ok := c.contextPkgName(e.Pos())
	if !ok {
		return nil
	}
	edits := append(imp,
		analysis.TextEdit{Pos: e.Pos(), End: e.Pos(), NewText: []byte(name + ".WithoutCancel(")},
		analysis.TextEdit{Pos: e.End(), End: e.End(), NewText: []byte(")")})
	return []analysis.SuggestedFix{{
		Message:   "Use context.WithoutCancel(" + ctxmodel.ExprString(e) + ")",
		TextEdits: edits,
	}}
}

// replaceFix suggests replacing call (context.Background() or TODO()) by
// context.WithoutCancel(v).
func (c *checker) replaceFix(call *ast.CallExpr, v *types.Var) []analysis.SuggestedFix {
	name, imp, ok := c.contextPkgName(call.Pos())
	if !ok {
		return nil
	}
	edits := append(imp, analysis.TextEdit{
		Pos: call.Pos(), End: call.End(),
		NewText: []byte(name + ".WithoutCancel(" + v.Name() + ")"),
	})
	return []analysis.SuggestedFix{{
		Message:   "Use context.WithoutCancel(" + v.Name() + ")",
		TextEdits: edits,
	}}
}

// contextPkgName returns the name under which package context is
// visible at pos, with the edit that imports it when the file does not.
// It fails when the file's Go version predates context.WithoutCancel
// (go1.21) or the name is taken.
func (c *checker) contextPkgName(pos token.Pos) (string, []analysis.TextEdit, bool) {
	if v := c.pass.TypesInfo.FileVersions[c.file]; v != "" && version.Compare(v, "go1.21") < 0 {
		return "", nil, false
	}
	inner := c.innermost(pos)
	if inner == nil {
		return "", nil, false
	}
	for _, spec := range c.file.Imports {
		if path, _ := strconv.Unquote(spec.Path.Value); path != "context" {
			continue
		}
		name := "context"
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			continue
		}
		if _, obj := inner.LookupParent(name, pos); isContextPkg(obj) {
			return name, nil, true
		}
	}
	if _, obj := inner.LookupParent("context", pos); obj != nil {
		return "", nil, false // the name means something else here
	}
	return "context", c.importContext(), true
}

func isContextPkg(obj types.Object) bool {
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == "context"
}

// importContext returns the edit that adds import "context" to the file.
func (c *checker) importContext() []analysis.TextEdit {
	for _, d := range c.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		if gd.Lparen.IsValid() {
			return []analysis.TextEdit{{Pos: gd.Lparen + 1, End: gd.Lparen + 1, NewText: []byte("\n\t\"context\"")}}
		}
		return []analysis.TextEdit{{Pos: gd.Pos(), End: gd.Pos(), NewText: []byte("import \"context\"\n")}}
	}
	end := c.file.Name.End()
	return []analysis.TextEdit{{Pos: end, End: end, NewText: []byte("\n\nimport \"context\"")}}
}
