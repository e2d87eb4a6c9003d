package driver

import (
	"encoding/json"
	"fmt"
	"io"
)

// writeJSON writes multichecker's -json tree (package ID -> analyzer ->
// diagnostics, or {"error": ...} for an analysis that failed), field for
// field as x/tools' checker prints it. Each analyzer's list is sorted as
// the text output is (file, line, column, message): analyzers report in
// the order they find things, which differs from the order of lines and,
// for some, from run to run, and tools that diff two runs' output need
// one order.
func writeJSON(w io.Writer, res *runResults) error {
	tree := make(map[string]map[string]any)
	add := func(id, analyzer string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][analyzer] = v
	}
	for _, pr := range res.packages {
		for _, ar := range pr.Actions {
			var diags []jsonDiagnostic
			for _, rec := range ar.Diagnostics {
				if rec.Suppressed == nil {
					diags = append(diags, jsonDiagnosticOf(rec))
				}
			}
			if len(diags) > 0 {
				add(pr.ID, ar.Analyzer, diags)
			}
		}
	}
	for id, byAnalyzer := range res.failed {
		for analyzer, msg := range byAnalyzer {
			add(id, analyzer, jsonError{msg})
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// The JSON schema of x/tools' analysis drivers.
type (
	jsonError struct {
		Err string `json:"error"`
	}
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
	jsonSuggestedFix struct {
		Message string       `json:"message"`
		Edits   []editRecord `json:"edits"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

func jsonDiagnosticOf(rec diagRecord) jsonDiagnostic {
	end := rec.End
	if !end.IsValid() {
		end = rec.Posn
	}
	d := jsonDiagnostic{Category: rec.Category, Posn: rec.Posn.String(), End: end.String(), Message: rec.Message}
	for _, f := range rec.Fixes {
		d.SuggestedFixes = append(d.SuggestedFixes, jsonSuggestedFix{Message: f.Message, Edits: f.Edits})
	}
	for _, r := range rec.Related {
		d.Related = append(d.Related, jsonRelated{Posn: r.Posn.String(), End: r.End.String(), Message: r.Message})
	}
	return d
}
