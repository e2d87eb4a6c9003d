package driver

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// A problem is an error of the run (a package that does not load, an
// analyzer that fails), one line, "file:line:col: message" when it has a
// position, the file relative to the working directory.
type problem string

// problemPosition matches the position a problem starts with, if any.
var problemPosition = regexp.MustCompile(`^(.+?\.go):([0-9]+)(?::([0-9]+))?: (.*)$`)

// split returns the problem's file, line, column (0 if absent) and
// message; file is "" for a problem without a position.
func (p problem) split() (file string, line, col int, msg string) {
	m := problemPosition.FindStringSubmatch(string(p))
	if m == nil {
		return "", 0, 0, string(p)
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col, m[4]
}

// fail reports problems that stop the run before any output: on stderr,
// one line each, and in the selected format on stdout, so that a CI step
// consuming that output shows them (an annotation, a SARIF log whose
// invocation failed, a JSON error object) instead of failing on an empty
// file. It returns the exit status.
func (inv *invocation) fail(problems ...string) int {
	inv.reportProblems(problems)
	var err error
	switch inv.opts.format {
	case formatJSON:
		err = writeJSONErrors(inv.stdout, problems)
	case formatSARIF:
		err = writeSARIF(inv.stdout, sortedByName(inv.opts.analyzers), nil, nil, problems, inv.paths, inv.src)
	case formatGitHub:
		writeGitHubErrors(inv.stdout, problems, inv.paths)
	}
	if err != nil {
		inv.errorf("writing output: %v", err)
	}
	return exitError
}

// writeJSONErrors writes the JSON output of a run that analyzed nothing:
// {"errors": ["..."]}, in place of the tree of packages.
func writeJSONErrors(w io.Writer, problems []string) error {
	data, err := json.MarshalIndent(struct {
		Errors []string `json:"errors"`
	}{problems}, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// writeGitHubErrors writes one ::error workflow command per problem, on
// the file and line it names when it names one.
func writeGitHubErrors(w io.Writer, problems []string, paths *pathShortener) {
	for _, p := range problems {
		file, line, col, msg := problem(p).split()
		props := []string{"title=" + progName}
		if file != "" {
			props = []string{"file=" + escapeGitHubProperty(paths.repoFile(paths.absolute(file))), fmt.Sprintf("line=%d", line)}
			if col > 0 {
				props = append(props, fmt.Sprintf("col=%d", col))
			}
			props = append(props, "title="+progName)
		}
		fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), escapeGitHubData(msg))
	}
}
