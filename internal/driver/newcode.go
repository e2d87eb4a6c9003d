package driver

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// changedLines is what -new-from-rev=REV counts as new code: the lines
// `git diff REV` adds or changes in the working tree (committed or not),
// and every line of the files git does not track yet, as golangci-lint's
// --new-from-rev counts them.
type changedLines struct {
	top       string                  // the repository's top directory
	lines     map[string]map[int]bool // path relative to top (slashes) -> changed lines
	untracked map[string]bool         // path relative to top -> new file
}

// changedSince asks git, in dir, what changed since rev.
func changedSince(dir, rev string) (*changedLines, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	c := &changedLines{top: filepath.Clean(strings.TrimSpace(string(top))), lines: make(map[string]map[int]bool), untracked: make(map[string]bool)}
	diff, err := git(c.top, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", rev, "--")
	if err != nil {
		return nil, err
	}
	c.addDiff(diff)
	others, err := git(c.top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, name := range strings.Split(string(others), "\x00") {
		if name != "" {
			c.untracked[name] = true
		}
	}
	return c, nil
}

// hunkHeader matches "@@ -a,b +c,d @@": the new side starts at line c and
// spans d lines (1 when ",d" is absent, none for a pure deletion).
var hunkHeader = regexp.MustCompile(`^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,([0-9]+))? @@`)

// addDiff records the new-side lines of each hunk of a unified diff.
func (c *changedLines) addDiff(diff []byte) {
	var file string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "+++ "); ok {
			file = strings.TrimPrefix(name, "b/") // "/dev/null" for a deleted file: no hunk adds to it
			continue
		}
		m := hunkHeader.FindStringSubmatch(line)
		if m == nil || file == "" {
			continue
		}
		start, _ := strconv.Atoi(m[1])
		count := 1
		if m[2] != "" {
			count, _ = strconv.Atoi(m[2])
		}
		for l := start; l < start+count; l++ {
			if c.lines[file] == nil {
				c.lines[file] = make(map[int]bool)
			}
			c.lines[file][l] = true
		}
	}
}

// isNew reports whether line of filename (absolute) is new code.
func (c *changedLines) isNew(filename string, line int) bool {
	rel, err := filepath.Rel(c.top, filename)
	if err != nil || !filepath.IsLocal(rel) {
		// git names the top directory with symbolic links resolved.
		if real, err := filepath.EvalSymlinks(filename); err == nil {
			rel, err = filepath.Rel(c.top, real)
		}
		if err != nil || !filepath.IsLocal(rel) {
			return false // outside the repository: not this change's code
		}
	}
	rel = filepath.ToSlash(rel)
	return c.untracked[rel] || c.lines[rel][line]
}

// git runs git in dir and returns its stdout, or an error quoting its
// first line of stderr.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("-new-from-rev: git %s: %s", args[0], msg)
	}
	return out, nil
}
