// Package leak fetches a resource with a time budget and never releases
// the budget's timer.
package leak

import (
	"context"
	"time"
)

// Fetch calls fetch with a one-second budget.
func Fetch(parent context.Context, fetch func(context.Context) error) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	return fetch(ctx)
}
