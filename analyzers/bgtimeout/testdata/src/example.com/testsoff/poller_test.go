package testsoff

import (
	"context"
	"testing"
)

// Test files are skipped by default: the test binary's -timeout bounds them.
func TestPoller(t *testing.T) {
	p := &Poller{}
	go p.Run(context.Background())
	go func() { p.Run(context.Background()) }()
}
