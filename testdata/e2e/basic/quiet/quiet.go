// Package quiet discards cancel functions on purpose and says so in
// suppression comments, except where the comment names another linter.
// (No comment line here may start with the word: golangci-lint, and so
// ctxlint, would take it for a directive covering the whole file.)
package quiet

import (
	"context"
	"time"
)

// Detach returns a context that outlives the call; the caller owns it.
func Detach(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) //nolint:lostcancel2 // released when the process exits
	return ctx
}

// Bounded returns a context that ends with its deadline.
func Bounded(parent context.Context) context.Context {
	//nolint:all // the deadline releases it
	ctx, _ := context.WithTimeout(parent, time.Minute)
	return ctx
}

// Listed names several linters in one comment.
func Listed(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) //nolint:bgtimeout,lostcancel2
	return ctx
}

// Bare silences every linter on its line.
func Bare(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) //nolint
	return ctx
}

// Other silences a different linter only, so the finding stays.
func Other(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) //nolint:errcheck
	return ctx
}

// Vetted was suppressed for golangci-lint's govet, which reports this very
// finding through vet's lostcancel; the comment covers ours too.
func Vetted(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) //nolint:govet // the caller's parent is cancelled soon
	return ctx
}
