// Package bgtimeout defines an analyzer that reports goroutines doing work
// with a context that can never expire.
//
// (Rules are documented as the analyzer is implemented.)
package bgtimeout
