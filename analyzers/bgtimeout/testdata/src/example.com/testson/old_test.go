//go:build go1.22

package testson

import (
	"context"
	"testing"
)

// Before Go 1.24 there is no t.Context: reported without a fix.
func TestOld(t *testing.T) {
	p := &Poller{}
	go p.Run(context.Background()) // want `goroutine runs p.Run with context.Background\(\)`
}
