package lostcancel2

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/ctxlint/ctxlint/internal/ctxmodel"
)

// checkDiscards implements rule 1: a producer's cancel result assigned to
// the blank identifier in the producing statement, or dropped because the
// call is an expression statement.
//
// It also returns, per function, the local variables that receive a cancel
// function from a producer, for the path-sensitive rules.
func (c *checker) checkDiscards() []*funcInfo {
	funcs := make(map[ast.Node]*funcInfo)
	var order []*funcInfo
	track := func(cur inspector.Cursor, stmt ast.Node, call *ast.CallExpr, target ast.Expr) {
		id, ok := target.(*ast.Ident)
		if !ok || id.Name == "_" {
			return
		}
		v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
		fn := enclosingFunc(cur)
		if v == nil || fn == nil || !declaredIn(v, fn) {
			return
		}
		fi := funcs[fn]
		if fi == nil {
			fi = newFuncInfo(fn)
			funcs[fn] = fi
			order = append(order, fi)
		}
		fi.vars = append(fi.vars, producedVar{v: v, stmt: stmt, failed: c.failureSignal(stmt, call), category: c.category(call)})
	}
	for cur := range c.m.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		index, ok := c.m.CancelResult(call)
		if !ok {
			continue
		}
		msg := fmt.Sprintf("the cancel function returned by %s should be called, not discarded, to avoid a context leak",
			c.m.ProducerName(call))
		// A producer that returns nil or a no-op for some arguments
		// leaves a discard unproven: the caller may pass those.
		unsure := c.m.MayReturnNoCancel(call, index)
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ExprStmt:
			if !unsure {
				c.report(call, msg, c.declareFix(parent, call, index)...) // vet misses a dropped result
			}
		case *ast.AssignStmt:
			if p.Tok != token.ASSIGN && p.Tok != token.DEFINE {
				continue
			}
			blank := resultTarget(p.Lhs, p.Rhs, call, index)
			track(parent, p, call, blank)
			if ctxmodel.IsBlank(blank) && !unsure {
				var fixes []analysis.SuggestedFix
				switch {
				case p.Tok == token.DEFINE:
					fixes = c.nameFix(parent, p, blank.(*ast.Ident), call, index)
				case c.redeclarable(p):
					fixes = c.nameFix(parent, p, blank.(*ast.Ident), call, index)
					if fixes != nil {
						fixes[0].TextEdits = append(fixes[0].TextEdits, analysis.TextEdit{
							Pos: p.TokPos, End: p.TokPos + token.Pos(len("=")), NewText: []byte(":="),
						})
					}
				}
				c.reportAs(c.category(call), blank, msg, fixes...)
			}
		case *ast.ValueSpec:
			blank := resultTarget(identExprs(p.Names), p.Values, call, index)
			track(parent, p, call, blank)
			if ctxmodel.IsBlank(blank) && !unsure {
				var fixes []analysis.SuggestedFix
				if decl, ok := parent.Parent().Node().(*ast.GenDecl); ok && !decl.Lparen.IsValid() {
					fixes = c.nameFix(parent.Parent().Parent(), p, blank.(*ast.Ident), call, index)
				}
				c.reportAs(c.category(call), blank, msg, fixes...)
			}
		}
	}
	return order
}

// failureSignal returns how the producing call of stmt reports that it
// failed and so made no cancel: the variable receiving its error result
// (ctx, cancel, err := open(ctx)), or else its success flag when it
// returns no cancel whenever the flag is false (ctx, cancel, ok :=
// acquire(ctx)); nil when it reports neither.
func (c *checker) failureSignal(stmt ast.Node, call *ast.CallExpr) *failure {
	if v := c.errResult(stmt); v != nil {
		return &failure{v: v}
	}
	index, ok := c.m.CancelResult(call)
	if !ok {
		return nil
	}
	flag, ok := c.m.OKResult(call, index)
	if !ok {
		return nil
	}
	if v := c.m.VarOf(ctxmodel.AssignedResult(stmt, flag)); v != nil { // nil for _
		return &failure{v: v, flag: true}
	}
	return nil
}

