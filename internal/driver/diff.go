package driver

import (
	"fmt"
	"strings"
)

// unifiedDiff returns the changes from old to new as a unified diff with
// three lines of context, naming the file a/name and b/name as git does
// (so "git apply" and "patch -p1" accept it); "" if they are equal.
func unifiedDiff(name string, old, new []byte) string {
	a, b := splitLines(string(old)), splitLines(string(new))
	ops := diffLines(a, b)
	hunks := groupHunks(ops, 3)
	if len(hunks) == 0 {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	for _, h := range hunks {
		writeHunk(&out, h, a, b)
	}
	return out.String()
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// opKind is one step of a line edit script.
type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// lineOp is one step of an edit script: it keeps, deletes or inserts line
// a[i] or b[j].
type lineOp struct {
	kind opKind
	i, j int // indexes of the line in a and b before this step
}

// diffLines returns a shortest edit script from a to b (Myers' algorithm,
// after trimming the common prefix and suffix, which is all but a few
// lines for a fix).
func diffLines(a, b []string) []lineOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []lineOp
	for i := 0; i < pre; i++ {
		ops = append(ops, lineOp{opEqual, i, i})
	}
	for _, op := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		ops = append(ops, lineOp{op.kind, op.i + pre, op.j + pre})
	}
	for k := suf; k > 0; k-- {
		ops = append(ops, lineOp{opEqual, len(a) - k, len(b) - k})
	}
	return ops
}

// myers computes a shortest edit script between a and b, keeping the
// frontier of every round (O((N+M)·D) time, O(D²) space).
func myers(a, b []string) []lineOp {
	n, m := len(a), len(b)
	// frontier[d][k+d] is the furthest x reached on diagonal k after d
	// non-diagonal steps.
	var frontier [][]int
	prev := []int{0}
	for d := 0; ; d++ {
		cur := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			var x int
			switch {
			case d == 0:
				x = 0
			case k == -d || k != d && at(prev, d-1, k-1) < at(prev, d-1, k+1):
				x = at(prev, d-1, k+1) // down: insert b[y-1]
			default:
				x = at(prev, d-1, k-1) + 1 // right: delete a[x-1]
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			cur[k+d] = x
			if x >= n && y >= m {
				frontier = append(frontier, cur)
				return backtrack(frontier, n, m)
			}
		}
		frontier = append(frontier, cur)
		prev = cur
	}
}

// at reads diagonal k of the frontier of round d.
func at(v []int, d, k int) int { return v[k+d] }

// backtrack walks the frontiers back from (n, m) to (0, 0).
func backtrack(frontier [][]int, n, m int) []lineOp {
	var rev []lineOp
	x, y := n, m
	for d := len(frontier) - 1; d > 0; d-- {
		prev := frontier[d-1]
		k := x - y
		var pk int
		if k == -d || k != d && at(prev, d-1, k-1) < at(prev, d-1, k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(prev, d-1, pk)
		// The non-diagonal step of round d ends at midX; the diagonal
		// (equal lines) runs from there to x.
		midX := px
		if pk == k-1 {
			midX = px + 1
		}
		for x > midX {
			x--
			y--
			rev = append(rev, lineOp{opEqual, x, y})
		}
		if pk == k+1 {
			y--
			rev = append(rev, lineOp{opInsert, x, y})
		} else {
			x--
			rev = append(rev, lineOp{opDelete, x, y})
		}
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, lineOp{opEqual, x, y})
	}
	ops := make([]lineOp, len(rev))
	for i, op := range rev {
		ops[len(rev)-1-i] = op
	}
	return ops
}

// hunk is a run of ops around changes, with context.
type hunk struct {
	ops []lineOp
}

// groupHunks groups the changes of ops into hunks with ctx lines of
// context, merging hunks whose context would touch.
func groupHunks(ops []lineOp, ctx int) []hunk {
	var hunks []hunk
	start, end := -1, -1 // current hunk is ops[start:end]
	for i, op := range ops {
		if op.kind == opEqual {
			continue
		}
		lo, hi := max(0, i-ctx), min(len(ops), i+ctx+1)
		if start >= 0 && lo <= end {
			end = max(end, hi)
			continue
		}
		if start >= 0 {
			hunks = append(hunks, hunk{ops[start:end]})
		}
		start, end = lo, hi
	}
	if start >= 0 {
		hunks = append(hunks, hunk{ops[start:end]})
	}
	return hunks
}

func writeHunk(out *strings.Builder, h hunk, a, b []string) {
	first := h.ops[0]
	var na, nb int
	for _, op := range h.ops {
		if op.kind != opInsert {
			na++
		}
		if op.kind != opDelete {
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(first.i, na), hunkRange(first.j, nb))
	for _, op := range h.ops {
		line := ""
		switch op.kind {
		case opEqual, opDelete:
			line = a[op.i]
		case opInsert:
			line = b[op.j]
		}
		out.WriteByte(byte(op.kind))
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk's line range: 1-based start, and the count
// unless it is 1; an empty range names the line before it.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
