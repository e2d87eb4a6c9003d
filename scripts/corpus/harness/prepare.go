//go:build unix

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// readyMarker is written into a module copy once it builds, so later runs
// reuse the copy. Its content records the module version it was made from.
const readyMarker = ".ctxlint-corpus-ready"

// srcDir is the writable copy of m that every run analyzes.
func (e *env) srcDir(m module) string {
	return filepath.Join(e.work, "src", m.String())
}

// prepare makes a writable, building copy of m: it downloads the module,
// copies it out of the read-only module cache and fixes the known snags.
// A copy already marked ready is reused.
func (e *env) prepare(m module) (string, error) {
	dir := e.srcDir(m)
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()
	if b, err := os.ReadFile(filepath.Join(dir, readyMarker)); err == nil && string(b) == m.String() {
		return dir, nil
	}
	cached, err := e.download(m)
	if err != nil {
		return "", err
	}
	if err := copyTree(cached, dir); err != nil {
		return "", err
	}
	if err := useTestModFile(dir); err != nil {
		return "", err
	}
	if err := e.dropLocalReplaces(dir); err != nil {
		return "", err
	}
	if out, err := e.goCmd(dir, "mod", "download"); err != nil {
		return "", fmt.Errorf("%v\n%s", err, firstLines(out, 10))
	}
	if out, err := e.goCmd(dir, "build", "./..."); err != nil {
		// Some go.sum files lack entries only the build needs.
		if _, terr := e.goCmd(dir, "mod", "tidy"); terr != nil {
			return "", fmt.Errorf("%v\n%s", err, firstLines(out, 10))
		}
		if out, err := e.goCmd(dir, "build", "./..."); err != nil {
			return "", fmt.Errorf("%v (after go mod tidy)\n%s", err, firstLines(out, 10))
		}
	}
	// Compile the test dependencies once, so that the measured go vet run
	// finds them in the build cache like the other two runs find theirs.
	// With -json, findings (k8s.io/client-go's tests have lostcancel
	// findings) do not make go vet fail; errors still do.
	if out, err := e.goCmd(dir, "vet", "-lostcancel", "-json", "./..."); err != nil {
		return "", fmt.Errorf("%v\n%s", err, firstLines(out, 10))
	}
	return dir, os.WriteFile(filepath.Join(dir, readyMarker), []byte(m.String()), 0o644)
}

func (e *env) download(m module) (string, error) {
	out, err := output(e.work, e.vars, "go", "mod", "download", "-json", m.String()) // outside any module
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal([]byte(out), &info); jerr != nil || info.Error != "" || err != nil {
		return "", fmt.Errorf("go mod download %s: %v %s", m, err, info.Error)
	}
	return info.Dir, nil
}

// copyTree replaces dst by a writable copy of src (module cache files are
// read-only).
func copyTree(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("cp", "-R", src, dst).CombinedOutput(); err != nil {
		return fmt.Errorf("copying %s: %v\n%s", src, err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", dst).CombinedOutput(); err != nil {
		return fmt.Errorf("chmod %s: %v\n%s", dst, err, out)
	}
	return nil
}

// useTestModFile adopts go_test.mod/go_test.sum where a module keeps its
// test dependencies there (nats.go does): ctxlint analyzes test files, so
// their imports must resolve.
func useTestModFile(dir string) error {
	for _, name := range []string{"mod", "sum"} {
		from := filepath.Join(dir, "go_test."+name)
		if _, err := os.Stat(from); err != nil {
			continue
		}
		if err := os.Rename(from, filepath.Join(dir, "go."+name)); err != nil {
			return err
		}
	}
	return nil
}

// dropLocalReplaces removes replace directives pointing at directories
// outside the module (the etcd modules replace their siblings with
// ../api and the like); the go.mod's require lines already name the
// pinned released versions, which are then downloaded instead.
func (e *env) dropLocalReplaces(dir string) error {
	out, err := e.goCmd(dir, "mod", "edit", "-json")
	if err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	var gomod struct {
		Replace []struct {
			Old, New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal([]byte(out), &gomod); err != nil {
		return fmt.Errorf("go mod edit -json in %s: %v", dir, err)
	}
	for _, r := range gomod.Replace {
		if !strings.HasPrefix(r.New.Path, ".") && !filepath.IsAbs(r.New.Path) {
			continue
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		if out, err := e.goCmd(dir, "mod", "edit", "-dropreplace="+old); err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
	}
	return nil
}

// lockFile takes an exclusive lock on file, waiting for it, so that two
// harness runs sharing a work directory never prepare one module at once.
func lockFile(file string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %v", file, err)
	}
	return func() { f.Close() }, nil
}
