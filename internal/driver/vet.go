package driver

import (
	"flag"
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
	unitchecker.Main(analyzers...)
}
