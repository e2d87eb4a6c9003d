// Package detachedcleanup defines an analyzer that reports cleanup that runs
// on a context which is, or will be, already cancelled.
//
// (Rules are documented as the analyzer is implemented.)
package detachedcleanup
