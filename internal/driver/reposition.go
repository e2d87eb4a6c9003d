package driver

// After -fix, the findings that remain are printed with their positions
// in the files as they now are, so that they agree with the next run and
// with an editor opened on the fixed file. A fix adds or removes lines
// (defer cancel()) and gofmt may move others; the line of each finding is
// carried over through a line diff of the old and new content, which is
// exact for a line the fixes did not touch (its column is unchanged too;
// the byte offset, which text output does not print, is not updated).
// A finding on a line that changed keeps its column and goes to the line
// where that change now starts.

// repositioned returns findings with the positions they have in the new
// contents of the files that changed, and makes src serve the new
// contents (for -c).
func repositioned(findings []finding, src *sources, contents map[string][]byte) []finding {
	maps := make(map[string][]int)
	for file, data := range contents {
		old, err := src.read(file)
		if err != nil {
			continue
		}
		maps[file] = lineMap(old, data)
		src.files[file] = data
		delete(src.lines, file)
	}
	out := make([]finding, len(findings))
	for i, f := range findings {
		if m, ok := maps[f.posn.Filename]; ok {
			f.posn.Line = mapLine(m, f.posn.Line)
		}
		if m, ok := maps[f.end.Filename]; ok && f.end.IsValid() {
			f.end.Line = mapLine(m, f.end.Line)
		}
		out[i] = f
	}
	return out
}

// lineMap returns, for each line of old (index 1..n), its line in new.
func lineMap(old, new []byte) []int {
	a, b := splitLines(string(old)), splitLines(string(new))
	m := make([]int, len(a)+2)
	for _, op := range diffLines(a, b) {
		switch op.kind {
		case opEqual, opDelete:
			m[op.i+1] = op.j + 1
		}
	}
	m[len(a)+1] = len(b) + 1
	return m
}

func mapLine(m []int, line int) int {
	if line < 1 || line >= len(m) {
		return line
	}
	return m[line]
}