// errResult returns the variable that receives the error result of the
// producing call of stmt, or nil.
func (c *checker) errResult(stmt ast.Node) *types.Var {
	var lhs []*ast.Ident
	switch stmt := stmt.(type) {
	case *ast.AssignStmt:
		if len(stmt.Rhs) != 1 {
			return nil
		}
		for _, l := range stmt.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				lhs = append(lhs, id)
			}
		}
	case *ast.ValueSpec:
		if len(stmt.Values) != 1 {
			return nil
		}
		lhs = stmt.Names
	}
	for _, id := range lhs {
		if v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var); ok && id.Name != "_" && ctxmodel.IsErrorLike(v.Type()) {
			return v
		}
	}
	return nil
}

// enclosingFunc returns the innermost function declaration or literal
// around cur, or nil at package level.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for p := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return p.Node()
	}
	return nil
}

func newFuncInfo(fn ast.Node) *funcInfo {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return &funcInfo{node: fn, typ: fn.Type, body: fn.Body}
	case *ast.FuncLit:
		return &funcInfo{node: fn, typ: fn.Type, body: fn.Body}
	}
	return nil
}

// resultTarget returns the left-hand side that receives result index of
// call, one of rhs, or nil.
func resultTarget(lhs, rhs []ast.Expr, call *ast.CallExpr, index int) ast.Expr {
	if len(rhs) == 1 {
		if rhs[0] != call {
			return nil
		}
		if len(lhs) == 1 {
			return lhs[0]
		}
		if index < len(lhs) {
			return lhs[index]
		}
		return nil
	}
	for i, r := range rhs {
		if r == call && i < len(lhs) && index == 0 {
			return lhs[i]
		}
	}
	return nil
}

func identExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

const fixName = "cancel"

// nameFix names the discarded result cancel (or a numbered variant, see
// deferEdit) and defers its call on the next line. stmt is the statement
// (a := assignment or a var declaration) at cursor stmtCur.
func (c *checker) nameFix(stmtCur inspector.Cursor, node ast.Node, blank *ast.Ident, call *ast.CallExpr, index int) []analysis.SuggestedFix {
	if c.m.IsGenerated(node.Pos()) || c.contextOutlivesCall(stmtCur, node) {
		return nil
	}
	deferEdit, name, ok := c.deferEdit(stmtCur, call, index)
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{
		Message: "Name the cancel function and defer its call",
		TextEdits: []analysis.TextEdit{
			{Pos: blank.Pos(), End: blank.End(), NewText: []byte(name)},
			deferEdit,
		},
	}}
}

// redeclarable reports whether the plain assignment as may become a :=
// declaring cancel without changing what its other targets mean: each is
// blank or a variable declared in the scope the statement is in, which :=
// assigns rather than shadows.
func (c *checker) redeclarable(as *ast.AssignStmt) bool {
	scope := c.pass.Pkg.Scope().Innermost(as.Pos())
	if scope == nil {
		return false
	}
	for _, l := range as.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			continue
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || v.Parent() != scope {
			return false
		}
	}
	return true
}

// declareFix assigns the results of an expression-statement producer call,
// naming the cancel result cancel (or a numbered variant, see deferEdit),
// and defers its call on the next line.
func (c *checker) declareFix(stmtCur inspector.Cursor, call *ast.CallExpr, index int) []analysis.SuggestedFix {
	if c.m.IsGenerated(call.Pos()) {
		return nil
	}
	deferEdit, name, ok := c.deferEdit(stmtCur, call, index)
	if !ok {
		return nil
	}
	n := 1
	if tuple, ok := c.pass.TypesInfo.TypeOf(call).(*types.Tuple); ok {
		n = tuple.Len()
	}
	names := make([]string, n)
	for i := range names {
		names[i] = "_"
	}
	names[index] = name
	return []analysis.SuggestedFix{{
		Message: "Assign the cancel function and defer its call",
		TextEdits: []analysis.TextEdit{
			{Pos: call.Pos(), End: call.Pos(), NewText: []byte(strings.Join(names, ", ") + " := ")},
			deferEdit,
		},
	}}
}

