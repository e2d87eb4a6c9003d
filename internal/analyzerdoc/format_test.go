package analyzerdoc_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint"
	"github.com/ctxlint/ctxlint/internal/analyzerdoc"
)

// repoRoot is the repository root, seen from this package's directory.
const repoRoot = "../.."

// TestDocFormat checks every analyzer's doc.go against the one format
// (analyzerdoc.Doc): the package sentence, the "# Analyzer NAME" section
// with its summary, introduction, numbered rules with examples and closing
// sections, and the URL of the generated page.
func TestDocFormat(t *testing.T) {
	for _, a := range ctxlint.Analyzers() {
		t.Run(a.Name, func(t *testing.T) {
			checkPackageSentence(t, a)
			if _, err := analyzerdoc.Parse(a); err != nil {
				t.Error(err)
			}
			if want := analyzerdoc.URL(a.Name); a.URL != want {
				t.Errorf("URL = %q, want %q", a.URL, want)
			}
		})
	}
}

// checkPackageSentence checks that doc.go's package comment opens with one
// paragraph, "Package NAME defines an analyzer that reports ...", which go
// doc and pkg.go.dev show as the synopsis, before "# Analyzer NAME".
func checkPackageSentence(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	path := filepath.Join(repoRoot, "analyzers", a.Name, "doc.go")
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		t.Fatalf("%s: no package comment (%v)", path, err)
	}
	head, _, ok := strings.Cut(f.Doc.Text(), "# Analyzer "+a.Name+"\n")
	if !ok {
		t.Fatalf("%s: no %q heading", path, "# Analyzer "+a.Name)
	}
	head = strings.TrimSpace(head)
	if want := "Package " + a.Name + " defines an analyzer that reports "; !strings.HasPrefix(head, want) || strings.Contains(head, "\n\n") {
		t.Errorf("%s: the package comment must open with one paragraph %q..., got %q", path, want, head)
	}
}

// TestParseRejects checks that Parse catches each departure from the format.
func TestParseRejects(t *testing.T) {
	const intro = "report demos\n\nDemos waste time.\n\n"
	const rule1 = "# Rule 1: a demo\n\nBad:\n\n\tdemo()\n\n"
	for _, tc := range []struct{ name, doc, want string }{
		{"no summary", "Demos waste time.\n\n" + rule1, "summary paragraph"},
		{"no introduction", "report demos\n\n" + rule1, "no introduction"},
		{"no rules", intro, "no \"# Rule 1: title\" section"},
		{"old rule paragraph", intro + "Rule 1, a demo. Text.\n\n\tdemo()\n", "no \"# Rule 1: title\" section"},
		{"rule paragraph inside a section", intro + rule1 + "Rule 2, another. Text.\n", "needs its own"},
		{"gap in numbering", intro + rule1 + "# Rule 3: a third\n\n\tdemo()\n", "follows rule 1"},
		{"malformed rule heading", intro + "# Rule one\n\n\tdemo()\n", "is not"},
		{"rule without example", intro + "# Rule 1: a demo\n\nNo code.\n", "no code example"},
		{"rule after closing section", intro + rule1 + "# Suggested fixes\n\nNone.\n\n# Rule 2: late\n\n\tdemo()\n", "after the closing section"},
		{"flags section", intro + rule1 + "# Flags\n\n-x does things.\n", "no Flags section"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := analyzerdoc.Parse(&analysis.Analyzer{Name: "demo", Doc: tc.doc})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := analyzerdoc.Parse(&analysis.Analyzer{Name: "demo", Doc: intro + rule1 + "# Suggested fixes\n\nNone.\n"}); err != nil {
		t.Errorf("Parse rejects a well-formed doc: %v", err)
	}
}

// TestGeneratedDocsUpToDate fails when docs/analyzers or the README's
// analyzer sections differ from what `go generate` writes from doc.go.
func TestGeneratedDocsUpToDate(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := analyzerdoc.Files(string(readme), ctxlint.Analyzers())
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range analyzerdoc.Paths(files) {
		got, err := os.ReadFile(filepath.Join(repoRoot, path))
		if err != nil || string(got) != files[path] {
			t.Errorf("%s is not what the generator writes from doc.go (%v); run go generate ./...", path, err)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(repoRoot, "docs", "analyzers", "*.md"))
	for _, p := range pages {
		rel, _ := filepath.Rel(repoRoot, p)
		if _, ok := files[filepath.ToSlash(rel)]; !ok {
			t.Errorf("%s documents no analyzer; run go generate ./...", rel)
		}
	}
}
