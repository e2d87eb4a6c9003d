package driver

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
)

// A minimal SARIF 2.1.0 log: the fields GitHub code scanning and other
// consumers read, and every field the schema requires.
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/ctxlint/ctxlint"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation says whether the run succeeded and, if not, why: a
// consumer such as GitHub code scanning shows the notifications instead of
// taking an empty result list for a clean run.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
	FullDescription  sarifMessage `json:"fullDescription"`
	Help             sarifMessage `json:"help"`
	HelpURI          string       `json:"helpUri,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifMessage       `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion columns count UTF-16 code units, SARIF's default.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// writeSARIF writes findings (and, if non-nil, the suppressed ones,
// marked as suppressed in source) as a SARIF log with one rule per
// analyzer, and problems, the run's errors, as notifications of a failed
// invocation.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, findings, ignored []finding, problems []string, paths *pathShortener, src *sources) error {
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: progName, Version: readBuildVersion().String(), InformationURI: toolURI, Rules: []sarifRule{}}},
		Invocations: []sarifInvocation{sarifInvocationFor(problems, paths)},
		Results:     []sarifResult{},
	}
	ruleIndex := make(map[string]int)
	for _, a := range analyzers {
		ruleIndex[a.Name] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleFor(a))
	}
	for _, f := range append(append([]finding(nil), findings...), ignored...) {
		r := sarifResult{
			RuleID:    f.analyzer.Name,
			RuleIndex: ruleIndex[f.analyzer.Name],
			Level:     "error",
			Message:   sarifMessage{Text: f.diag.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocationFor(f, paths, src)}},
		}
		if f.suppressedBy != nil {
			r.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.suppressedBy.reason}}
		}
		run.Results = append(run.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifInvocationFor(problems []string, paths *pathShortener) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: len(problems) == 0}
	for _, p := range problems {
		file, line, col, msg := problem(p).split()
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: msg}}
		if file != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactFor(paths.absolute(file), paths),
				Region:           sarifRegion{StartLine: line, StartColumn: col},
			}}}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

func sarifRuleFor(a *analysis.Analyzer) sarifRule {
	doc := strings.TrimSpace(a.Doc)
	return sarifRule{
		ID:               a.Name,
		Name:             a.Name,
		ShortDescription: sarifMessage{Text: summary(a)},
		FullDescription:  sarifMessage{Text: doc},
		Help:             sarifMessage{Text: doc},
		HelpURI:          a.URL,
	}
}

func sarifPhysicalLocationFor(f finding, paths *pathShortener, src *sources) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{
		ArtifactLocation: sarifArtifactFor(f.posn.Filename, paths),
		Region: sarifRegion{
			StartLine:   f.posn.Line,
			StartColumn: utf16Column(src, f.posn.Filename, f.posn.Line, f.posn.Column),
		},
	}
	if f.end.IsValid() && f.end.Filename == f.posn.Filename && f.end.Line >= f.posn.Line {
		loc.Region.EndLine = f.end.Line
		loc.Region.EndColumn = utf16Column(src, f.end.Filename, f.end.Line, f.end.Column)
	}
	return loc
}

// sarifArtifactFor names a file by a URI relative to the repository root
// (%SRCROOT%, the checkout GitHub code scanning resolves it against), or
// by an absolute file URI when it lies outside it.
func sarifArtifactFor(filename string, paths *pathShortener) sarifArtifactLocation {
	rel := paths.repoFile(filename)
	if filepath.IsAbs(rel) {
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(rel)}).String()}
	}
	return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: "%SRCROOT%"}
}

// utf16Column converts a 1-based byte column to a 1-based column in
// UTF-16 code units; it keeps the byte column if the line is unreadable.
func utf16Column(src *sources, filename string, line, col int) int {
	text, ok := src.line(filename, line)
	if !ok || col < 1 || col-1 > len(text) {
		return col
	}
	units := 0
	for prefix := text[:col-1]; prefix != ""; {
		r, size := utf8.DecodeRuneInString(prefix)
		units += max(1, utf16.RuneLen(r)) // an invalid byte counts as one

		prefix = prefix[size:]
	}
	return units + 1
}
