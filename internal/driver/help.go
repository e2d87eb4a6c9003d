package driver

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const usageHeader = `ctxlint reports context-cancellation mistakes in Go code.

Usage:
  ctxlint [flags] packages...      analyze packages (go list patterns, e.g. ./...)
  ctxlint help                     this text
  ctxlint help NAME                an analyzer's documentation and flags
  go vet -vettool=$(command -v ctxlint) [flags] packages...

Exit status: 0 no diagnostics, 1 diagnostics, 2 errors (bad flags or
patterns, packages that do not load, parse or type-check, analyzer
failures). Diagnostics go to stdout, errors to stderr.
`

// summary returns the first paragraph of a's documentation on one line.
func summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(strings.TrimSpace(a.Doc), "\n\n")
	return strings.Join(strings.Fields(first), " ")
}

// writeUsage writes the general help: modes, analyzers, flags.
func writeUsage(w io.Writer, analyzers []*analysis.Analyzer, fs *flag.FlagSet) {
	fmt.Fprint(w, usageHeader)
	fmt.Fprintf(w, "\nAnalyzers (all run by default; -NAME runs only the analyzers so named,\n-NAME=false runs all but that one):\n\n")
	for _, a := range analyzers {
		fmt.Fprintf(w, "  %-16s %s\n", a.Name, summary(a))
	}
	fmt.Fprintf(w, "\nFlags:\n\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nRun '%s help NAME' for an analyzer's documentation.\n", progName)
}

// writeAnalyzerHelp writes an analyzer's documentation and its flags, or
// returns false if no analyzer is so named.
func writeAnalyzerHelp(w io.Writer, analyzers []*analysis.Analyzer, name string) bool {
	for _, a := range analyzers {
		if a.Name != name {
			continue
		}
		fmt.Fprintf(w, "%s: %s\n", a.Name, strings.TrimSpace(a.Doc))
		fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
		a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, a.Name+"."+f.Name, f.Usage) })
		fmt.Fprintf(w, "\nFlags:\n\n")
		fmt.Fprintf(w, "  -%s\n    \tenable the %s analyzer (with -%s=false, run every analyzer but this one)\n", a.Name, a.Name, a.Name)
		fs.SetOutput(w)
		fs.PrintDefaults()
		return true
	}
	return false
}
