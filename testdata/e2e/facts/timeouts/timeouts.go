// Package timeouts hands out request budgets.
package timeouts

import (
	"context"
	"time"
)

// NewTimeout returns a context bounded by the service's request budget
// and the function that releases it.
func NewTimeout(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	return ctx, cancel
}
