// Package lostcancel2 defines an analyzer that reports cancel functions that
// are never called: discarded, not called on every path, stored in fields,
// maps or slices that nothing calls, overwritten, or deferred inside loops.
//
// (Rules are documented as the analyzer is implemented.)
package lostcancel2
