// Package plugin registers ctxlint's analyzers as golangci-lint v2 module
// plugins. Importing it for its side effect, in a golangci-lint binary built
// with `golangci-lint custom` (or with this package blank-imported into
// golangci-lint's main package), makes each analyzer of [ctxlint.Analyzers] a
// linter of its own, named exactly like the analyzer, so that
// `linters.enable`/`disable`, `//nolint:lostcancel2` and SARIF rule ids all
// work per analyzer.
//
// Each linter must be declared under `linters.settings.custom` with
// `type: module`; its `settings` map sets the analyzer's own flags
// (analysis.Analyzer.Flags): `{names: [Purge], keepvalues: true}` sets
// -names=Purge and -keepvalues=true, and a list becomes a comma-separated
// value. An unknown key is an error that lists the known ones.
//
// The flags are package-level state of each analyzer, so settings apply to
// the whole golangci-lint process (one configuration per process, as
// golangci-lint runs), not to a single package or directory.
package plugin

import (
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/ctxlint/ctxlint"
)

func init() {
	for _, a := range ctxlint.Analyzers() {
		register.Plugin(a.Name, newPlugin(a))
	}
}

// newPlugin returns golangci-lint's constructor for the linter that runs a
// alone: golangci-lint calls it with the linter's `settings` value.
func newPlugin(a *analysis.Analyzer) register.NewPlugin {
	return func(settings any) (register.LinterPlugin, error) {
		if err := applySettings(a.Name, &a.Flags, settings); err != nil {
			return nil, err
		}
		return linter{a}, nil
	}
}

// linter is one analyzer presented as a golangci-lint linter.
type linter struct{ analyzer *analysis.Analyzer }

func (l linter) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{l.analyzer}, nil
}

// GetLoadMode asks for type information: every ctxlint analyzer needs it,
// through the shared context model.
func (linter) GetLoadMode() string { return register.LoadModeTypesInfo }
