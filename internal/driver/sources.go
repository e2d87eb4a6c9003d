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
}

func newSources() *sources {
	return &sources{files: make(map[string][]byte), errs: make(map[string]error)}
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

// line returns line n (1-based) of file name without its newline, and
// false if the file cannot be read or is shorter.
func (s *sources) line(name string, n int) (string, bool) {
	data, err := s.read(name)
	if err != nil || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return "", false
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(bytes.TrimSuffix(data, []byte("\r"))), true
}
