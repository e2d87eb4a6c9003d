package driver

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// isVetToolInvocation reports whether args look like a call from
// "go vet -vettool": go vet first asks for the tool's version (-V=full)
// and its flags (-flags), then runs it once per package with flags and a
// single *.cfg file describing the package.
func isVetToolInvocation(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if name := strings.TrimLeft(a, "-"); a != name && (name == "V=full" || name == "flags") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// runVetTool hands the command line to unitchecker, which implements the
// go vet protocol (version, flags, separate analysis with facts in files)
// and exits the process itself.
func runVetTool(analyzers []*analysis.Analyzer, args []string) {
	for _, a := range args {
		if strings.TrimLeft(a, "-") == "V=full" {
			// Answer the version query alone, whatever other flags
			// surround it, so that it behaves the same in both modes.
			args = []string{"-V=full"}
			break
		}
	}
	os.Args = append([]string{os.Args[0]}, args...)
	flag.CommandLine = flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	exitOnPanic(analyzers)
	unitchecker.Main(analyzers...)
}

// exitOnPanic makes every analyzer that analyzers need end the process
// on a panic with one line naming the analyzer and the package, and exit
// status 2, as the standalone driver reports it. unitchecker recovers
// nothing: go vet would show a goroutine dump for each package. go vet
// runs the tool once per package, so there is nothing else to finish.
func exitOnPanic(analyzers []*analysis.Analyzer) {
	for _, a := range requiredClosure(analyzers) {
		run := a.Run
		a.Run = func(pass *analysis.Pass) (any, error) {
			defer func() {
				if r := recover(); r != nil {
					fmt.Fprintf(os.Stderr, "%s: %v\n", progName, &analyzerError{a.Name, pass.Pkg.Path(), fmt.Sprintf("panic: %v", r)})
					os.Exit(exitError)
				}
			}()
			return run(pass)
		}
	}
}
