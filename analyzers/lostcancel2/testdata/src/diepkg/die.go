// Package diepkg has a helper that never returns: paths that end in it,
// in other packages, end there.
package diepkg

import (
	"fmt"
	"os"
)

// Die prints the error and exits.
func Die(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

// Wrapped ends in Die: it never returns either.
func Wrapped(msg string) {
	Die(fmt.Errorf("%s", msg))
}
