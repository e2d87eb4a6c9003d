package driver

import (
	"bytes"
	"os"
)

// sources caches the contents of the files that suppressions, context
// lines, SARIF columns and fixes need to read.
type sources struct {
	files map[string][]byte
	errs  map[string]error
	lines map[string][]int // offsets at which each line starts
}

func newSources() *sources {
	return &sources{files: make(map[string][]byte), errs: make(map[string]error), lines: make(map[string][]int)}
}

func (s *sources) read(name string) ([]byte, error) {
	if data, ok := s.files[name]; ok {
		return data, nil
	}
	if err, ok := s.errs[name]; ok {
		return nil, err
	}
	data, err := os.ReadFile(name)
	if err != nil {
		s.errs[name] = err
		return nil, err
	}
	s.files[name] = data
	return data, nil
}

// line returns line n (1-based) of file name without its line ending,
// and false if the file cannot be read or is shorter.
func (s *sources) line(name string, n int) (string, bool) {
	data, err := s.read(name)
	if err != nil {
		return "", false
	}
	starts, ok := s.lines[name]
	if !ok {
		starts = lineStarts(data)
		s.lines[name] = starts
	}
	if n < 1 || n > len(starts) {
		return "", false
	}
	line := data[starts[n-1]:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return string(bytes.TrimSuffix(line, []byte("\r"))), true
}

// lineStarts returns the offset of the start of each line of data; a
// final newline does not start another line.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}
