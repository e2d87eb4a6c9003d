package ctxmodel

import (
	"go/ast"
	"go/token"
	"iter"
	"slices"

	"golang.org/x/tools/go/ast/inspector"
)

// The analyzers walk the package's syntax through inspectors the model
// builds on first use, instead of requiring the inspect pass: a required
// pass would run on every dependency of the analyzers that have facts,
// and bgtimeout would otherwise build a second inspector of its own.
//
// The files are split into groups of bounded size, one inspector each.
// inspector.New sizes its event table from the source's extent but caps
// that at a million events, and past the cap it grows by appending: for
// a package of many megabytes of source (a large package with its
// tests) the regrowth copies the table over and over and allocates
// several times its final size. Groups under the cap are built in one
// allocation each. Cursors never cross files, so no analyzer sees the
// split.

// chunkExtent is the source extent, in bytes, of one inspector's files:
// inspector.New preallocates about 33 events per 100 bytes, up to 1e6.
const chunkExtent = 3_000_000

type syntaxIndex struct {
	chunks []*inspector.Inspector
	spans  []fileSpan // sorted by start
}

// fileSpan is the position range of one file and the chunk holding it.
type fileSpan struct {
	start, end token.Pos
	chunk      int
}

func (m *Model) syntaxIdx() *syntaxIndex {
	m.syntaxOnce.Do(func() { m.syntax = buildSyntaxIndex(m.files, chunkExtent) })
	return &m.syntax
}

// buildSyntaxIndex groups files into inspectors of at most limit bytes
// of source each (a larger file gets one of its own).
func buildSyntaxIndex(files []*ast.File, limit int) syntaxIndex {
	var x syntaxIndex
	var group []*ast.File
	extent := 0
	flush := func() {
		if len(group) > 0 {
			x.chunks = append(x.chunks, inspector.New(group))
			group, extent = nil, 0
		}
	}
	for _, f := range files {
		size := int(f.End() - f.Pos())
		if extent > 0 && extent+size > limit {
			flush()
		}
		group = append(group, f)
		extent += size
		x.spans = append(x.spans, fileSpan{f.FileStart, f.FileEnd, len(x.chunks)})
	}
	flush()
	slices.SortFunc(x.spans, func(a, b fileSpan) int { return int(a.start - b.start) })
	return x
}

// Preorder yields, file by file, the cursors of the package's nodes of
// the given types in depth-first order, as inspector.Cursor.Preorder.
func (m *Model) Preorder(types ...ast.Node) iter.Seq[inspector.Cursor] {
	return func(yield func(inspector.Cursor) bool) {
		for _, in := range m.syntaxIdx().chunks {
			for cur := range in.Root().Preorder(types...) {
				if !yield(cur) {
					return
				}
			}
		}
	}
}

// FindNode returns the cursor of n, a node of the package's files.
func (m *Model) FindNode(n ast.Node) (inspector.Cursor, bool) {
	in := m.inspectorAt(n.Pos())
	if in == nil {
		return inspector.Cursor{}, false
	}
	return in.Root().FindNode(n)
}

// FindByPos returns the cursor of the innermost node of the package's
// files enclosing [start, end), as inspector.Cursor.FindByPos.
func (m *Model) FindByPos(start, end token.Pos) (inspector.Cursor, bool) {
	in := m.inspectorAt(start)
	if in == nil {
		return inspector.Cursor{}, false
	}
	return in.Root().FindByPos(start, end)
}

// inspectorAt returns the inspector of the file holding pos, or nil.
func (m *Model) inspectorAt(pos token.Pos) *inspector.Inspector {
	x := m.syntaxIdx()
	i, _ := slices.BinarySearchFunc(x.spans, pos, func(s fileSpan, p token.Pos) int {
		switch {
		case s.end < p:
			return -1
		case s.start > p:
			return 1
		}
		return 0
	})
	if i < len(x.spans) && x.spans[i].start <= pos && pos <= x.spans[i].end {
		return x.chunks[x.spans[i].chunk]
	}
	return nil
}
