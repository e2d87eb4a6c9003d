// Package session attaches a user session, and its cancel, to contexts.
package session

import (
	"context"
	"time"
)

type key struct{}

// Key is the context key handlers use to find the session's cancel.
var Key = key{}

// Start begins a session whose cancel handlers can fetch with Key.
func Start(parent context.Context, ttl time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(parent, ttl)
	return context.WithValue(ctx, Key, cancel) // want `cancel function stored as a context value`
}

// Expiry returns a func() that ends a session early; the model records a
// ReturnsCancel fact on it, which other packages see.
func Expiry(parent context.Context, ttl time.Duration) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(parent, ttl)
	return ctx, func() { cancel() }
}

// Info is an ordinary value to carry.
type Info struct {
	User    string
	Expires time.Time
}

var InfoKey = key{}
