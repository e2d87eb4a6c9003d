//go:build unix

package driver

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f the owner and group of the file info describes, so
// that a fix run by root does not hand a user's file to root. It fails
// silently where the caller may not change owners: the file is then the
// caller's, as with any editor that saves by renaming.
func keepOwner(f *os.File, info fs.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		_ = f.Chown(int(st.Uid), int(st.Gid))
	}
}
