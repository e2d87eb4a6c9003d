package lostcancel2

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

//go:embed doc.go
var docSource string

// Analyzer reports cancel functions that are never called.
var Analyzer = &analysis.Analyzer{
	Name:     "lostcancel2",
	Doc:      analyzerdoc.FromPackageDoc("lostcancel2", docSource),
	URL:      analyzerdoc.URL("lostcancel2"),
	Run:      run,
	Requires: []*analysis.Analyzer{ctxmodel.Analyzer},
}

// checker holds the state of one run over a package.
type checker struct {
	pass *analysis.Pass
	m    *ctxmodel.Model

	decls   map[*types.Func]*ast.FuncDecl // built on first need
	sources map[*token.File][]byte        // file contents for fixes, read once
	claimed []claimedName                 // names the fixes built so far declare

	handledLocals map[*types.Var]bool          // locals called, passed or returned; built on first need
	valueRecvs    map[*types.Var]*ast.FuncDecl // methods with a struct value receiver; built on first need
	uses          map[*types.Var]*fieldUses    // how code touches function-holding fields; built on first need
	structs       map[*types.Var]*types.Struct // the struct declaring each field; built on first need
}

func run(pass *analysis.Pass) (any, error) {
	m := pass.ResultOf[ctxmodel.Analyzer].(*ctxmodel.Model)
	c := &checker{
		pass: pass,
		m:    m,
	}
	funcs := c.checkDiscards()
	c.checkPaths(funcs)
	c.checkDeferInLoop()
	c.checkFields()
	c.checkReplacedOnly()
	c.checkPackageVars()
	c.checkContainers()
	return nil, nil
}

func (c *checker) report(n ast.Node, msg string, fixes ...analysis.SuggestedFix) {
	c.reportAs("", n, msg, fixes...)
}

// reportAs reports with a category: vetCategory or none.
func (c *checker) reportAs(category string, n ast.Node, msg string, fixes ...analysis.SuggestedFix) {
	c.m.Report(c.pass, analysis.Diagnostic{
		Pos:            n.Pos(),
		End:            n.End(),
		Category:       category,
		Message:        msg,
		SuggestedFixes: fixes,
	})
}

// vetCategory is the category of the findings that go vet's lostcancel
// makes too, in the same words (rules 1 and 2 on the context package's
// producers). It names vet's analyzer so that a driver can let existing
// suppressions of vet's finding cover ours: ctxlint's honours
// //nolint:govet for them.
const vetCategory = "lostcancel"

// category returns vetCategory when call is one of the context package's
// producers, which go vet's lostcancel checks, and "" otherwise.
func (c *checker) category(call *ast.CallExpr) string {
	if fn := c.m.CalleeFunc(call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "context" {
		return vetCategory
	}
	return ""
}
