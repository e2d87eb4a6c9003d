// Package handlers ends sessions stored by package session.
package handlers

import (
	"context"
	"time"

	"session"
)

// Logout ends the session by fetching its cancel from the context.
func Logout(ctx context.Context) {
	if end, ok := ctx.Value(session.Key).(context.CancelFunc); ok { // want `cancel function retrieved from a context value`
		end()
	}
}

// Extend stores another package's func() cancel helper's result.
func Extend(ctx context.Context) context.Context {
	ctx, end := session.Expiry(ctx, time.Hour)
	return context.WithValue(ctx, session.Key, end) // want `cancel function stored as a context value`
}

// Whoami reads an ordinary value: quiet.
func Whoami(ctx context.Context) string {
	if info, ok := ctx.Value(session.InfoKey).(session.Info); ok {
		return info.User
	}
	return ""
}
