// Package client calls a backend within the request budget, but throws
// away the function that releases the budget.
package client

import (
	"context"

	"example.com/e2e/facts/timeouts"
)

// Get calls do within the request budget.
func Get(ctx context.Context, do func(context.Context) error) error {
	ctx, _ = timeouts.NewTimeout(ctx)
	return do(ctx)
}
