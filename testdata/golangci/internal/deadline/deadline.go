// Package deadline holds the service's timeout policy.
package deadline

import (
	"context"
	"time"
)

// Query bounds one database query. The caller must call the returned
// function to release the timer.
func Query(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	return ctx, func() { cancel() }
}
