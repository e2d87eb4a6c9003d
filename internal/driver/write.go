package driver

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// The fix writer never leaves a file half written: each new content goes
// to a temporary file in the file's own directory (so that the rename is
// atomic: same file system), which is renamed over the original only when
// every temporary file has been written in full. If a rename fails, the
// files already replaced get their original content back.

// Seams for tests: the writes and renames that a full disk, an immutable
// file or a read-only directory make fail.
var (
	writeTemp  = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
	renameFile = os.Rename
)

// pendingFile is one file about to be replaced.
type pendingFile struct {
	path     string // the file itself, symbolic links resolved
	temp     string // its new content, written in full
	original []byte // its content before the run, to restore it
	info     fs.FileInfo
}

// writeFiles replaces the contents of files (keyed by name), keeping each
// file's permissions, all or nothing. original returns a file's content
// before the run; display shortens a file name for a message. The error
// says whether any file was changed.
func writeFiles(contents map[string][]byte, original func(string) ([]byte, error), display func(string) string) error {
	var pending []*pendingFile
	removeTemps := func() {
		for _, p := range pending {
			os.Remove(p.temp)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(contents)) {
		p, err := prepareFile(name, contents[name], original)
		if err != nil {
			removeTemps()
			return fmt.Errorf("writing %s: %v; no file was changed", display(name), withoutPath(err))
		}
		pending = append(pending, p)
	}
	for i, p := range pending {
		if err := renameFile(p.temp, p.path); err != nil {
			removeTemps()
			return fmt.Errorf("replacing %s: %v; %s", display(p.path), withoutPath(err), restore(pending[:i], display))
		}
	}
	return nil
}

// prepareFile writes data to a temporary file next to name with name's
// permissions.
func prepareFile(name string, data []byte, original func(string) ([]byte, error)) (*pendingFile, error) {
	path, err := filepath.EvalSymlinks(name)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	old, err := original(name)
	if err != nil {
		return nil, err
	}
	p := &pendingFile{path: path, original: old, info: info}
	p.temp, err = writeTempFile(path, data, info)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// writeTempFile writes data to a new file in path's directory with the
// mode (and, where permitted, the owner) of info, and returns its name.
func writeTempFile(path string, data []byte, info fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".ctxlint-*")
	if err != nil {
		return "", err
	}
	err = errors.Join(writeTemp(f, data), f.Sync(), f.Chmod(info.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)))
	keepOwner(f, info)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// restore puts back the original contents of files already replaced and
// says what it did, for the error message.
func restore(replaced []*pendingFile, display func(string) string) string {
	if len(replaced) == 0 {
		return "no file was changed"
	}
	var failed []string
	for _, p := range replaced {
		temp, err := writeTempFile(p.path, p.original, p.info)
		if err == nil {
			err = renameFile(temp, p.path)
			if err != nil {
				os.Remove(temp)
			}
		}
		if err != nil {
			failed = append(failed, display(p.path))
		}
	}
	if len(failed) > 0 {
		return fmt.Sprintf("could not restore %q, which now hold their fixed content", failed)
	}
	if len(replaced) == 1 {
		return "the file already replaced has its original content back"
	}
	return fmt.Sprintf("the %d files already replaced have their original content back", len(replaced))
}

// withoutPath returns the reason of a file system error without the file
// name, which for a temporary file means nothing to the user.
func withoutPath(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
