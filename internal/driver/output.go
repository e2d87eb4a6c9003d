package driver

import (
	"fmt"
	"io"
	"strings"
)

// positionString renders f's position as "file:line:col" with the file
// relative to the working directory when it lies beneath it.
func positionString(f finding, paths *pathShortener) string {
	if !f.posn.IsValid() {
		return "-"
	}
	s := fmt.Sprintf("%s:%d", paths.file(f.posn.Filename), f.posn.Line)
	if f.posn.Column > 0 {
		s += fmt.Sprintf(":%d", f.posn.Column)
	}
	return s
}

// label renders f as one line of text output:
// "file:line:col: analyzer: message".
func label(f finding, paths *pathShortener) string {
	return fmt.Sprintf("%s: %s: %s", positionString(f, paths), f.analyzer.Name, oneLineMessage(f.diag.Message))
}

// oneLineMessage keeps a multi-line message on its line in line-oriented
// formats.
func oneLineMessage(msg string) string {
	return strings.ReplaceAll(strings.TrimSpace(msg), "\n", " ")
}

// writeText writes one line per finding, each followed by the offending
// line and contextLines lines around it when contextLines >= 0.
func writeText(w io.Writer, findings []finding, paths *pathShortener, src *sources, contextLines int) {
	for _, f := range findings {
		fmt.Fprintln(w, label(f, paths))
		if contextLines >= 0 {
			writeContext(w, f, src, contextLines)
		}
	}
}

// maxContextLines bounds -c: more context than this is the whole file
// for any file a person reads, and an unbounded count would loop for
// ever or overflow.
const maxContextLines = 1000

func writeContext(w io.Writer, f finding, src *sources, n int) {
	n = min(n, maxContextLines)
	last := f.posn.Line
	if f.end.IsValid() && f.end.Filename == f.posn.Filename && f.end.Line > last {
		last = f.end.Line
	}
	for line := max(1, f.posn.Line-n); line <= last+n; line++ {
		if text, ok := src.line(f.posn.Filename, line); ok {
			fmt.Fprintf(w, "%d\t%s\n", line, text)
		}
	}
}

// writeIgnored lists suppressed findings with the directive that
// suppressed each of them.
func writeIgnored(w io.Writer, ignored []finding, paths *pathShortener) {
	for _, f := range ignored {
		fmt.Fprintf(w, "%s (ignored: %s)\n", label(f, paths), f.suppressedBy.text)
	}
}

// writeGitHub writes one GitHub Actions workflow command per finding, so
// that each appears as an annotation on the pull request (the file
// relative to the repository root):
//
//	::error file=a/b.go,line=3,col=2,title=lostcancel2::message
func writeGitHub(w io.Writer, findings []finding, paths *pathShortener) {
	for _, f := range findings {
		props := []string{
			"file=" + escapeGitHubProperty(paths.repoFile(f.posn.Filename)),
			fmt.Sprintf("line=%d", f.posn.Line),
			fmt.Sprintf("col=%d", f.posn.Column),
		}
		if f.end.IsValid() && f.end.Filename == f.posn.Filename && f.end.Line >= f.posn.Line {
			props = append(props, fmt.Sprintf("endLine=%d", f.end.Line))
			if f.end.Line == f.posn.Line {
				props = append(props, fmt.Sprintf("endColumn=%d", f.end.Column))
			}
		}
		props = append(props, "title="+escapeGitHubProperty(f.analyzer.Name))
		fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), escapeGitHubData(f.diag.Message))
	}
}

// escapeGitHubData escapes a workflow command's message: "%", "\r" and
// "\n" would otherwise end or corrupt the command.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a workflow command's property value, in
// which ":" and "," are separators as well.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
