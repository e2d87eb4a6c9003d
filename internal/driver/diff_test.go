package driver

import (
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	old := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	new := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	want := `--- a/x.go
+++ b/x.go
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -10,3 +10,4 @@
 j
 k
 l
+m
`
	if got := unifiedDiff("x.go", []byte(old), []byte(new)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestUnifiedDiffEqualAndEdges(t *testing.T) {
	if got := unifiedDiff("x", []byte("a\n"), []byte("a\n")); got != "" {
		t.Errorf("diff of equal files = %q", got)
	}
	if got := unifiedDiff("x", nil, []byte("a\n")); !strings.Contains(got, "@@ -0,0 +1 @@\n+a\n") {
		t.Errorf("diff from empty file:\n%s", got)
	}
	if got := unifiedDiff("x", []byte("a"), []byte("a\n")); !strings.Contains(got, "-a\n\\ No newline at end of file\n+a\n") {
		t.Errorf("diff adding the final newline:\n%s", got)
	}
}

// TestDiffLinesIsAnEditScript checks on many small inputs that the script
// turns a into b and is no longer than needed.
func TestDiffLinesIsAnEditScript(t *testing.T) {
	inputs := []string{"", "a", "b", "ab", "ba", "abc", "acb", "xabcx", "abcabba", "cbabac", "aaaa", "abab"}
	for _, x := range inputs {
		for _, y := range inputs {
			a, b := strings.Split(x, ""), strings.Split(y, "")
			ops := diffLines(a, b)
			var got []string
			edits := 0
			for _, op := range ops {
				switch op.kind {
				case opEqual:
					if a[op.i] != b[op.j] {
						t.Fatalf("%q→%q: equal op on %q and %q", x, y, a[op.i], b[op.j])
					}
					got = append(got, a[op.i])
				case opInsert:
					got = append(got, b[op.j])
					edits++
				case opDelete:
					edits++
				}
			}
			if strings.Join(got, "") != y {
				t.Errorf("%q→%q: script produces %q", x, y, strings.Join(got, ""))
			}
			if want := len(a) + len(b) - 2*lcs(a, b); edits != want {
				t.Errorf("%q→%q: %d edits, want %d", x, y, edits, want)
			}
		}
	}
}

// lcs is the length of a longest common subsequence, by dynamic programming.
func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
