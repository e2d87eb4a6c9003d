// Package clean releases every context it derives.
package clean

import (
	"context"
	"time"
)

// Fetch calls fetch with a one-second budget.
func Fetch(parent context.Context, fetch func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return fetch(ctx)
}