// deferEdit inserts "defer NAME()" (NAME(nil) for a cancel taking a
// cause, the result index of call) on the line after the statement at
// stmtCur, when that statement sits directly in a block of statements
// outside any loop, and returns NAME: cancel, or cancel2, cancel3, ...
// when an earlier fix of this package already declares cancel where the
// statement is (two discarded producers in one function must not both
// become "cancel :=" in one block). A name the code itself uses is never
// taken. Offsets are the file's own: a //line directive changes the
// reported line, not where the bytes are.
func (c *checker) deferEdit(stmtCur inspector.Cursor, call *ast.CallExpr, index int) (analysis.TextEdit, string, bool) {
	args, ok := cancelCallArgs(c.pass.TypesInfo.TypeOf(call), index)
	if !ok {
		return analysis.TextEdit{}, "", false
	}
	stmt := stmtCur.Node()
	switch stmtCur.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	default:
		return analysis.TextEdit{}, "", false
	}
	if inLoop(stmtCur) || !c.nameFree(fixName, stmt.Pos()) {
		return analysis.TextEdit{}, "", false
	}
	name, ok := c.unclaimedName(stmt.Pos())
	if !ok {
		return analysis.TextEdit{}, "", false
	}
	tf := c.pass.Fset.File(stmt.Pos())
	src := c.source(tf)
	if src == nil {
		return analysis.TextEdit{}, "", false
	}
	start := tf.Offset(stmt.Pos())
	lineStart := tf.Offset(tf.LineStart(tf.PositionFor(stmt.Pos(), false).Line))
	indent := src[lineStart:start]
	if strings.TrimSpace(string(indent)) != "" {
		return analysis.TextEdit{}, "", false // the statement shares its line with other code
	}
	eol := tf.Offset(stmt.End())
	for eol < len(src) && src[eol] != '\n' {
		eol++
	}
	pos := tf.Pos(eol)
	c.claim(name, stmt.Pos())
	return analysis.TextEdit{Pos: pos, End: pos, NewText: []byte("\n" + string(indent) + "defer " + name + "(" + args + ")")}, name, true
}

// cancelCallArgs returns the arguments that call the cancel function at
// result index of a call of type t: none for a func(), nil for a func
// taking a cause (context.CancelCauseFunc).
func cancelCallArgs(t types.Type, index int) (string, bool) {
	if tuple, ok := t.(*types.Tuple); ok {
		if index >= tuple.Len() {
			return "", false
		}
		t = tuple.At(index).Type()
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return "", false
	}
	switch params := sig.Params(); {
	case params.Len() == 0:
		return "", true
	case params.Len() == 1 && !sig.Variadic() && types.IsInterface(params.At(0).Type()):
		return "nil", true
	}
	return "", false
}

// claimedName is a name an earlier fix declares from pos to the end of
// scope.
type claimedName struct {
	name  string
	scope *types.Scope
	pos   token.Pos
}

// claim records that a fix declares name at pos.
func (c *checker) claim(name string, pos token.Pos) {
	c.claimed = append(c.claimed, claimedName{name, c.pass.Pkg.Scope().Innermost(pos), pos})
}

// unclaimedName returns the first of cancel, cancel2, cancel3, ... that
// no earlier fix declares where pos is and that the code does not use
// there.
func (c *checker) unclaimedName(pos token.Pos) (string, bool) {
	for i := 1; i <= len(c.claimed)+1; i++ {
		name := fixName
		if i > 1 {
			name = fmt.Sprintf("%s%d", fixName, i)
		}
		if !c.isClaimed(name, pos) && c.nameFree(name, pos) {
			return name, true
		}
	}
	return "", false
}

