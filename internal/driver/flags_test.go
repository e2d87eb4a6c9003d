package driver

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func testAnalyzers() []*analysis.Analyzer {
	noop := func(*analysis.Pass) (any, error) { return nil, nil }
	a := &analysis.Analyzer{Name: "alpha", Doc: "alpha reports alphas.\n\nMore detail.", Run: noop}
	a.Flags.String("names", "", "extra names")
	b := &analysis.Analyzer{Name: "beta", Doc: "beta reports betas.", Run: noop}
	return []*analysis.Analyzer{a, b}
}

func names(analyzers []*analysis.Analyzer) string {
	var s []string
	for _, a := range analyzers {
		s = append(s, a.Name)
	}
	return strings.Join(s, ",")
}

// TestSelectAnalyzers follows multichecker: any -NAME=true selects only
// those; otherwise -NAME=false removes one.
func TestSelectAnalyzers(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "alpha,beta"},
		{[]string{"-alpha=false"}, "beta"},
		{[]string{"-beta"}, "beta"},
		{[]string{"-beta", "-alpha=false"}, "beta"},
		{[]string{"-alpha=false", "-beta=false"}, ""},
		{[]string{"-alpha=true", "-beta=true"}, "alpha,beta"},
	}
	for _, tt := range tests {
		opts, _, err := parseFlags(testAnalyzers(), tt.args)
		if err != nil {
			t.Errorf("parseFlags(%q): %v", tt.args, err)
			continue
		}
		if got := names(opts.analyzers); got != tt.want {
			t.Errorf("parseFlags(%q) selects %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestParseFlags(t *testing.T) {
	as := testAnalyzers()
	opts, _, err := parseFlags(as, []string{"-c=2", "-test=false", "-alpha.names=x,y", "-diff", "./..."})
	if err != nil {
		t.Fatal(err)
	}
	if opts.format != formatText || opts.context != 2 || opts.tests || !opts.fix || !opts.diff || strings.Join(opts.patterns, " ") != "./..." {
		t.Errorf("options = %+v", *opts)
	}
	if got := as[0].Flags.Lookup("names").Value.String(); got != "x,y" {
		t.Errorf("-alpha.names did not reach the analyzer's flag: %q", got)
	}

	if opts, _, err := parseFlags(as, []string{"-json"}); err != nil || opts.format != formatJSON {
		t.Errorf("-json: format %v, err %v", opts, err)
	}

	for _, args := range [][]string{
		{"-nosuch"},
		{"-format=xml"},
		{"-json", "-format=sarif"},
		{"-fix", "-format=sarif"},
		{"-alpha=maybe"},
		{"-V"},
	} {
		if _, _, err := parseFlags(testAnalyzers(), args); err == nil || err == errHelp {
			t.Errorf("parseFlags(%q) = %v, want an error", args, err)
		}
	}
	if _, _, err := parseFlags(testAnalyzers(), []string{"-h"}); err != errHelp {
		t.Errorf("parseFlags(-h) = %v, want errHelp", err)
	}
}

func TestIsVetToolInvocation(t *testing.T) {
	for _, args := range [][]string{
		{"-V=full"},
		{"-flags"},
		{"--flags"},
		{"/tmp/go-build123/b001/vet.cfg"},
		{"-lostcancel2=false", "-json", "vet.cfg"},
	} {
		if !isVetToolInvocation(args) {
			t.Errorf("isVetToolInvocation(%q) = false", args)
		}
	}
	for _, args := range [][]string{
		nil,
		{"./..."},
		{"flags"}, // a package pattern
		{"-json", "./..."},
		{"help"},
		{"--", "-flags"},
	} {
		if isVetToolInvocation(args) {
			t.Errorf("isVetToolInvocation(%q) = true", args)
		}
	}
}

func TestHelp(t *testing.T) {
	as := testAnalyzers()
	var out strings.Builder
	_, fs, _ := parseFlags(as, nil)
	writeUsage(&out, as, fs)
	for _, want := range []string{"alpha            alpha reports alphas.\n", "-alpha.names", "-format", "Exit status"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if !writeAnalyzerHelp(&out, as, "alpha") || !strings.Contains(out.String(), "More detail.") || !strings.Contains(out.String(), "-alpha.names") {
		t.Errorf("help alpha:\n%s", out.String())
	}
	if writeAnalyzerHelp(&out, as, "gamma") {
		t.Errorf("help for an unknown analyzer succeeded")
	}
}
