//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// diag is one diagnostic, its file spelled module/path/file.go.
type diag struct {
	Analyzer string
	File     string
	Line     int
	Col      int
	Message  string
	Fixes    int   // suggested fixes offered
	Related  []pos // related positions, for the vet-superset check
}

type pos struct {
	File string
	Line int
}

func (d diag) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, d.Analyzer, d.Message)
}

// key identifies a diagnostic for triage: messages may be reworded while
// the positions of a pinned corpus stay put.
func (d diag) key() string { return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Analyzer) }

// jsonTree is the -json output of multichecker, unitchecker and ctxlint:
// package path -> analyzer -> a list of diagnostics or {"error": "..."}.
type jsonTree map[string]map[string]json.RawMessage

type jsonDiag struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn string `json:"posn"`
	} `json:"related"`
}

// parseJSON reads a stream of JSON trees (go vet prints one per package,
// between "# pkg" lines) and returns the diagnostics, deduplicated (a
// package and its test variant report shared files twice), and the error
// entries. name maps an absolute file name to its module/path/file.go form.
func parseJSON(out []byte, name func(string) string) ([]diag, []string, error) {
	var (
		diags []diag
		errs  []string
		seen  = map[string]bool{}
	)
	dec := json.NewDecoder(bytes.NewReader(withoutHeaders(out)))
	for {
		var tree jsonTree
		err := dec.Decode(&tree)
		if err == io.EOF {
			break
		}
		if err != nil {
			return diags, errs, fmt.Errorf("decoding JSON diagnostics: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
					var e struct{ Error string }
					_ = json.Unmarshal(raw, &e)
					errs = append(errs, fmt.Sprintf("%s: %s: %s", pkg, analyzer, e.Error))
					continue
				}
				var list []jsonDiag
				if err := json.Unmarshal(raw, &list); err != nil {
					return diags, errs, fmt.Errorf("%s: %s: %v", pkg, analyzer, err)
				}
				for _, jd := range list {
					d := toDiag(analyzer, jd, name)
					if k := d.String() + ":" + strconv.Itoa(d.Col); !seen[k] {
						seen[k] = true
						diags = append(diags, d)
					}
				}
			}
		}
	}
	sortDiags(diags)
	sort.Strings(errs)
	return diags, errs, nil
}

func toDiag(analyzer string, jd jsonDiag, name func(string) string) diag {
	file, line, col := splitPosn(jd.Posn)
	d := diag{
		Analyzer: analyzer,
		File:     name(file),
		Line:     line,
		Col:      col,
		Message:  jd.Message,
		Fixes:    len(jd.SuggestedFixes),
	}
	for _, r := range jd.Related {
		f, l, _ := splitPosn(r.Posn)
		d.Related = append(d.Related, pos{name(f), l})
	}
	return d
}

// splitPosn splits "file.go:12:3" (or "file.go:12").
func splitPosn(posn string) (file string, line, col int) {
	file = posn
	nums := []int{}
	for range 2 {
		i := strings.LastIndexByte(file, ':')
		if i < 0 {
			break
		}
		n, err := strconv.Atoi(file[i+1:])
		if err != nil {
			break
		}
		nums = append([]int{n}, nums...)
		file = file[:i]
	}
	switch len(nums) {
	case 2:
		return file, nums[0], nums[1]
	case 1:
		return file, nums[0], 0
	}
	return file, 0, 0
}

// ignoredLine is how -show-ignored lists a suppressed finding on stderr.
var ignoredLine = regexp.MustCompile(`^(.+):(\d+):(\d+): (\w+): (.*) \(ignored: .*\)$`)

// parseIgnored returns the findings ctxlint's -show-ignored lists in
// stderr: the module's own //nolint comments hide them from the JSON, but
// they still count for the vet-superset check, which is about what the
// analyzer finds.
func parseIgnored(stderr []byte, name func(string) string) []diag {
	var ds []diag
	for _, line := range strings.Split(string(stderr), "\n") {
		m := ignoredLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		l, _ := strconv.Atoi(m[2])
		c, _ := strconv.Atoi(m[3])
		ds = append(ds, diag{Analyzer: m[4], File: name(m[1]), Line: l, Col: c, Message: m[5]})
	}
	sortDiags(ds)
	return ds
}

// withoutHeaders drops the "# package" lines go vet prints between the
// JSON trees of packages.
func withoutHeaders(out []byte) []byte {
	var buf bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		if bytes.HasPrefix(sc.Bytes(), []byte("# ")) {
			continue
		}
		buf.Write(sc.Bytes())
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// moduleNamer spells files under dir, a copy of module path, as
// path/rel/file.go, and any other file by its base name, so that no path
// of the machine running the corpus reaches the report.
func moduleNamer(dir, path string) func(string) string {
	return func(file string) string {
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file) // the driver shortens paths below its working directory
		}
		if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			return path + "/" + filepath.ToSlash(rel)
		}
		return "(outside the module)/" + filepath.Base(file)
	}
}

func sortDiags(ds []diag) {
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Analyzer != b.Analyzer {
			return a.Analyzer < b.Analyzer
		}
		return a.Message < b.Message
	})
}

// vetMisses returns the go vet lostcancel diagnostics at whose line
// lostcancel2 reports nothing (neither a diagnostic nor a related
// position).
func vetMisses(vet, ours []diag) []diag {
	covered := map[pos]bool{}
	for _, d := range ours {
		if d.Analyzer != "lostcancel2" {
			continue
		}
		covered[pos{d.File, d.Line}] = true
		for _, r := range d.Related {
			covered[r] = true
		}
	}
	var misses []diag
	for _, d := range vet {
		if d.Analyzer == "lostcancel" && !covered[pos{d.File, d.Line}] {
			misses = append(misses, d)
		}
	}
	return misses
}

// isPanic reports whether a command's stderr shows a Go panic or a fatal
// runtime error.
func isPanic(stderr []byte) bool {
	return bytes.Contains(stderr, []byte("panic: ")) ||
		bytes.Contains(stderr, []byte("fatal error: ")) ||
		bytes.Contains(stderr, []byte("goroutine ")) && bytes.Contains(stderr, []byte("[running]"))
}
