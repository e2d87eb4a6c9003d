package driver

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// buildVersion is what the build information says about this binary.
type buildVersion struct {
	module    string // the main module's version: "v0.1.0", a pseudo-version, or "(devel)"
	revision  string // the VCS revision, when the build stamped one
	modified  bool   // the checkout had uncommitted changes
	goVersion string
}

// readBuildVersion reads the version the go command recorded in the
// binary: go install MODULE@VERSION records the module version, go build
// in a checkout records a pseudo-version and the VCS revision (unless
// -buildvcs=false), and go run records "(devel)" and no revision.
func readBuildVersion() buildVersion {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return buildVersion{module: "(devel)"}
	}
	return buildVersionOf(info)
}

func buildVersionOf(info *debug.BuildInfo) buildVersion {
	v := buildVersion{module: info.Main.Version, goVersion: info.GoVersion}
	if v.module == "" {
		v.module = "(devel)"
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.revision = s.Value
		case "vcs.modified":
			v.modified = s.Value == "true"
		}
	}
	return v
}

// String is the version without the program name, as SARIF's
// tool.driver.version carries it: "v0.1.0", or
// "(devel) revision 0123abcd... modified".
func (v buildVersion) String() string {
	s := v.module
	if v.revision != "" {
		s += " revision " + v.revision
		if v.modified {
			s += " modified"
		}
	}
	return s
}

// writeVersion answers -version.
func writeVersion(w io.Writer) {
	v := readBuildVersion()
	line := progName + " " + v.String()
	if v.goVersion != "" {
		line += ", built with " + v.goVersion
	}
	fmt.Fprintln(w, line)
}

// isVetVersionQuery reports whether args ask for go vet's -V=full.
func isVetVersionQuery(args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if strings.TrimLeft(a, "-") == "V=full" {
			return true
		}
	}
	return false
}

// writeVetVersion answers -V=full, which go vet asks to key its cache of
// the tool's results. go vet takes the whole line as the key when the
// word after "version" is not "devel", so the line carries the version
// and, as unitchecker's answer does, a hash of the executable: the key
// changes whenever the binary does, even between two builds of one
// revision with uncommitted changes.
func writeVetVersion(w io.Writer) error {
	id, err := executableHash()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s version %s buildID=%s\n", progName, readBuildVersion(), id)
	return err
}

func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}
