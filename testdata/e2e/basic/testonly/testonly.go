// Package testonly is clean; its tests are not.
package testonly

import "context"

// Ping reports whether ctx is still live.
func Ping(ctx context.Context) bool { return ctx.Err() == nil }