func (c *checker) isClaimed(name string, pos token.Pos) bool {
	for _, cl := range c.claimed {
		if cl.name == name && cl.pos < pos && cl.scope != nil && cl.scope.Contains(pos) {
			return true
		}
	}
	return false
}

// source returns the content of tf, read once per file, or nil when it
// cannot be read or does not match the parsed file.
func (c *checker) source(tf *token.File) []byte {
	if tf == nil || c.pass.ReadFile == nil {
		return nil
	}
	if src, ok := c.sources[tf]; ok {
		return src
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || tf.Size() != len(src) {
		src = nil
	}
	if c.sources == nil {
		c.sources = make(map[*token.File][]byte)
	}
	c.sources[tf] = src
	return src
}

// inLoop reports whether cur lies in a for or range statement of its own
// function: a defer there would pile up until the function returns.
func inLoop(cur inspector.Cursor) bool {
	for p := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		default:
			return false
		}
	}
	return false
}

// nameFree reports whether declaring name at pos neither shadows nor
// clashes with another declaration.
func (c *checker) nameFree(name string, pos token.Pos) bool {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	if scope.Lookup(name) != nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj == nil
}

// contextOutlivesCall reports whether a context the producing statement
// node (at stmtCur) assigns may be used after its function returns:
// returned, started with go, captured by a function literal, stored
// anywhere but a local variable, sent, or put in a composite literal (so
// is anything read from it, such as its Done channel). Deferring the
// cancel would then end that context while it is still in use, so the fix
// is not offered; the diagnostic stands.
func (c *checker) contextOutlivesCall(stmtCur inspector.Cursor, node ast.Node) bool {
	vars := map[*types.Var]bool{}
	var lhs []*ast.Ident
	switch n := node.(type) {
	case *ast.AssignStmt:
		for _, l := range n.Lhs {
			if id, ok := l.(*ast.Ident); ok {
				lhs = append(lhs, id)
			}
		}
	case *ast.ValueSpec:
		lhs = n.Names
	}
	for _, id := range lhs {
		if v := c.m.VarOf(id); v != nil && ctxmodel.IsContext(v.Type()) {
			vars[v] = true
		}
	}
	if len(vars) == 0 {
		return false
	}
	fnNode := enclosingFunc(stmtCur)
	if fnNode == nil {
		return true
	}
	fn, _ := stmtCur.Inspector().Root().FindNode(fnNode)
	for cur := range fn.Preorder((*ast.Ident)(nil)) {
		if v := c.m.VarOf(cur.Node().(*ast.Ident)); vars[v] && c.escapesAt(cur, fn) {
			return true
		}
	}
	return false
}

// escapesAt reports whether the use at cur, inside fn, lets the value (or
// something read from it) outlive fn's call. An error or a basic value
// computed from it (return ctx.Err()) carries no context along.
func (c *checker) escapesAt(cur, fn inspector.Cursor) bool {
	prev := cur.Node()
	for a := cur.Parent(); a != fn && a.Node() != nil; prev, a = a.Node(), a.Parent() {
		switch n := a.Node().(type) {
		case *ast.ReturnStmt, *ast.SendStmt, *ast.CompositeLit:
			if c.carriesContext(prev) {
				return true
			}
		case *ast.GoStmt, *ast.FuncLit:
			return true
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if c.m.VarOf(l) == nil && !ctxmodel.IsBlank(l) && c.carriesContext(prev) {
					return true // a field, an element, a dereference
				}
			}
		}
	}
	return false
}

// carriesContext reports whether n, an expression, may hold a context or
// something tied to its life: anything but an error or a basic value.
func (c *checker) carriesContext(n ast.Node) bool {
	e, ok := n.(ast.Expr)
	if !ok {
		return true
	}
	t := c.pass.TypesInfo.TypeOf(e)
	if t == nil {
		return true
	}
	if _, basic := t.Underlying().(*types.Basic); basic {
		return false
	}
	return !ctxmodel.IsError(t)
}
